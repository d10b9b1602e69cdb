/**
 * Revoking join tokens (admin API): the token ids are stored, so the links are refused at the session
 * exchange (`revoked`) and every session opened with them stops working at its next use; the connections of
 * those sessions get `room:closed` (`revoked`) and are disconnected now. Revoking again changes nothing.
 */
import type { Logger } from '../log.ts';
import type { RevokedTokenRepository, SessionRepository } from './ports.ts';
import type { RoomNotifier } from '../rooms/ports.ts';

export interface RevokeDeps {
  revokedTokens: RevokedTokenRepository;
  sessions: SessionRepository;
  notifier: RoomNotifier;
  log: Logger;
  now?: () => Date;
}

export async function revokeTokens(
  deps: RevokeDeps,
  jtis: string[],
): Promise<{ revoked: number; sessionsEnded: number }> {
  const unique = [...new Set(jtis)];
  const now = deps.now?.() ?? new Date();
  for (const jti of unique) await deps.revokedTokens.revoke(jti, now);
  const sessions = await deps.sessions.findByJtis(unique);
  for (const session of sessions) {
    deps.notifier.sendToSession(session.id, 'room:closed', { reason: 'revoked' });
    deps.notifier.closeSession(session.id);
  }
  deps.log.info({ jtis: unique, sessions: sessions.length }, 'revokeTokens() | tokens revoked');
  return { revoked: unique.length, sessionsEnded: sessions.length };
}
