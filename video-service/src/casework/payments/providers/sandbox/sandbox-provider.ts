/**
 * The sandbox provider (the default for `npm start` and tests): a pay page served by this service itself,
 * clearly marked as a test, where the citizen picks "pay", "decline" or "abandon" (http/payments/
 * sandbox-page.ts). It keeps its transactions in its own table and behaves like a real provider: the same
 * requestId finds the same transaction, and only its status settles the payment.
 */
import { randomUUID } from 'node:crypto';
import type { PaymentRepository, SandboxTransaction } from '../../../store/payments.ts';
import { ProviderRejected, type PaymentProvider, type ProviderStatus } from '../provider.ts';

export const sandboxPageOf = (publicUrl: string, transactionId: string) => `${publicUrl}/pay/sandbox/${transactionId}`;

const STATES: Record<SandboxTransaction['status'], ProviderStatus['state']> = {
  INITIAL: 'pending',
  PAID: 'paid',
  DECLINED: 'failed',
  ABANDONED: 'cancelled',
};

export function sandboxStatus(t: SandboxTransaction): ProviderStatus {
  return {
    state: STATES[t.status],
    kassenzeichen: `SANDBOX-${t.id.slice(0, 8).toUpperCase()}`,
    paidWith: t.status === 'PAID' ? 'SANDBOX' : null,
    detail: t.status === 'DECLINED' ? 'declined on the test page' : null,
  };
}

export function createSandboxProvider(o: {
  payments: PaymentRepository;
  publicUrl: () => string;
  now: () => Date;
}): PaymentProvider {
  return {
    name: 'sandbox',
    async create(request) {
      const t = await o.payments.sandboxCreate(
        {
          id: randomUUID(),
          requestId: request.requestId,
          amountCents: request.amountCents,
          purpose: request.purpose,
          status: 'INITIAL',
        },
        o.now(),
      );
      return {
        ref: t.id,
        payUrl: t.status === 'INITIAL' ? sandboxPageOf(o.publicUrl(), t.id) : null,
        status: sandboxStatus(t),
      };
    },
    async status(ref) {
      const t = await o.payments.sandboxGet(ref);
      if (!t) throw new ProviderRejected('NOT_FOUND', 'the sandbox has no such transaction');
      return sandboxStatus(t);
    },
    async cancel(ref) {
      await o.payments.sandboxDecide(ref, 'ABANDONED', o.now());
    },
  };
}
