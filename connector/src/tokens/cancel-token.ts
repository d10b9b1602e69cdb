/**
 * The token in the citizen's cancel link: ES256 JWT with `aud: connector-cancel`, `sub` = appointment
 * id, valid until the appointment starts. Verified only by the connector itself.
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Unauthorized } from '../errors.ts';
import type { CancelTokenVerifier } from '../domain/ports.ts';
import type { SigningKey } from './signing-key.ts';

export const CANCEL_TOKEN_AUDIENCE = 'connector-cancel';

export function issueCancelToken(
  key: SigningKey,
  input: {
    issuer: string;
    appointmentId: string;
    expiresAt: Date;
    now?: Date /** Re-sign for this existing token id. */;
    jti?: string;
  },
): { token: string; jti: string } {
  const jti = input.jti ?? randomUUID();
  const now = input.now ?? new Date();
  const token = jwt.sign(
    {
      iss: input.issuer,
      aud: CANCEL_TOKEN_AUDIENCE,
      sub: input.appointmentId,
      jti,
      iat: Math.floor(now.getTime() / 1000),
      // Never already expired at issue time: a booking for "now" still gets a working link briefly.
      exp: Math.floor(Math.max(input.expiresAt.getTime(), now.getTime() + 60_000) / 1000),
    },
    key.privateKey,
    { algorithm: 'ES256', keyid: key.kid },
  );
  return { token, jti };
}

/** Verifies with an explicit algorithm list and audience; any failure is Unauthorized. */
export function cancelTokenVerifier(key: SigningKey): CancelTokenVerifier {
  return {
    verify(token: string) {
      try {
        const claims = jwt.verify(token, key.publicKey, {
          algorithms: ['ES256'],
          audience: CANCEL_TOKEN_AUDIENCE,
          clockTolerance: 30,
        });
        if (typeof claims === 'string' || !claims.sub || !claims.jti) throw new Error('claims missing');
        return { appointmentId: claims.sub, jti: claims.jti };
      } catch (err) {
        const expired = err instanceof jwt.TokenExpiredError;
        throw new Unauthorized(expired ? 'this cancel link has expired' : 'this cancel link is not valid', {
          reason: expired ? 'link_expired' : 'invalid_link',
          cause: err,
        });
      }
    },
  };
}
