/**
 * Plug-in tokens (issue 13, item 3; docs/ui-plugins.md, ADR 0105): a scheduler's backend asks for one with its
 * API key (POST /api/plugin-tokens) and hands it to the clerk's browser, which sends it as
 * `Authorization: Bearer <token>` to /clerk/api/*. The browser never holds the API key.
 *
 * JWT, ES256 with the connector's signing key (`kid` header), `aud: "va-plugin"`, short-lived (default 1 h,
 * at most 8 h). The scope is the clerk: `sub` (id), `name`, `desks`. Verification names its one algorithm,
 * the audience and the issuer explicitly and allows a small clock skew (INTEGRATION-FACTS.md "Tokens").
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { SigningKey } from './signing-key.ts';

export const PLUGIN_TOKEN_AUDIENCE = 'va-plugin';
export const PLUGIN_TOKEN_ALGORITHM = 'ES256';
/** Default and longest lifetime in seconds. */
export const PLUGIN_TOKEN_DEFAULT_TTL = 3600;
export const PLUGIN_TOKEN_MAX_TTL = 8 * 3600;
/** Clock skew tolerated between the connector's processes (seconds). */
const CLOCK_TOLERANCE = 5;

/** What a plug-in token grants: the workplace as this clerk, limited to these desks. */
export interface PluginScope {
  clerkId: string;
  name: string;
  desks: string[];
  /** The token's id: the principal's "session" (never logged). */
  jti: string;
  expiresAt: Date;
}

const claimsSchema = z.object({
  sub: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  desks: z.array(z.string().min(1).max(64)).max(50),
  jti: z.string().min(1),
  exp: z.number().int(),
  scope: z.literal('clerk-workplace'),
});

export interface IssuePluginTokenInput {
  /** Our PUBLIC_URL (`iss`). */
  issuer: string;
  clerk: { id: string; name: string; desks: string[] };
  /** Seconds; default 3600, at most 28 800 (callers validate; this clamps). */
  ttlSeconds?: number;
  now?: Date;
}

/** Signs a plug-in token. */
export function issuePluginToken(
  key: SigningKey,
  input: IssuePluginTokenInput,
): { token: string; expiresAt: Date; jti: string } {
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const ttl = Math.min(Math.max(1, Math.floor(input.ttlSeconds ?? PLUGIN_TOKEN_DEFAULT_TTL)), PLUGIN_TOKEN_MAX_TTL);
  const jti = randomUUID();
  const claims = {
    iss: input.issuer,
    aud: PLUGIN_TOKEN_AUDIENCE,
    sub: input.clerk.id,
    name: input.clerk.name,
    desks: [...new Set(input.clerk.desks)],
    scope: 'clerk-workplace',
    jti,
    iat: now,
    // A little in the past, so a process whose clock is slightly behind accepts it at once.
    nbf: now - CLOCK_TOLERANCE,
    exp: now + ttl,
  };
  const token = jwt.sign(claims, key.privateKey, { algorithm: PLUGIN_TOKEN_ALGORITHM, keyid: key.kid });
  return { token, expiresAt: new Date((now + ttl) * 1000), jti };
}

/**
 * The scope of a valid plug-in token, or null for anything else (expired, not yet valid, tampered, signed by
 * another key, another audience or issuer, another algorithm, claims out of shape).
 */
export function verifyPluginToken(
  key: SigningKey,
  token: string,
  issuer: string,
  now: Date = new Date(),
): PluginScope | null {
  let payload: unknown;
  try {
    payload = jwt.verify(token, key.publicKey, {
      algorithms: [PLUGIN_TOKEN_ALGORITHM],
      audience: PLUGIN_TOKEN_AUDIENCE,
      issuer,
      clockTolerance: CLOCK_TOLERANCE,
      clockTimestamp: Math.floor(now.getTime() / 1000),
    });
  } catch {
    return null;
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) return null;
  const c = claims.data;
  return { clerkId: c.sub, name: c.name, desks: c.desks, jti: c.jti, expiresAt: new Date(c.exp * 1000) };
}
