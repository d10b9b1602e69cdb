/**
 * Verifies a service token of the admin API: ES256 only, signed by a key of the same trusted JWKS as join
 * tokens (named by `kid`), audience exactly `video-service-admin`, `iss` among TRUSTED_ISSUERS when set,
 * `exp` required and at most an hour after `iat`, 30 s clock tolerance. A join token can never pass (its
 * audience is `video-service`). Refusals are `Unauthorized('invalid')`.
 */
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { ADMIN_TOKEN_AUDIENCE, CLOCK_TOLERANCE_SECONDS, JOIN_TOKEN_ALGORITHM } from '../contract/join-token.ts';
import { Unauthorized } from '../errors.ts';
import type { KeyStore } from './key-store.ts';
import { MAX_TOKEN_LENGTH } from './verify-join-token.ts';

/** Longest accepted lifetime of a service token. */
export const MAX_ADMIN_TOKEN_LIFETIME_SECONDS = 3600;

const claimsSchema = z.object({
  iss: z.string().min(1).max(256),
  aud: z.literal(ADMIN_TOKEN_AUDIENCE),
  iat: z.number(),
  exp: z.number(),
  sub: z.string().max(256).optional(),
  jti: z.string().max(128).optional(),
});
export type AdminClaims = z.infer<typeof claimsSchema>;

const refuse = (cause?: unknown) =>
  new Unauthorized('A valid service token is required.', { reason: 'invalid', cause });

export async function verifyAdminToken(
  token: string,
  deps: { keys: KeyStore; trustedIssuers?: string[] },
): Promise<AdminClaims> {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw refuse();
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || typeof decoded.payload !== 'object') throw refuse();
  const { alg, kid } = decoded.header;
  if (alg !== JOIN_TOKEN_ALGORITHM || typeof kid !== 'string') throw refuse();
  const key = await deps.keys.getKey(kid);
  if (!key) throw refuse();
  let payload: unknown;
  try {
    payload = jwt.verify(token, key, {
      algorithms: [JOIN_TOKEN_ALGORITHM],
      audience: ADMIN_TOKEN_AUDIENCE,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      ...(deps.trustedIssuers ? { issuer: deps.trustedIssuers as [string, ...string[]] } : {}),
    });
  } catch (error) {
    throw refuse(error);
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw refuse(claims.error);
  if (claims.data.exp - claims.data.iat > MAX_ADMIN_TOKEN_LIFETIME_SECONDS) throw refuse();
  return claims.data;
}
