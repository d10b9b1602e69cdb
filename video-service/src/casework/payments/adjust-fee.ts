/**
 * The clerk waives or reduces a fee (or resets it) with a reason from PAYMENT_ADJUST_REASONS; the change is
 * chained into the audit log in the same transaction. Refused while a payment is open or pending, so what
 * the citizen was asked to pay never changes under them.
 */
import type { FeesView } from '../../contract/payments.ts';
import { InvalidInput, InvalidState, NotFound } from '../../errors.ts';
import { assertCanChange, assertRole, type Actor } from '../access.ts';
import { appendAudit, inAuditTransaction } from '../audit/audit-log.ts';
import type { CaseworkDeps } from '../deps.ts';
import { announceAgenda } from '../agenda/set-agenda-item.ts';
import { getFees } from './fees-of-case.ts';

export interface FeeAdjustmentInput {
  service: string;
  kind: 'waive' | 'reduce' | 'reset';
  amountCents?: number;
  reason?: string;
}

export async function adjustFee(deps: CaseworkDeps, actor: Actor, input: FeeAdjustmentInput): Promise<FeesView> {
  assertRole(actor, 'clerk');
  await assertCanChange(deps, actor);
  const service = deps.catalogue.get(input.service);
  if (!service || service.feeCents <= 0) throw new NotFound('This service has no fee.');
  if (input.kind !== 'reset' && !deps.payments.config.adjustReasons.includes(input.reason ?? '')) {
    throw new InvalidInput('Choose one of the configured reasons.', { reason: 'reason_not_allowed' });
  }
  if (
    input.kind === 'reduce' &&
    (input.amountCents === undefined || input.amountCents < 0 || input.amountCents >= service.feeCents)
  ) {
    throw new InvalidInput('A reduced fee is at least 0 and below the catalogue fee.');
  }
  const now = deps.now();
  await inAuditTransaction(deps.store, async (repos) => {
    const theCase = await repos.cases.get(actor.room);
    if (!theCase) throw new NotFound('Open the case first.');
    if (!theCase.services.includes(input.service)) throw new NotFound('This service is not booked in this case.');
    if (await repos.payments.openOf(actor.room))
      throw new InvalidState('A payment is open; cancel it or wait for its result first.', {
        reason: 'payment_in_progress',
      });
    if (input.kind === 'reset') await repos.payments.removeAdjustment(actor.room, input.service);
    else {
      const waived = input.kind === 'waive' || input.amountCents === 0;
      await repos.payments.setAdjustment(actor.room, {
        service: input.service,
        kind: waived ? 'waived' : 'reduced',
        amountCents: waived ? 0 : input.amountCents!,
        reason: input.reason!,
        by: actor.id,
        at: now,
      });
    }
    await appendAudit(
      repos.audit,
      {
        kind: 'fee.adjusted',
        public: {
          service: input.service,
          kind: input.kind,
          catalogueCents: service.feeCents,
          amountCents: input.kind === 'waive' ? 0 : input.kind === 'reset' ? service.feeCents : input.amountCents,
          reason: input.reason ?? null,
          at: now.toISOString(),
        },
        personal: { room: actor.room, clerk: actor.id },
        room: actor.room,
        retentionKind: 'forms',
      },
      now,
    );
  });
  deps.log.info({ room: actor.room, service: input.service, kind: input.kind }, 'adjustFee() | fee adjusted');
  await announceAgenda(deps, actor.room);
  return getFees(deps, actor);
}
