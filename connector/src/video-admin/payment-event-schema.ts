/**
 * Payment events the video service sends to `POST /webhooks/video-service` (video-service/src/casework/
 * payments/payment-events.ts, docs/payments.md "Events and hand-off"): `payment.completed` (paid, invoiced)
 * and `payment.failed` (failed, cancelled, expired). The connector passes them on to its outbound webhooks;
 * the bodies carry ids, amounts and service codes, never names.
 */
import { z } from 'zod';
import { roomIdSchema } from '@virtuelles-amt/video-service/contract/join-token';

export const PAYMENT_EVENT_TYPES = ['payment.completed', 'payment.failed'] as const;
export type PaymentEventType = (typeof PAYMENT_EVENT_TYPES)[number];

export const paymentEventBodySchema = z.looseObject({
  type: z.enum(PAYMENT_EVENT_TYPES),
  data: z.looseObject({
    payment: z.uuid(),
    room: roomIdSchema,
    state: z.enum(['paid', 'invoiced', 'failed', 'cancelled', 'expired']),
    amountCents: z.number().int().min(0).max(100_000_000),
    currency: z.literal('EUR'),
    method: z.string().max(32).nullable(),
    kassenzeichen: z.string().max(64).nullable(),
    services: z.array(z.string().regex(/^[a-z0-9-]{1,64}$/)).max(50),
    at: z.iso.datetime({ offset: true }),
  }),
});

export interface PaymentEventInput {
  type: PaymentEventType;
  roomId: string;
  /** What goes on to the booking system (the room and appointment ids are added from our records). */
  payment: {
    paymentId: string;
    state: string;
    amountCents: number;
    currency: 'EUR';
    method: string | null;
    kassenzeichen: string | null;
    services: string[];
  };
  at: Date;
}

export function isPaymentEventType(type: unknown): type is PaymentEventType {
  return (PAYMENT_EVENT_TYPES as readonly unknown[]).includes(type);
}

export function toPaymentEvent(body: z.infer<typeof paymentEventBodySchema>): PaymentEventInput {
  const d = body.data;
  return {
    type: body.type,
    roomId: d.room,
    payment: {
      paymentId: d.payment,
      state: d.state,
      amountCents: d.amountCents,
      currency: d.currency,
      method: d.method,
      kassenzeichen: d.kassenzeichen,
      services: d.services,
    },
    at: new Date(d.at),
  };
}
