/**
 * Use case: a booking system tells us an appointment was created, moved or cancelled.
 *
 * Story: claim the delivery id (a unique row, so two concurrent deliveries cannot both act) — seen
 * before? replay the stored answer. Otherwise apply the change with its citizen mail and store the
 * answer — all in one transaction.
 */
import { Conflict, InvalidState, NotFound } from '../errors.ts';
import type { BookingEvent, SyncAnswer } from './appointment.ts';
import {
  cancelAppointment,
  createAppointment,
  rescheduleAppointment,
  type ChangeContext,
} from './appointment-changes.ts';
import type { DomainDeps } from './ports.ts';
import { saveBooking } from './save-booking.ts';

/** Where an event came from: the adapter's source name and the delivery's idempotency key. */
export interface Delivery {
  source: string;
  deliveryId: string;
}

type Handler<E extends BookingEvent> = (ctx: ChangeContext, source: string, event: E) => Promise<SyncAnswer>;
type Handlers = { [T in BookingEvent['type']]: Handler<Extract<BookingEvent, { type: T }>> };

const HANDLERS: Handlers = {
  // A "created" for a booking we already hold (Cal.com sends BOOKING_CREATED again with a new createdAt)
  // converges to the payload's state like a save: same links, no second appointment, no second mail;
  // other times → a reschedule. Answering non-2xx would only make the sender log a failure and retry.
  created: (ctx, source, event) => saveBooking(ctx, source, event.booking),

  async rescheduled(ctx, source, event) {
    const lookupId = event.previousExternalId ?? event.booking.externalId;
    const existing =
      (await ctx.repos.appointments.findByExternalId(source, lookupId, { forUpdate: true })) ??
      (event.previousExternalId
        ? await ctx.repos.appointments.findByExternalId(source, event.booking.externalId, { forUpdate: true })
        : null);
    // A move of an appointment we never saw (e.g. booked before the connector was set up) creates it.
    if (!existing) return createAppointment(ctx, source, event.booking);
    if (existing.status !== 'scheduled') {
      // Cal.com's "request reschedule" cancels the booking first; the booking that replaces it is new.
      if (event.previousExternalId && existing.externalId !== event.booking.externalId) {
        return createAppointment(ctx, source, event.booking);
      }
      throw new InvalidState(`a ${existing.status} appointment cannot be rescheduled`, { reason: 'not_scheduled' });
    }
    return rescheduleAppointment(ctx, existing, event.booking);
  },

  async cancelled(ctx, source, event) {
    const existing = await ctx.repos.appointments.findByExternalId(source, event.externalId, { forUpdate: true });
    if (!existing) throw new NotFound('no appointment with this id', { reason: 'appointment_not_found' });
    return cancelAppointment(ctx, existing, event.reason);
  },

  saved: (ctx, source, event) => saveBooking(ctx, source, event.booking),
};

/**
 * Applies one inbound booking event exactly once per delivery id.
 * @returns the answer for the booking system (the stored one when the delivery was seen before).
 * @throws Conflict, InvalidState, NotFound — nothing is stored then, so a retry gets the same answer.
 */
export async function syncAppointment(deps: DomainDeps, event: BookingEvent, delivery: Delivery): Promise<SyncAnswer> {
  try {
    return await syncOnce(deps, event, delivery);
  } catch (err) {
    // Two deliveries of one new booking at once (different delivery ids): both found nothing, one insert
    // won. Once more, the loser finds the winner's row and converges to it (MariaDB; SQLite serialises).
    if (!(err instanceof Conflict && err.reason === 'appointment_exists')) throw err;
    return syncOnce(deps, event, delivery);
  }
}

async function syncOnce(deps: DomainDeps, event: BookingEvent, delivery: Delivery): Promise<SyncAnswer> {
  const answer = await deps.uow.transaction(async (repos) => {
    // Claim first (a new delivery, the common case, costs no lookup); a seen one replays its answer.
    if (!(await repos.inboundEvents.claim(delivery.source, delivery.deliveryId, deps.now()))) {
      return (await repos.inboundEvents.find(delivery.source, delivery.deliveryId))?.answer ?? null;
    }
    const handler = HANDLERS[event.type] as Handler<BookingEvent>;
    const result = await handler({ deps, repos }, delivery.source, event);
    await repos.inboundEvents.complete(delivery.source, delivery.deliveryId, result);
    return result;
  });
  if (answer) return answer;
  // A concurrent delivery with the same id won the claim and has committed by now (or failed).
  const stored = await deps.uow.run((repos) => repos.inboundEvents.find(delivery.source, delivery.deliveryId));
  if (stored) return stored.answer;
  throw new Conflict('the same delivery is being processed; retry later', { reason: 'delivery_in_progress' });
}
