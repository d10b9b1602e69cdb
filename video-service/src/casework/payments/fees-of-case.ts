/** The fees panel's data (`fees:get`) and the `payment` notification. */
import type { FeesView } from '../../contract/payments.ts';
import { NotFound } from '../../errors.ts';
import type { PaymentRecord } from '../store/payments.ts';
import type { CaseworkRepositories } from '../store/store.ts';
import { assertAdmitted, assertRole, type Actor } from '../access.ts';
import type { CaseworkDeps } from '../deps.ts';
import { openFees, totalOf } from './fees.ts';
import { feesView, paymentDocumentInfo, paymentView } from './view.ts';
import { recordFor } from '../projection.ts';

/** The case's open fees now (in `repos`' transaction when given). */
export async function currentFees(deps: CaseworkDeps, room: string, repos: CaseworkRepositories = deps.store) {
  const theCase = await repos.cases.get(room);
  if (!theCase) throw new NotFound('Open the case first.');
  const [states, adjustments] = await Promise.all([repos.cases.agendaStates(room), repos.payments.adjustments(room)]);
  const items = openFees(deps.catalogue, theCase.services, states, adjustments);
  return { theCase, items, totalCents: totalOf(items) };
}

/** The open or pending payment, else the newest. */
export async function currentPayment(
  repos: Pick<CaseworkRepositories, 'payments'>,
  room: string,
): Promise<PaymentRecord | null> {
  return (await repos.payments.openOf(room)) ?? (await repos.payments.listByRoom(room))[0] ?? null;
}

export async function getFees(deps: CaseworkDeps, actor: Actor): Promise<FeesView> {
  assertRole(actor, 'clerk', 'citizen');
  await assertAdmitted(deps, actor);
  const { items, totalCents } = await currentFees(deps, actor.room);
  const payment = await currentPayment(deps.store, actor.room);
  return feesView(
    {
      items,
      totalCents,
      currency: 'EUR',
      methods: deps.payments.config.providers,
      adjustReasons: deps.payments.config.adjustReasons,
      payment,
    },
    actor.role,
  );
}

/** Tells every admitted clerk and citizen of the room how the payment stands (guests get nothing). */
export async function announcePayment(deps: CaseworkDeps, payment: PaymentRecord): Promise<void> {
  await deps.notify.send(payment.room, 'payment', (r) => recordFor(r.role, paymentView(payment, r.role)));
  // Its receipt or fee notice joins the case's documents in the room.
  const document = paymentDocumentInfo(payment);
  if (document) await deps.notify.send(payment.room, 'document:updated', (r) => recordFor(r.role, document));
}
