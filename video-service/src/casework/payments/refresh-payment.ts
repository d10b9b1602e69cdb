/**
 * Re-reading a pending payment from its provider (the reconciliation job, the return from a pay page,
 * a verified webhook, `payment:refresh`): the provider's status is the only thing that settles a payment.
 * A payment still unfinished past its expiry is cancelled at the provider where it can be, read once
 * more, and expired.
 */
import type { PaymentView } from '../../contract/payments.ts';
import { NotFound } from '../../errors.ts';
import type { PaymentRecord } from '../store/payments.ts';
import { assertAdmitted, assertRole, type Actor } from '../access.ts';
import type { CaseworkDeps } from '../deps.ts';
import { applyStatus } from './settle-payment.ts';
import { paymentView } from './view.ts';

/** Reads the provider and applies what it says; returns the payment as stored afterwards. Throws when the provider cannot be read. */
export async function refreshPayment(deps: CaseworkDeps, p: PaymentRecord): Promise<PaymentRecord> {
  if (p.state !== 'pending') return p;
  const now = deps.now();
  if (!p.providerRef) {
    // A start whose process died before the provider answered: open again (a retry reuses the requestId).
    if (
      (p.startLeaseUntil?.getTime() ?? 0) < now.getTime() &&
      (await deps.store.payments.update(p.id, p.version, {
        state: 'open',
        method: null,
        startLeaseUntil: null,
        startedAt: null,
        expiresAt: null,
        updatedAt: now,
      }))
    ) {
      return (await deps.store.payments.get(p.id))!;
    }
    return p;
  }
  const provider = deps.payments.providers.get(p.method!);
  if (!provider) return p;
  let status = await provider.status(p.providerRef, p.requestId);
  if (status.state === 'pending' && p.expiresAt && p.expiresAt.getTime() <= now.getTime()) {
    if (provider.cancel) {
      await provider.cancel(p.providerRef);
      status = await provider.status(p.providerRef, p.requestId);
    }
    if (status.state === 'pending')
      return applyStatus(deps, p, { state: 'expired', detail: 'no result from the payment service in time' });
  }
  return applyStatus(deps, p, status);
}

/** `payment:refresh`: an admitted clerk or citizen of the payment's room. */
export async function refreshPaymentOf(deps: CaseworkDeps, actor: Actor, paymentId: string): Promise<PaymentView> {
  assertRole(actor, 'clerk', 'citizen');
  await assertAdmitted(deps, actor);
  const p = await deps.store.payments.get(paymentId);
  if (!p || p.room !== actor.room) throw new NotFound('No such payment in this room.');
  return paymentView(await refreshPayment(deps, p), actor.role);
}

/** The pay page sent the citizen back, or a provider webhook named the transaction: read it now. Unknown ids are ignored. */
export async function refreshById(deps: CaseworkDeps, paymentId: string): Promise<PaymentRecord | null> {
  const p = await deps.store.payments.get(paymentId);
  return p ? refreshPayment(deps, p) : null;
}
