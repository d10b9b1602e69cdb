/**
 * `payment.completed` (paid, invoiced) and `payment.failed` (failed, cancelled, expired) on the service's
 * event outbox, delivered like every event webhook (Standard Webhooks, retried). The `webhook-id` is derived
 * from the payment, so announcing a settlement twice (a crash in between) records one event. Bodies carry
 * ids, amounts and service codes, never names.
 */
import { Conflict } from '../../errors.ts';
import type { OutboxRepository } from '../../events/ports.ts';
import type { PaymentEventData, PaymentEvents } from './payment-runtime.ts';

export const PAYMENT_COMPLETED = 'payment.completed';
export const PAYMENT_FAILED = 'payment.failed';

export function outboxPaymentEvents(o: {
  outbox: OutboxRepository;
  enabled: boolean;
  now: () => Date;
  recorded?: () => void;
}): PaymentEvents {
  return {
    async settled(data: PaymentEventData) {
      if (!o.enabled) return;
      const type = data.state === 'paid' || data.state === 'invoiced' ? PAYMENT_COMPLETED : PAYMENT_FAILED;
      const now = o.now();
      try {
        await o.outbox.add({
          webhookId: `msg_payment_${data.payment}`,
          type,
          body: JSON.stringify({ type, timestamp: now.toISOString(), data }),
          createdAt: now,
        });
      } catch (error) {
        if (error instanceof Conflict) return;
        throw error;
      }
      o.recorded?.();
    },
  };
}
