/**
 * HTTP contract of the session exchange: the join page trades the token from the URL fragment for a
 * short-lived session once, then uses only the session (socket.io handshake, reloads).
 */
import type { AppointmentInfo, RefusalReason, Role } from './join-token.ts';

/**
 * Body of `POST /api/session`: the token of a full link (`/join#<token>`), or the id of a short link
 * (`/join#<22 characters>`, docs/join-token.md "Short links"), which the service resolves with the issuer.
 */
export type CreateSessionRequest = { token: string } | { linkId: string };

/** Answer of `POST /api/session` (201) and `GET /api/session` (200). */
export interface SessionInfo {
  /** Opaque; send as `auth: { session }` in the socket.io handshake or `Authorization: Bearer`. */
  sessionToken: string;
  room: string;
  role: Role;
  participant: { id: string; name: string };
  appointment: AppointmentInfo;
  /** ISO time; the server renews the session while it is used, up to the token's window plus grace. */
  expiresAt: string;
  /**
   * `POST` only, citizens only: the call is over (ended for good, or the case finished and the appointment
   * past). The page opens this path of the service (`/documents#<capability>`: the citizen's documents
   * page, its capability in the fragment) instead of the device check.
   */
  documentsUrl?: string;
}

/** Every 401 of the session API carries one of these codes. */
export interface SessionRefusal {
  error: RefusalReason;
  message: string;
  /** For `not_yet_valid`: when the room opens (ISO). */
  opensAt?: string;
}

/** Name of the HttpOnly session cookie. */
export const SESSION_COOKIE = 'va_session';
