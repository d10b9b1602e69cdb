/**
 * Use case: the video service reports a payment's result; the connector tells the booking system.
 *
 * Story: record the delivery (a webhook id seen before changes nothing — the video service derives it from
 * the payment, so a settlement announced twice arrives as one id), find the appointment of the room and
 * publish `payment.completed` / `payment.failed` on the outbound webhook outbox, in one transaction. Rooms
 * without a connector appointment are recorded but not announced.
 */
import type { PaymentEventInput } from '../video-admin/payment-event-schema.ts';
import type { OutboundEventType } from './outbound-ports.ts';
import type { DomainDeps } from './ports.ts';
import { appointmentOfRoom } from './room-events.ts';

export async function recordPaymentEvent(
  deps: Pick<DomainDeps, 'uow' | 'now'>,
  event: PaymentEventInput,
  webhookId: string,
): Promise<{ duplicate: boolean; announced: OutboundEventType[] }> {
  return deps.uow.transaction(async (repos) => {
    const appointment = await appointmentOfRoom(repos, event.roomId);
    const fresh = await repos.roomActivity.recordDelivery(
      { webhookId, type: event.type, roomId: event.roomId, appointmentId: appointment?.id ?? null },
      deps.now(),
    );
    if (!fresh) return { duplicate: true, announced: [] };
    if (!appointment) return { duplicate: false, announced: [] };
    await repos.outboundEvents.publish(
      {
        type: event.type,
        appointmentId: appointment.id,
        data: {
          appointmentId: appointment.id,
          source: appointment.source,
          externalId: appointment.externalId,
          roomId: appointment.roomId,
          at: event.at.toISOString(),
          ...event.payment,
        },
      },
      deps.now(),
    );
    return { duplicate: false, announced: [event.type] };
  });
}
