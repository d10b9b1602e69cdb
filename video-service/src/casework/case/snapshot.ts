/** The whole case as one participant may see it now (after every reload or reconnect). */
import type { CaseSnapshot, TanChannel } from '../../contract/casework.ts';
import { NotFound } from '../../errors.ts';
import type { Actor } from '../access.ts';
import { buildAgenda } from '../agenda/agenda.ts';
import type { CaseworkDeps } from '../deps.ts';
import { ALLOWED_TYPES } from '../files/sniff.ts';
import { todayIn } from '../forms/calendar.ts';
import { idCheckView } from '../idcheck/view.ts';
import { documentInfo, fileInfo, formState, lockedInfo } from './views.ts';
import { lockedServices } from '../payments/download-lock.ts';
import { paymentDocumentInfo } from '../payments/view.ts';
import { seesCaseRecords } from '../projection.ts';

export async function caseSnapshot(deps: CaseworkDeps, actor: Actor): Promise<CaseSnapshot> {
  const { store } = deps;
  const theCase = await store.cases.get(actor.room);
  if (!theCase) throw new NotFound('The case has not been opened.');
  const [states, forms, documents, idCheck, files, usedBytes, payments, locked] = await Promise.all([
    store.cases.agendaStates(actor.room),
    store.forms.listByRoom(actor.room),
    store.documents.listByRoom(actor.room),
    store.idChecks.latest(actor.room),
    seesCaseRecords(actor.role) ? store.files.listByRoom(actor.room) : Promise.resolve([]),
    store.files.usedBytes(actor.room),
    seesCaseRecords(actor.role) ? store.payments.listByRoom(actor.room) : Promise.resolve([]),
    lockedServices(deps, actor.room),
  ]);
  // Receipts and fee notices sit with the signed documents, oldest first like them.
  const paymentDocuments = payments
    .map(paymentDocumentInfo)
    .filter((d) => d !== null)
    .reverse();
  const today = todayIn(deps.now(), theCase.timeZone);
  const formStates = await Promise.all(forms.map(async (f) => formState(f, await store.forms.fields(f.id), today)));
  const tanChannels: TanChannel[] = deps.sms ? ['hidden', 'sms'] : ['hidden'];
  return {
    room: actor.room,
    self: { id: actor.id, role: actor.role },
    agenda: buildAgenda(deps.catalogue, {
      services: theCase.services,
      states,
      forms,
      documents,
      idVerified: idCheck?.status === 'verified',
    }),
    forms: formStates,
    idCheck: idCheck ? idCheckView(idCheck, actor.role) : null,
    documents: seesCaseRecords(actor.role)
      ? [...documents.map((d) => lockedInfo(documentInfo(d), locked)), ...paymentDocuments]
      : [],
    files: files.map(fileInfo),
    presence: deps.presence.list(actor.room),
    signing: { tanChannels },
    uploads: {
      maxBytes: deps.config.uploadMaxBytes,
      quotaBytes: deps.config.uploadQuotaBytes,
      usedBytes,
      types: [...ALLOWED_TYPES.keys()],
    },
    finishedAt: theCase.finishedAt?.toISOString() ?? null,
  };
}
