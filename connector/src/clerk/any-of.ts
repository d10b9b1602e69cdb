/**
 * `anyOf(a, b, …)`: one AuthenticateClerk out of several — the first that recognises the request wins. The
 * workplace accepts the sign-in's session (./session/) and plug-in tokens (./plugin-token-auth.ts) this way,
 * without either knowing of the other. Authenticators are tried in order; a failing one counts as "no".
 */
import type { AuthenticateClerk } from './principal.ts';

export function anyOf(...authenticators: AuthenticateClerk[]): AuthenticateClerk {
  return async (req) => {
    for (const authenticate of authenticators) {
      const principal = await authenticate(req).catch(() => null);
      if (principal) return principal;
    }
    return null;
  };
}
