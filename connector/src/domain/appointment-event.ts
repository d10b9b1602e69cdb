/**
 * What a domain event says (domain-events.ts announces them). Its own file so that ports.ts can name the
 * listener interface without importing domain-events.ts, which imports ports.ts (no import loop).
 */
import type { Appointment, AppointmentLinks } from './appointment.ts';

export const APPOINTMENT_EVENT_TYPES = [
  'appointment.created',
  'appointment.rescheduled',
  'appointment.cancelled',
  /** New links for an unchanged appointment (REST `POST /api/appointments/{id}/links`). */
  'appointment.links_reissued',
] as const;
export type AppointmentEventType = (typeof APPOINTMENT_EVENT_TYPES)[number];

/**
 * Who caused the change: the booking system itself (webhook, feed), the citizen (cancel page) or a
 * scheduler through the REST API. A booking system does not need to be told what it did itself;
 * it must be told what the citizen did.
 */
export type ChangeInitiator = 'booking_system' | 'citizen' | 'api';

export interface AppointmentEvent {
  type: AppointmentEventType;
  /** The appointment after the change (status, times, sequence, current credentials). */
  appointment: Appointment;
  /** The links valid from now on; null for a cancellation. */
  links: AppointmentLinks | null;
  initiator: ChangeInitiator;
  /** Free text reason where the source gave one (cancellations). */
  reason?: string;
  occurredAt: Date;
}
