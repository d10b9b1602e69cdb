/**
 * The clerk asks for the fees (`payment:request`), or the citizen retries after a failed, cancelled or
 * expired payment: an open payment with the fees computed here. The unique open slot makes it one per
 * case: a second request (another tab, another process) gets the payment already open.
 */
import { randomUUID } from 'node:crypto';
import type { PaymentView } from '../../contract/payments.ts';
import { InvalidState, NotFound } from '../../errors.ts';
import type { PaymentRecord } from '../store/payments.ts';
import { assertCanChange, assertRole, type Actor } from '../access.ts';
import type { CaseworkDeps } from '../deps.ts';
import { announcePayment, currentFees } from './fees-of-case.ts';
import { paymentView } from './view.ts';

/** The room's open or pending payment, or a new open one for the fees as they are now. */
export async function openPayment(
  deps: CaseworkDeps,
  room: string,
  by: string,
): Promise<{ payment: PaymentRecord; created: boolean }> {
  const existing = await deps.store.payments.openOf(room);
  if (existing) return { payment: existing, created: false };
  const { items, totalCents } = await currentFees(deps, room);
  const charged = items.filter((i) => i.amountCents > 0);
  if (totalCents <= 0) throw new InvalidState('There is no fee left to pay.', { reason: 'nothing_to_pay' });
  const now = deps.now();
  const id = randomUUID();
  const record: PaymentRecord = {
    id,
    room,
    state: 'open',
    version: 0,
    amountCents: totalCents,
    currency: 'EUR',
    items: charged,
    method: null,
    requestId: randomUUID(),
    providerRef: null,
    payUrl: null,
    kassenzeichen: null,
    paidWith: null,
    statusDetail: null,
    startLeaseUntil: null,
    createdAt: now,
    createdBy: by,
    updatedAt: now,
    startedAt: null,
    finalAt: null,
    expiresAt: null,
    nextCheckAt: null,
    checkAttempts: 0,
    documentStorage: null,
    documentSha256: null,
    announced: false,
  };
  if (await deps.store.payments.insertOpen(record)) {
    deps.log.info({ room, payment: id, amountCents: totalCents }, 'openPayment() | payment requested');
    return { payment: record, created: true };
  }
  const winner = await deps.store.payments.openOf(room);
  if (!winner) throw new InvalidState('The payment changed meanwhile; try again.', { reason: 'payment_starting' });
  return { payment: winner, created: false };
}

export async function requestPayment(deps: CaseworkDeps, actor: Actor): Promise<PaymentView> {
  assertRole(actor, 'clerk');
  await assertCanChange(deps, actor);
  const { payment, created } = await openPayment(deps, actor.room, actor.id);
  if (created) await announcePayment(deps, payment);
  return paymentView(payment, actor.role);
}

/** Clerk: withdraws a payment request nobody has started yet. */
export async function cancelPaymentRequest(deps: CaseworkDeps, actor: Actor, paymentId: string): Promise<PaymentView> {
  assertRole(actor, 'clerk');
  await assertCanChange(deps, actor);
  const p = await deps.store.payments.get(paymentId);
  if (!p || p.room !== actor.room) throw new NotFound('No such payment in this room.');
  if (p.state === 'cancelled') return paymentView(p, actor.role);
  if (p.state !== 'open')
    throw new InvalidState('Only a payment nobody has started can be withdrawn.', { reason: 'payment_in_progress' });
  const now = deps.now();
  if (
    !(await deps.store.payments.update(p.id, p.version, {
      state: 'cancelled',
      finalAt: now,
      updatedAt: now,
      statusDetail: 'withdrawn by the clerk',
      announced: true,
    }))
  ) {
    throw new InvalidState('The citizen started this payment a moment ago.', { reason: 'payment_in_progress' });
  }
  const cancelled = (await deps.store.payments.get(p.id))!;
  await announcePayment(deps, cancelled);
  return paymentView(cancelled, actor.role);
}
