/**
 * Turns appointment events (domain/domain-events.ts) into outbound webhook events, written to the
 * outbox inside the change's transaction:
 * - created, rescheduled, links reissued → `appointment.linked` with the links valid from now on;
 * - cancelled (by the booking system, the citizen on the cancel page, or the API) → `appointment.cancelled`.
 * Payloads: docs/outbound-webhooks.md.
 */
import type { AppointmentEvent, AppointmentEventType, DomainEventSink } from '../domain/domain-events.ts';
import type { OutboundEventDraft } from '../domain/outbound-ports.ts';

type Mapper = (event: AppointmentEvent) => OutboundEventDraft;

const linked =
  (change: 'created' | 'rescheduled' | 'links_reissued'): Mapper =>
  (event) => ({
    type: 'appointment.linked',
    appointmentId: event.appointment.id,
    data: { ...appointmentFields(event), change, links: event.links },
  });

const MAPPERS: Record<AppointmentEventType, Mapper> = {
  'appointment.created': linked('created'),
  'appointment.rescheduled': linked('rescheduled'),
  'appointment.links_reissued': linked('links_reissued'),
  'appointment.cancelled': (event) => ({
    type: 'appointment.cancelled',
    appointmentId: event.appointment.id,
    data: { ...appointmentFields(event), cancelledBy: event.initiator, reason: event.reason ?? null },
  }),
};

/** What identifies the appointment for the receiver: our id, its own id (`externalId`) and the room. */
function appointmentFields(event: AppointmentEvent) {
  const a = event.appointment;
  return {
    appointmentId: a.id,
    source: a.source,
    externalId: a.externalId,
    roomId: a.roomId,
    status: a.status,
    start: a.start.toISOString(),
    end: a.end.toISOString(),
    timezone: a.timezone,
    sequence: a.sequence,
    initiator: event.initiator,
    occurredAt: event.occurredAt.toISOString(),
  };
}

/** The sink to list in `DomainDeps.events`. */
export const outboundWebhookSink: DomainEventSink = {
  async record(event, repos) {
    const mapper = MAPPERS[event.type];
    if (!mapper) return;
    await repos.outboundEvents.publish(mapper(event), event.occurredAt);
  },
};
