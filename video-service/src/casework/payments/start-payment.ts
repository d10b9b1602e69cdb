/**
 * The citizen pays (`payment:start`): the first caller moves the payment open → pending with a
 * compare-and-set and creates the transaction at the provider with the payment's own requestId; every other
 * caller (double click, second tab, another process) waits for that and gets the same pay page. When the
 * provider is down the payment goes back to open and the citizen may retry: the same requestId reaches the
 * provider again, so a request that did arrive is found, never doubled.
 */
import type { PaymentMethod, PaymentView } from '../../contract/payments.ts';
import { InvalidInput, InvalidState, NotFound } from '../../errors.ts';
import type { PaymentRecord } from '../store/payments.ts';
import { assertCanChange, assertRole, type Actor } from '../access.ts';
import type { CaseworkDeps } from '../deps.ts';
import { storePaymentDocument } from './documents/payment-documents.ts';
import { announcePayment } from './fees-of-case.ts';
import { ProviderRejected, ProviderUnavailable, type ProviderRequest } from './providers/provider.ts';
import { openPayment } from './request-payment.ts';
import { applyStatus } from './settle-payment.ts';
import { paymentDocumentUrlOf, paymentView } from './view.ts';

const START_LEASE_MS = 30_000;
const WAIT_FOR_WINNER_MS = 15_000;

export interface StartedPayment {
  payment: PaymentView;
  url: string;
}

export const returnUrlOf = (publicUrl: string, paymentId: string) =>
  `${publicUrl}/payments/return?payment=${paymentId}`;

/** The bank statement line: prefix and the payment's short id, ≤ 27 characters of the bank character set. */
export function purposeOf(prefix: string, paymentId: string): string {
  return `${prefix.toUpperCase().replace(/[^A-Z0-9 .-]/g, '')} ${paymentId.slice(0, 8).toUpperCase()}`.slice(0, 27);
}

function answerOf(p: PaymentRecord): StartedPayment | null {
  if (p.state === 'pending' && p.payUrl) return { payment: paymentView(p, 'citizen'), url: p.payUrl };
  if ((p.state === 'invoiced' || p.state === 'paid') && p.documentStorage)
    return { payment: paymentView(p, 'citizen'), url: paymentDocumentUrlOf(p.id) };
  return null;
}

export async function startPayment(
  deps: CaseworkDeps,
  actor: Actor,
  paymentId: string,
  method: PaymentMethod,
): Promise<StartedPayment> {
  assertRole(actor, 'citizen');
  await assertCanChange(deps, actor);
  const provider = deps.payments.providers.get(method);
  if (!provider || !deps.payments.config.providers.includes(method))
    throw new InvalidInput('This payment method is not offered here.', { reason: 'method_not_offered' });
  let p = await deps.store.payments.get(paymentId);
  if (!p || p.room !== actor.room) throw new NotFound('No such payment in this room.');
  if (p.state === 'failed' || p.state === 'cancelled' || p.state === 'expired')
    p = (await openPayment(deps, actor.room, actor.id)).payment;

  const deadline = Date.now() + WAIT_FOR_WINNER_MS;
  for (;;) {
    const ready = answerOf(p);
    if (ready) {
      if (p.method !== method)
        throw new InvalidState('This payment is under way with another method; wait for its result.', {
          reason: 'payment_in_progress',
        });
      return ready;
    }
    if (p.state === 'paid' || p.state === 'invoiced')
      throw new InvalidState('This payment is settled.', { reason: 'nothing_to_pay' });
    const now = deps.now();
    const startable =
      p.state === 'open' ||
      (p.state === 'pending' && !p.providerRef && (p.startLeaseUntil?.getTime() ?? 0) < now.getTime());
    if (startable) {
      const expiresAt = new Date(now.getTime() + deps.payments.config.expiryMinutes * 60_000);
      const claim = {
        state: 'pending' as const,
        method,
        startLeaseUntil: new Date(now.getTime() + START_LEASE_MS),
        startedAt: now,
        expiresAt,
        updatedAt: now,
      };
      if (await deps.store.payments.update(p.id, p.version, claim))
        return createAtProvider(deps, { ...p, ...claim, version: p.version + 1 });
    }
    if (Date.now() > deadline)
      throw new InvalidState('The payment is being started; ask again in a moment.', { reason: 'payment_starting' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    p = (await deps.store.payments.get(p.id))!;
  }
}

/** The winner of the claim talks to the provider. */
async function createAtProvider(deps: CaseworkDeps, p: PaymentRecord): Promise<StartedPayment> {
  const provider = deps.payments.providers.get(p.method!)!;
  const request: ProviderRequest = {
    paymentId: p.id,
    requestId: p.requestId,
    amountCents: p.amountCents,
    currency: 'EUR',
    purpose: purposeOf(deps.payments.config.purposePrefix, p.id),
    description: `${deps.config.authorityName}: ${p.items.map((i) => i.name.de).join(', ')}`.slice(0, 250),
    items: p.items,
    returnUrl: returnUrlOf(deps.publicUrl, p.id),
    cancelUrl: `${returnUrlOf(deps.publicUrl, p.id)}&cancelled=1`,
  };
  let transaction;
  try {
    transaction = await provider.create(request);
  } catch (error) {
    // Back to open: the citizen may retry (same requestId) or choose another method.
    await deps.store.payments.update(p.id, p.version, {
      state: 'open',
      method: null,
      startLeaseUntil: null,
      startedAt: null,
      expiresAt: null,
      updatedAt: deps.now(),
    });
    deps.log.warn(
      { payment: p.id, provider: provider.name, error: error instanceof Error ? error.name : 'unknown' },
      'startPayment() | provider refused or unreachable',
    );
    if (error instanceof ProviderUnavailable)
      throw new InvalidState(
        `The payment service cannot be reached right now (${error.message}). Please try again in a moment; you will not be charged twice.`,
        { reason: 'provider_unavailable', cause: error },
      );
    if (error instanceof ProviderRejected)
      throw new InvalidState(`The payment service refused the payment: ${error.message}`, {
        reason: 'provider_rejected',
        cause: error,
      });
    throw error;
  }
  const now = deps.now();
  const facts = {
    providerRef: transaction.ref,
    payUrl: transaction.payUrl,
    kassenzeichen: transaction.status.kassenzeichen ?? null,
    startLeaseUntil: null,
    nextCheckAt: new Date(now.getTime() + deps.payments.config.reconcileIntervalMs),
    updatedAt: now,
  };
  if (!(await deps.store.payments.update(p.id, p.version, facts)))
    throw new InvalidState('The payment changed meanwhile; ask again.', { reason: 'payment_starting' });
  let stored = (await deps.store.payments.get(p.id))!;
  deps.log.info({ room: p.room, payment: p.id, provider: provider.name }, 'startPayment() | transaction created');
  if (transaction.status.state === 'invoiced') stored = await storePaymentDocument(deps, stored, 'notice');
  if (transaction.status.state !== 'pending') stored = await applyStatus(deps, stored, transaction.status);
  else await announcePayment(deps, stored);
  const answer = answerOf(stored);
  if (answer) return answer;
  return { payment: paymentView(stored, 'citizen'), url: stored.payUrl ?? paymentDocumentUrlOf(stored.id) };
}
