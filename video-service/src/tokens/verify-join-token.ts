/**
 * Verifies a join token: ES256 only (RFC 7518 §3.4), signed by a trusted key named by its `kid`, audience
 * `video-service`, 30 s clock tolerance, claims as in contract/join-token.ts, jti not revoked.
 * Refusals are `Unauthorized` errors whose `reason` the join page explains.
 */
import jwt from 'jsonwebtoken';
import {
  CLOCK_TOLERANCE_SECONDS,
  JOIN_TOKEN_ALGORITHM,
  JOIN_TOKEN_AUDIENCE,
  joinClaimsSchema,
  type JoinClaims,
} from '../contract/join-token.ts';
import { Unauthorized } from '../errors.ts';
import type { RevokedTokenRepository } from '../sessions/ports.ts';
import type { KeyStore } from './key-store.ts';

/** Tokens longer than this are refused before any parsing. */
export const MAX_TOKEN_LENGTH = 8192;

export interface VerifyJoinTokenDeps {
  keys: KeyStore;
  revokedTokens: RevokedTokenRepository;
  /** Accepted `iss` values; undefined accepts any issuer whose key is trusted. */
  trustedIssuers?: string[];
}

const invalid = (message: string, cause?: unknown) => new Unauthorized(message, { reason: 'invalid', cause });

/** Returns the token's claims or throws `Unauthorized` (expired | not_yet_valid with opensAt | revoked | invalid). */
export async function verifyJoinToken(token: string, deps: VerifyJoinTokenDeps): Promise<JoinClaims> {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH)
    throw invalid('The link is not valid.');
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || typeof decoded.payload !== 'object') throw invalid('The link is not valid.');
  const { alg, kid } = decoded.header;
  if (alg !== JOIN_TOKEN_ALGORITHM || typeof kid !== 'string') throw invalid('The link is not valid.');
  const key = await deps.keys.getKey(kid);
  if (!key) throw invalid('The link was not issued by a trusted system.');

  const options: jwt.VerifyOptions = {
    algorithms: [JOIN_TOKEN_ALGORITHM],
    audience: JOIN_TOKEN_AUDIENCE,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    ...(deps.trustedIssuers ? { issuer: deps.trustedIssuers as [string, ...string[]] } : {}),
  };
  let payload: unknown;
  try {
    payload = jwt.verify(token, key, options);
  } catch (error) {
    if (error instanceof jwt.NotBeforeError) return refuseEarly(token, key, options, error, deps);
    throw refusalOf(error);
  }
  return usableClaims(payload, deps);
}

function refusalOf(error: unknown): Unauthorized {
  if (error instanceof jwt.TokenExpiredError)
    return new Unauthorized('The appointment is over; this link has expired.', { reason: 'expired', cause: error });
  return invalid('The link is not valid.', error);
}

async function usableClaims(payload: unknown, deps: VerifyJoinTokenDeps): Promise<JoinClaims> {
  const claims = joinClaimsSchema.safeParse(payload);
  if (!claims.success) throw invalid('The link is not valid.', claims.error);
  if (await deps.revokedTokens.isRevoked(claims.data.jti))
    throw new Unauthorized('This link was withdrawn (the appointment was moved or cancelled).', { reason: 'revoked' });
  return claims.data;
}

/**
 * The room is not open yet. jsonwebtoken stops at `nbf` before it looks at audience, issuer and expiry, so
 * the token is verified once more with only `nbf` ignored: a forged, foreign, expired or withdrawn token
 * gets its own refusal, and only a genuine one learns its appointment's public facts (issue 11, item 14).
 */
async function refuseEarly(
  token: string,
  key: jwt.Secret | jwt.PublicKey,
  options: jwt.VerifyOptions,
  early: jwt.NotBeforeError,
  deps: VerifyJoinTokenDeps,
): Promise<never> {
  let payload: unknown;
  try {
    payload = jwt.verify(token, key, { ...options, ignoreNotBefore: true });
  } catch (error) {
    throw refusalOf(error);
  }
  const claims = await usableClaims(payload, deps);
  const { start, tz, locale } = claims.appt;
  throw new Unauthorized('The room is not open yet.', {
    reason: 'not_yet_valid',
    cause: early,
    opensAt: early.date,
    early: { start, opensAt: early.date.toISOString(), tz, ...(locale ? { locale } : {}) },
  });
}
