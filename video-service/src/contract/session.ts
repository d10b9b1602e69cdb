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
  /** The city's privacy statement (config `PRIVACY_URL`): an http(s) URL or a path of this service. */
  privacyUrl: string;
  /** Clerks only: their workplace at the connector (config `CLERK_WORKPLACE_URL`), linked when the call is over. */
  workplaceUrl?: string;
}

/**
 * What a `not_yet_valid` refusal of a genuine token tells the early page (docs/join-token.md "Opened too
 * early"): when the appointment starts and the room opens, in which zone and language to show it. Only
 * these public facts: no name, no title, no services, no session.
 */
export interface EarlyAppointment {
  /** ISO time of the appointment's start. */
  start: string;
  /** ISO time the room opens (the token's `nbf`). */
  opensAt: string;
  /** IANA zone the appointment is shown in (the token's `appt.tz`). */
  tz: string;
  /** The appointment's language (the token's `appt.locale`), when the token names one. */
  locale?: string;
}

/** Every 401 of the session API carries one of these codes. */
export interface SessionRefusal {
  error: RefusalReason;
  message: string;
  /** For `not_yet_valid`: when the room opens (ISO). */
  opensAt?: string;
  /** For `not_yet_valid` of a token whose signature, audience and expiry hold: the early page's facts. */
  appointment?: EarlyAppointment;
}

/** Name of the HttpOnly session cookie. */
export const SESSION_COOKIE = 'va_session';
