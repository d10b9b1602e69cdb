/**
 * Short join links (docs/join-token.md "Short links", docs/adr/0011): the link carries a 22-character link
 * id instead of the token; the issuer (the connector) turns it into the token at `LINK_RESOLVER_URL`
 * (`POST { linkId }` → 200 `{ token }` | 404 | 410). The token is then verified like any other (ES256,
 * trusted keys, window, revocation), so the resolver is trusted for nothing but knowing which token a link
 * means: whatever it answers, only a token signed by a trusted key opens a session.
 */
import { Unauthorized } from '../errors.ts';
import { MAX_TOKEN_LENGTH } from './verify-join-token.ts';

/** 16 bytes, base64url: what a link id looks like (a JWT always has two dots, so the two never mix). */
export const LINK_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** The resolver could not be asked or answered nonsense: the page should try again shortly (503). */
export class LinkResolverUnavailable extends Error {
  override readonly name = 'LinkResolverUnavailable';
}

export interface LinkResolverOptions {
  url: string;
  /** One request's timeout; default 5 s. */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** @returns a function that turns a link id into its join token, or throws `Unauthorized` / `LinkResolverUnavailable`. */
export function createLinkResolver(options: LinkResolverOptions): (linkId: string) => Promise<string> {
  const fetchImpl = options.fetchImpl ?? fetch;
  return async (linkId) => {
    if (!LINK_ID_PATTERN.test(linkId)) throw new Unauthorized('The link is not valid.', { reason: 'invalid' });
    let response: Response;
    try {
      response = await fetchImpl(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        // The id is a credential: in the body, never in the URL (access logs).
        body: JSON.stringify({ linkId }),
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      });
    } catch (error) {
      throw new LinkResolverUnavailable('the link resolver could not be reached', { cause: error });
    }
    if (response.status === 410)
      throw new Unauthorized('This link was withdrawn (the appointment was moved or cancelled).', {
        reason: 'revoked',
      });
    if (response.status === 404) throw new Unauthorized('The link is not valid.', { reason: 'invalid' });
    if (response.status !== 200) throw new LinkResolverUnavailable(`the link resolver answered ${response.status}`);
    const body = (await response.json().catch(() => null)) as { token?: unknown } | null;
    const token = body?.token;
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      throw new LinkResolverUnavailable('the link resolver answered without a token');
    }
    return token;
  };
}
