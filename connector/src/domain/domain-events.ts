/**
 * Domain events: what happened to an appointment, announced INSIDE the transaction of the change, so
 * whoever listens (the outbound webhooks' outbox) stores its consequence atomically with it — never
 * lost, never announced for a change that rolled back.
 *
 * Every change in appointment-changes.ts emits one event; listeners are `DomainDeps.events`
 * (wired in app.ts). A listener that throws rolls the whole change back.
 */
import type { AppointmentEvent } from './appointment-event.ts';
import type { DomainDeps, Repositories } from './ports.ts';

export {
  APPOINTMENT_EVENT_TYPES,
  type AppointmentEvent,
  type AppointmentEventType,
  type ChangeInitiator,
} from './appointment-event.ts';
export type { DomainEventSink } from './ports.ts';

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
