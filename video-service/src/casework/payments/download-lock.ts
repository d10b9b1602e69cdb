/**
 * "Payment before download" (catalogue `paymentBeforeDownload`): a service's sealed documents stay locked
 * until its fee is settled — paid or invoiced (the agenda's fee item is then `done`), waived by the clerk, or
 * ticked off (`skipped`). The check is made on the server at every way out (session download, link,
 * documents page); the room shows the lock from the snapshot.
 */
import { Forbidden } from '../../errors.ts';
import type { CaseworkRepositories } from '../store/store.ts';
import type { CaseworkDeps } from '../deps.ts';
import { documentInfo, lockedInfo } from '../case/views.ts';
import { feeItemOf } from './fees.ts';
import { recordFor } from '../projection.ts';

/** The services of `room` whose documents are locked now. */
export async function lockedServices(
  deps: CaseworkDeps,
  room: string,
  repos: Pick<CaseworkRepositories, 'cases' | 'payments'> = deps.store,
): Promise<Set<string>> {
  const locked = new Set<string>();
  const theCase = await repos.cases.get(room);
  if (!theCase) return locked;
  const gated = theCase.services.filter((code) => {
    const service = deps.catalogue.get(code);
    return Boolean(service?.paymentBeforeDownload && service.feeCents > 0);
  });
  if (gated.length === 0) return locked;
  const [states, adjustments] = await Promise.all([repos.cases.agendaStates(room), repos.payments.adjustments(room)]);
  const stateOf = new Map(states.map((s) => [s.itemId, s.state]));
  const waived = new Set(adjustments.filter((a) => a.kind === 'waived').map((a) => a.service));
  for (const code of gated) {
    if ((stateOf.get(feeItemOf(code)) ?? 'open') === 'open' && !waived.has(code)) locked.add(code);
  }
  return locked;
}

/** Refuses (reason `payment_required`) a download of a document of a locked service. */
export async function assertDownloadAllowed(deps: CaseworkDeps, room: string, service: string): Promise<void> {
  if ((await lockedServices(deps, room)).has(service)) {
    throw new Forbidden('This document can be downloaded once its fee is paid.', { reason: 'payment_required' });
  }
}

/**
 * Tells the room how the sealed documents of its gated services stand now (locked or downloadable): called
 * whenever the agenda changes, which every settlement, waiver and tick does.
 */
export async function announceDocumentLocks(deps: CaseworkDeps, room: string): Promise<void> {
  const theCase = await deps.store.cases.get(room);
  if (!theCase?.services.some((code) => deps.catalogue.get(code)?.paymentBeforeDownload)) return;
  const locked = await lockedServices(deps, room);
  for (const d of await deps.store.documents.listByRoom(room)) {
    if (d.status !== 'sealed' || !deps.catalogue.get(d.service)?.paymentBeforeDownload) continue;
    const info = lockedInfo(documentInfo(d), locked);
    await deps.notify.send(room, 'document:updated', (r) => recordFor(r.role, info));
  }
}
