/** `case:open` (admitted), `agenda:set` and `case:finish` (clerk), the documents page link for later (citizen, clerk). */
import { z } from 'zod';
import { openCase } from '../../../casework/case/open-case.ts';
import { finishCase } from '../../../casework/case/finish-case.ts';
import { documentsLinkFor, mailDocumentsLink } from '../../../casework/documents/case-documents.ts';
import { setAgendaItem } from '../../../casework/agenda/set-agenda-item.ts';
import { emptyPayload, parsePayload } from '../parse.ts';
import { actorOf, caseworkOf, type CaseworkHandler } from './context.ts';
import { caseRoomOf } from './notifier.ts';

export const caseOpen: CaseworkHandler<'case:open'> = async ({ socket }, payload) => {
  parsePayload(emptyPayload, payload);
  const { deps, appointmentOf } = caseworkOf(socket);
  const snapshot = await openCase(deps, actorOf(socket), await appointmentOf(socket.data.sessionId));
  await socket.join(caseRoomOf(socket.data.room));
  return snapshot;
};

const agendaSchema = z.object({ itemId: z.string().min(1).max(100), state: z.enum(['open', 'done', 'skipped']) });

export const agendaSet: CaseworkHandler<'agenda:set'> = async ({ socket }, payload) => {
  const { itemId, state } = parsePayload(agendaSchema, payload);
  return setAgendaItem(caseworkOf(socket).deps, actorOf(socket), itemId, state);
};

const finishSchema = z.object({ force: z.boolean().optional() }).nullish();

export const caseFinish: CaseworkHandler<'case:finish'> = async ({ socket }, payload) => {
  const force = parsePayload(finishSchema, payload)?.force;
  return finishCase(caseworkOf(socket).deps, actorOf(socket), { force: force === true });
};

export const caseDocumentsLink: CaseworkHandler<'case:documentsLink'> = async ({ socket }, payload) => {
  parsePayload(emptyPayload, payload);
  return documentsLinkFor(caseworkOf(socket).deps, actorOf(socket));
};

export const caseMailDocumentsLink: CaseworkHandler<'case:mailDocumentsLink'> = async ({ socket }, payload) => {
  parsePayload(emptyPayload, payload);
  return mailDocumentsLink(caseworkOf(socket).deps, actorOf(socket));
};
