/**
 * The appointment as the connector owns it, plus the normalised booking events every adapter
 * (generic webhook, Cal.com, Easy!Appointments, iCal feeds, REST) produces.
 */

/** Facts about the citizen from the booking that only the clerk's ID check uses (verify-facts.ts finds them). */
export interface CitizenFacts {
  /** YYYY-MM-DD. */
  birthDate?: string;
  street?: string;
  postcode?: string;
}

export const APPOINTMENT_STATUSES = ['scheduled', 'cancelled', 'completed'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export interface Citizen {
  name: string;
  /** Empty when the booking system did not say (then no mail is sent, the links are still answered). */
  email: string;
  phone?: string;
  /** BCP 47 tag, e.g. "de" or "en-GB"; decides the mail language. */
  locale?: string;
  /**
   * Facts for the ID check's security questions the booking system sent (./verify-facts.ts): only ever
   * put into the clerk's join token, never mailed, shown to the citizen or logged.
   */
  verify?: CitizenFacts;
}

export interface Clerk {
  id: string;
  name: string;
  email?: string;
}

/** What identifies the currently valid links; tokens themselves are never stored. */
export interface LinkCredentials {
  citizenJti: string;
  clerkJti: string;
  cancelJti: string;
  /** SHA-256 (hex) of the random key in the .ics link. */
  icsKeyHash: string;
}

export interface Appointment {
  /** Lowercase UUID chosen by the connector. */
  id: string;
  /** `generic`, `calcom`, `easyappointments`, `api` or `ical:<feed>`. */
  source: string;
  /** The booking system's own id. Unique together with `source`. */
  externalId: string;
  status: AppointmentStatus;
  title: string;
  start: Date;
  end: Date;
  /** IANA zone the appointment is shown in. */
  timezone: string;
  /** Service codes (several concerns in one appointment), see connector/catalogue/services.json. */
  services: string[];
  citizen: Citizen;
  clerk: Clerk | null;
  notes: string | null;
  /** `appt-<id>`: the video room. */
  roomId: string;
  /** iCalendar SEQUENCE: 0 when created, +1 on every reschedule or cancellation. */
  sequence: number;
  credentials: LinkCredentials;
  createdAt: Date;
  updatedAt: Date;
}

/** The links handed to the booking system and mailed to the citizen. */
export interface AppointmentLinks {
  citizen: string;
  clerk: string;
  cancel: string;
  ics: string;
}

/** The booking data an adapter extracted from its payload. */
export interface BookingDetails {
  externalId: string;
  title: string;
  start: Date;
  end: Date;
  timezone: string;
  services: string[];
  citizen: Citizen;
  clerk: Clerk | null;
  notes: string | null;
}

/** A normalised inbound event. */
export type BookingEvent =
  | { type: 'created'; booking: BookingDetails }
  | {
      type: 'rescheduled';
      booking: BookingDetails;
      /** Set when the booking system gives the moved booking a new id (Cal.com `rescheduleUid`). */
      previousExternalId?: string;
    }
  | { type: 'cancelled'; externalId: string; reason?: string }
  /**
   * The booking as it is now, for systems that do not say what changed (Easy!Appointments'
   * `appointment_save`): create, move (times differ) or take over the other fields — save-booking.ts.
   */
  | { type: 'saved'; booking: BookingDetails };

/** What a webhook answers on success, and what is stored for an idempotent replay. */
export interface SyncAnswer {
  appointmentId: string;
  roomId: string;
  status: AppointmentStatus;
  /**
   * Absent for a cancelled appointment (its links no longer work). `ics` is null only for an unchanged
   * appointment whose .ics key cannot be derived again (docs/adr/0004).
   */
  links?: Omit<AppointmentLinks, 'ics'> & { ics: string | null };
}

/** Room id of an appointment: `appt-<uuid>` fits the video service's `[a-z0-9-]{1,64}`. */
export function roomIdFor(appointmentId: string): string {
  return `appt-${appointmentId.toLowerCase()}`;
}
