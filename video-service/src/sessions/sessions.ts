/**
 * Session use cases: the join page trades its link token for a session once (`createSession`), then uses
 * the session for reloads and the socket.io handshake (`resumeSession`), and may log out (`endSession`).
 */
import type { JoinClaims } from '../contract/join-token.ts';
import type { SessionInfo } from '../contract/session.ts';
import type { SessionRecord, SessionRepository, RevokedTokenRepository } from './ports.ts';
import type { Logger } from '../log.ts';
import { newSessionToken, sessionIdOf } from './session-token.ts';
import { assertSessionUsable, slidingExpiry } from './session-policy.ts';
import { Unauthorized } from '../errors.ts';

export interface SessionDeps {
  sessions: SessionRepository;
  revokedTokens: RevokedTokenRepository;
  /** Verifies a join token (tokens/verify-join-token.ts bound to its keys). */
  verifyToken: (token: string) => Promise<JoinClaims>;
  /**
   * Turns a short link's id into its join token (tokens/link-resolver.ts); absent when no resolver is
   * configured. Throws `Unauthorized` (invalid, revoked) or `LinkResolverUnavailable`.
   */
  resolveLink?: (linkId: string) => Promise<string>;
  ttlMinutes: number;
  log: Logger;
  now?: () => Date;
  /**
   * For a citizen opening the link again after the call: the documents page URL when the call is over
   * (casework/documents/case-documents.ts `afterTheCall`), else null.
   */
  documentsAfterTheCall?: (room: string) => Promise<string | null>;
}

/** A session as the use cases give it; the route adds what the page needs besides (the privacy statement's link). */
export type OpenedSession = Omit<SessionInfo, 'privacyUrl'>;

function toInfo(sessionToken: string, s: SessionRecord): OpenedSession {
  return {
    sessionToken,
    room: s.room,
    role: s.role,
    participant: { id: s.participantId, name: s.name },
    appointment: s.appointment,
    expiresAt: s.expiresAt.toISOString(),
  };
}

function withoutVerify(appointment: JoinClaims['appt']): JoinClaims['appt'] {
  const { verify: _dropped, ...rest } = appointment;
  return rest;
}

/** Verifies the join token and opens a session for its participant. Throws `Unauthorized` with a reason. */
export async function createSession(deps: SessionDeps, joinToken: string): Promise<OpenedSession> {
  const claims = await deps.verifyToken(joinToken);
  const now = deps.now?.() ?? new Date();
  const sessionToken = newSessionToken();
  const tokenExp = new Date(claims.exp * 1000);
  const record: SessionRecord = {
    id: sessionIdOf(sessionToken),
    room: claims.room,
    participantId: claims.sub,
    role: claims.role,
    name: claims.name,
    // Booking facts for the ID check's questions stay with clerks: a citizen's session (and so their browser) never holds them.
    appointment: claims.role === 'clerk' ? claims.appt : withoutVerify(claims.appt),
    tokenJti: claims.jti,
    tokenExp,
    tokenIat: new Date(claims.iat * 1000),
    expiresAt: slidingExpiry(now, deps.ttlMinutes, tokenExp),
    createdAt: now,
  };
  await deps.sessions.removeExpired(now);
  await deps.sessions.insert(record);
  deps.log.info(
    { room: record.room, participant: record.participantId, role: record.role, jti: record.tokenJti },
    'createSession() | session opened',
  );
  const documentsUrl = record.role === 'citizen' ? await deps.documentsAfterTheCall?.(record.room) : null;
  return documentsUrl ? { ...toInfo(sessionToken, record), documentsUrl } : toInfo(sessionToken, record);
}

/**
 * A short link (docs/adr/0011): its id is turned into the join token it stands for, which then opens the
 * session exactly as a token from a full link does (same checks, same seat, same refusals).
 */
export async function createSessionFromLink(deps: SessionDeps, linkId: string): Promise<OpenedSession> {
  if (!deps.resolveLink) throw new Unauthorized('The link is not valid.', { reason: 'invalid' });
  return createSession(deps, await deps.resolveLink(linkId));
}

/**
 * Checks the session and slides its expiry; returns the renewed info and the stored record. An expiry that
 * would move forward by less than `renewalStepMs` is left as stored: every socket handshake resumes the
 * session, and a write there is a commit on the way into the call. The session then ends at most that step
 * earlier than "idle TTL after the last use" — never later, so the security semantics hold.
 */
export async function resumeSession(
  deps: SessionDeps,
  sessionToken: string,
): Promise<{ info: OpenedSession; session: SessionRecord }> {
  const now = deps.now?.() ?? new Date();
  const found = await deps.sessions.findById(sessionIdOf(sessionToken));
  const session = await assertSessionUsable(found, now, deps.revokedTokens);
  const expiresAt = slidingExpiry(now, deps.ttlMinutes, session.tokenExp);
  const moves = expiresAt.getTime() - session.expiresAt.getTime();
  if (moves >= 0 && moves < renewalStepMs(deps.ttlMinutes)) return { info: toInfo(sessionToken, session), session };
  await deps.sessions.setExpiry(session.id, expiresAt);
  const renewed = { ...session, expiresAt };
  return { info: toInfo(sessionToken, renewed), session: renewed };
}

/** The least a renewal moves the expiry: one minute, or a tenth of a shorter idle TTL. */
export function renewalStepMs(ttlMinutes: number): number {
  return Math.min(60_000, (ttlMinutes * 60_000) / 10);
}

/** Loads a session by its id (as kept on a socket) without renewing it; throws `Unauthorized` when unusable. */
export async function loadSession(
  deps: Pick<SessionDeps, 'sessions' | 'revokedTokens' | 'now'>,
  sessionId: string,
): Promise<SessionRecord> {
  const now = deps.now?.() ?? new Date();
  return assertSessionUsable(await deps.sessions.findById(sessionId), now, deps.revokedTokens);
}

/** Logs out: the session cannot be used again. Unknown tokens are ignored. */
export async function endSession(deps: SessionDeps, sessionToken: string): Promise<void> {
  await deps.sessions.remove(sessionIdOf(sessionToken));
}
