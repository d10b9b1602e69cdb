/**
 * Handshake middleware: a connection needs a valid session, as `auth: { session }` or the `va_session`
 * cookie. Refusals reach the client as `connect_error` whose message is `unauthorized` (no session) or the
 * refusal reason (`expired`, `revoked`, `invalid`).
 */
import type { ExtendedError } from 'socket.io';
import { SESSION_COOKIE } from '../contract/session.ts';
import { Unauthorized } from '../errors.ts';
import { errorFields, type Logger } from '../log.ts';
import type { SessionRecord } from '../sessions/ports.ts';
import { readCookie } from '../http/cookies.ts';
import type { VideoSocket } from './types.ts';

function refusal(message: string): ExtendedError {
  const error: ExtendedError = new Error(message);
  error.data = { reason: message };
  return error;
}

export function sessionHandshake(resume: (sessionToken: string) => Promise<{ session: SessionRecord }>, log: Logger) {
  return async (socket: VideoSocket, next: (error?: ExtendedError) => void): Promise<void> => {
    const auth: unknown = socket.handshake.auth;
    const fromAuth =
      auth && typeof auth === 'object' && 'session' in auth && typeof auth.session === 'string'
        ? auth.session
        : undefined;
    const token = fromAuth || readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    if (!token) return next(refusal('unauthorized'));
    try {
      const { session } = await resume(token);
      socket.data = {
        sessionId: session.id,
        room: session.room,
        participant: { id: session.participantId, role: session.role, name: session.name },
      };
      next();
    } catch (error) {
      if (error instanceof Unauthorized) return next(refusal(error.reason));
      log.error({ err: errorFields(error) }, 'handshake failed');
      next(refusal('internal'));
    }
  };
}
