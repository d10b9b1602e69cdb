/**
 * Domain events: what happened to an appointment, announced INSIDE the transaction of the change, so
 * whoever listens (the outbound webhooks' outbox) stores its consequence atomically with it — never
 * lost, never announced for a change that rolled back.
 *
 * Every change in appointment-changes.ts emits one event; listeners are `DomainDeps.events`
 * (wired in app.ts). A listener that throws rolls the whole change back.
 */
import type { Appointment, AppointmentLinks } from './appointment.ts';
import type { DomainDeps, Repositories } from './ports.ts';

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

/** A listener for domain events. */
export interface DomainEventSink {
  /**
   * Called inside the change's transaction; write through `repos` (they share the transaction).
   * Throwing rolls the change back.
   */
  record(event: AppointmentEvent, repos: Repositories): Promise<void>;
}

/** Hands `event` to every configured sink, in order, inside the caller's transaction. */
export async function emitAppointmentEvent(
  ctx: { deps: Pick<DomainDeps, 'events' | 'now'>; repos: Repositories },
  event: Omit<AppointmentEvent, 'occurredAt'>,
): Promise<void> {
  const sinks = ctx.deps.events ?? [];
  if (!sinks.length) return;
  const full: AppointmentEvent = { ...event, occurredAt: ctx.deps.now() };
  for (const sink of sinks) await sink.record(full, ctx.repos);
}
