/**
 * How long a session lives: it slides by the idle TTL on every use but never beyond the join token's `exp`
 * plus a grace, so a token expiring in the middle of a call does not break a reload, while a session cannot
 * outlive its appointment by much.
 */
import { Unauthorized } from '../errors.ts';
import type { SessionRecord, RevokedTokenRepository } from './ports.ts';

/** How long after the token's `exp` a session may still be renewed: 2 hours. */
export const SESSION_GRACE_AFTER_TOKEN_MS = 2 * 3600_000;

/** The latest moment this session may live to. */
export function sessionHardLimit(tokenExp: Date): Date {
  return new Date(tokenExp.getTime() + SESSION_GRACE_AFTER_TOKEN_MS);
}

/** The session's next expiry when used at `now`. */
export function slidingExpiry(now: Date, ttlMinutes: number, tokenExp: Date): Date {
  return new Date(Math.min(now.getTime() + ttlMinutes * 60_000, sessionHardLimit(tokenExp).getTime()));
}

/** Throws `Unauthorized` when the session is missing, expired or its token was revoked. */
export async function assertSessionUsable(
  session: SessionRecord | null,
  now: Date,
  revokedTokens: RevokedTokenRepository,
): Promise<SessionRecord> {
  if (!session) throw new Unauthorized('The session is not valid. Please open your link again.', { reason: 'invalid' });
  if (session.expiresAt.getTime() <= now.getTime())
    throw new Unauthorized('The session has expired. Please open your link again.', { reason: 'expired' });
  if (await revokedTokens.isRevoked(session.tokenJti))
    throw new Unauthorized('This link was withdrawn (the appointment was moved or cancelled).', { reason: 'revoked' });
  return session;
}
