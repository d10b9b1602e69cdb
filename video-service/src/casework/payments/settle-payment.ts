/**
 * Applying what a provider reported. A final state is written with a compare-and-set, so however many
 * webhooks, polls and processes report it, exactly one caller wins and runs the effects: the agenda's fee
 * items follow (paid or invoiced → done), a sealed receipt joins the case, the event goes to the outbox,
 * the room is told. The effects are marked done last; the reconciliation job finishes them after a crash.
 */
import type { PaymentRecord } from '../store/payments.ts';
import { errorFields } from '../../log.ts';
import { announceAgenda } from '../agenda/set-agenda-item.ts';
import { appendAudit, inAuditTransaction } from '../audit/audit-log.ts';
import type { CaseworkDeps } from '../deps.ts';
import { storePaymentDocument } from './documents/payment-documents.ts';
import { announcePayment } from './fees-of-case.ts';
import type { ProviderStatus } from './providers/provider.ts';

const FINAL = new Set(['paid', 'failed', 'cancelled', 'expired', 'invoiced']);

/** Applies `status` to the payment; returns it as stored afterwards. */
export async function applyStatus(
  deps: CaseworkDeps,
  p: PaymentRecord,
  status: ProviderStatus | { state: 'expired'; detail?: string },
): Promise<PaymentRecord> {
  const now = deps.now();
  const facts = {
    ...(status.state !== 'expired' && status.kassenzeichen ? { kassenzeichen: status.kassenzeichen } : {}),
    ...(status.state !== 'expired' && status.paidWith ? { paidWith: status.paidWith } : {}),
    ...(status.detail ? { statusDetail: status.detail } : {}),
  };
  if (status.state === 'pending') {
    const changed = Object.entries(facts).some(([k, v]) => p[k as keyof PaymentRecord] !== v);
    if (changed && (await deps.store.payments.update(p.id, p.version, { ...facts, updatedAt: now })))
      return (await deps.store.payments.get(p.id))!;
    return p;
  }
  if (FINAL.has(p.state)) return p;
  const won = await deps.store.payments.update(p.id, p.version, {
    ...facts,
    state: status.state,
    finalAt: now,
    updatedAt: now,
    nextCheckAt: null,
    startLeaseUntil: null,
  });
  const stored = (await deps.store.payments.get(p.id))!;
  if (!won) return stored;
  deps.log.info(
    { room: p.room, payment: p.id, state: status.state, method: p.method },
    'applyStatus() | payment settled',
  );
  // The room hears the result at once; the receipt (rendering and sealing take a while) follows in a second notification.
  await announcePayment(deps, stored).catch((error: unknown) =>
    deps.log.warn({ payment: p.id, err: errorFields(error) }, 'applyStatus() | early announcement failed'),
  );
  return finishSettlement(deps, stored);
}

/** The effects of a final state (idempotent; `announced` marks them done). */
export async function finishSettlement(deps: CaseworkDeps, p: PaymentRecord): Promise<PaymentRecord> {
  if (p.announced || !FINAL.has(p.state)) return p;
  let current = p;
  const settled = p.state === 'paid' || p.state === 'invoiced';
  if (settled) {
    const now = deps.now();
    await inAuditTransaction(deps.store, async (repos) => {
      for (const item of p.items) await repos.cases.setAgendaState(p.room, item.itemId, 'done', `payment:${p.id}`, now);
      await appendAudit(
        repos.audit,
        {
          kind: 'payment.settled',
          public: {
            payment: p.id,
            state: p.state,
            amountCents: p.amountCents,
            method: p.method,
            kassenzeichen: p.kassenzeichen,
            at: now.toISOString(),
          },
          room: p.room,
          retentionKind: 'documents',
        },
        now,
      );
    });
    if (p.state === 'paid' && !p.documentStorage) {
      try {
        current = await storePaymentDocument(deps, p, 'receipt');
      } catch (error) {
        // The payment stands; the receipt is made again on the next reconciliation run.
        deps.log.error({ payment: p.id, err: errorFields(error) }, 'finishSettlement() | receipt failed');
        return current;
      }
    }
  }
  const theCase = await deps.store.cases.get(p.room);
  await deps.payments.events.settled({
    payment: p.id,
    room: p.room,
    appointmentId: theCase?.appointmentId ?? '',
    state: p.state as 'paid',
    amountCents: p.amountCents,
    currency: p.currency,
    method: p.method,
    kassenzeichen: current.kassenzeichen,
    services: p.items.map((i) => i.service),
    at: (p.finalAt ?? deps.now()).toISOString(),
  });
  await deps.store.payments.update(current.id, current.version, { announced: true });
  current = (await deps.store.payments.get(p.id))!;
  await announcePayment(deps, current);
  if (settled) await announceAgenda(deps, p.room);
  return current;
}
