/**
 * The join token: the contract between whoever issues links (the connector) and the video service.
 * The video service defines it; see docs/join-token.md. A token alone defines the room, so no prior
 * "create room" call exists.
 */
import { z } from 'zod';

/** `aud` of every join token. */
export const JOIN_TOKEN_AUDIENCE = 'video-service';
/** `aud` of service tokens for the admin API. */
export const ADMIN_TOKEN_AUDIENCE = 'video-service-admin';
/** The only signature algorithm accepted (and issued). */
export const JOIN_TOKEN_ALGORITHM = 'ES256';
/** Clock tolerance in seconds when checking `exp` and `nbf`. */
export const CLOCK_TOLERANCE_SECONDS = 30;

export const ROLES = ['citizen', 'clerk', 'guest'] as const;
export type Role = (typeof ROLES)[number];

/** Room ids are URL- and log-safe: lowercase letters, digits and dashes. */
export const roomIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, 'room must match [a-z0-9-]{1,64}');

/**
 * Booking facts for the ID check's security questions (`appt.verify`): what the booking system knows of the
 * citizen and the room does not show them. Only in clerk tokens; the video service drops it from every
 * other role's session, so it never reaches the citizen's browser (issue 11, item 11).
 */
export const verifyFactsSchema = z.object({
  /** YYYY-MM-DD. */
  birthDate: z.string().max(10).optional(),
  postcode: z.string().max(20).optional(),
  street: z.string().max(200).optional(),
  email: z.string().max(254).optional(),
  phone: z.string().max(40).optional(),
});
export type VerifyFacts = z.infer<typeof verifyFactsSchema>;

export const appointmentInfoSchema = z.object({
  id: z.string().min(1).max(128),
  title: z.string().max(300),
  /** ISO 8601 with offset. */
  start: z.string(),
  end: z.string(),
  /** IANA zone the appointment is shown in, e.g. Europe/Berlin. */
  tz: z.string(),
  /** Service codes booked (several concerns in one appointment). */
  services: z.array(z.string()),
  /** Preferred UI language of this participant, e.g. "de" or "en". */
  locale: z.string().optional(),
  /** Clerk tokens only: booking facts for the ID check's security questions (see `verifyFactsSchema`). */
  verify: verifyFactsSchema.optional(),
});
export type AppointmentInfo = z.infer<typeof appointmentInfoSchema>;

export const joinClaimsSchema = z.object({
  iss: z.string().min(1),
  aud: z.union([z.literal(JOIN_TOKEN_AUDIENCE), z.array(z.string()).refine((a) => a.includes(JOIN_TOKEN_AUDIENCE))]),
  /** Participant id: stable for this person in this appointment; the seat is keyed by it. */
  sub: z.string().min(1).max(128),
  jti: z.string().min(1).max(128),
  iat: z.number(),
  /** The room opens (e.g. 15 minutes before the start). */
  nbf: z.number(),
  /** End of the appointment plus grace. */
  exp: z.number(),
  room: roomIdSchema,
  role: z.enum(ROLES),
  name: z.string().max(200),
  appt: appointmentInfoSchema,
});
export type JoinClaims = z.infer<typeof joinClaimsSchema>;

/** Why a token or session was refused; the join page explains each one to the person. */
export const REFUSAL_REASONS = ['expired', 'not_yet_valid', 'revoked', 'invalid'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
