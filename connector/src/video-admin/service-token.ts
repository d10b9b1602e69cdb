/**
 * Service tokens for the video service's admin API: ES256 with the connector's signing key (the video
 * service already trusts its JWKS for join tokens), `aud: "video-service-admin"`, a fresh `jti` and a
 * short life, so a leaked one is worthless within a minute.
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ADMIN_TOKEN_AUDIENCE, JOIN_TOKEN_ALGORITHM } from '@virtuelles-amt/video-service/contract/join-token';
import type { SigningKey } from '../tokens/signing-key.ts';

/** Lifetime of a service token. */
export const SERVICE_TOKEN_TTL_SECONDS = 60;

/** Signs a service token; `issuer` is the connector's PUBLIC_URL (the `iss` of its join tokens). */
export function issueServiceToken(key: SigningKey, issuer: string, now: Date = new Date()): string {
  const iat = Math.floor(now.getTime() / 1000);
  return jwt.sign(
    {
      iss: issuer,
      aud: ADMIN_TOKEN_AUDIENCE,
      sub: 'connector',
      jti: randomUUID(),
      iat,
      nbf: iat - 5,
      exp: iat + SERVICE_TOKEN_TTL_SECONDS,
    },
    key.privateKey,
    { algorithm: JOIN_TOKEN_ALGORITHM, keyid: key.kid },
  );
}
