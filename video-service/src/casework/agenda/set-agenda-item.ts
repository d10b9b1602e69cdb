/** The clerk ticks an agenda item (documents seen, fee paid or waived); everyone admitted sees the new agenda. */
import type { Agenda, AgendaItem, AgendaItemState } from '../../contract/casework.ts';
import { NotFound } from '../../errors.ts';
import { assertCanChange, assertRole, type Actor } from '../access.ts';
import type { CaseworkDeps } from '../deps.ts';
import { announceDocumentLocks } from '../payments/download-lock.ts';
import { buildAgenda } from './agenda.ts';

/** The agenda of the room's case as it is now. */
export async function currentAgenda(deps: Pick<CaseworkDeps, 'store' | 'catalogue'>, room: string): Promise<Agenda> {
  const theCase = await deps.store.cases.get(room);
  if (!theCase) throw new NotFound('Open the case first.');
  const [states, forms, documents, idCheck] = await Promise.all([
    deps.store.cases.agendaStates(room),
    deps.store.forms.listByRoom(room),
    deps.store.documents.listByRoom(room),
    deps.store.idChecks.latest(room),
  ]);
  return buildAgenda(deps.catalogue, {
    services: theCase.services,
    states,
    forms,
    documents,
    idVerified: idCheck?.status === 'verified',
  });
}

export async function setAgendaItem(
  deps: CaseworkDeps,
  actor: Actor,
  itemId: string,
  state: AgendaItemState,
): Promise<AgendaItem> {
  assertRole(actor, 'clerk');
  await assertCanChange(deps, actor);
  const before = await currentAgenda(deps, actor.room);
  if (!before.services.some((s) => s.items.some((i) => i.id === itemId))) throw new NotFound('No such agenda item.');
  await deps.store.cases.setAgendaState(actor.room, itemId, state, actor.id, deps.now());
  const agenda = await currentAgenda(deps, actor.room);
  await announceAgenda(deps, actor.room, agenda);
  return agenda.services.flatMap((s) => s.items).find((i) => i.id === itemId)!;
}

/** Sends the agenda as it is now to everyone admitted. */
export async function announceAgenda(deps: CaseworkDeps, room: string, agenda?: Agenda): Promise<void> {
  const now = agenda ?? (await currentAgenda(deps, room));
  await deps.notify.send(room, 'case:agenda', () => now);
  // A fee item that changed may lock or unlock documents (catalogue `paymentBeforeDownload`).
  await announceDocumentLocks(deps, room);
}
