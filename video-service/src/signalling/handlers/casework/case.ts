/** `case:open` (admitted), `agenda:set` and `case:finish` (clerk). */
import { z } from 'zod';
import { openCase } from '../../../casework/case/open-case.ts';
import { finishCase } from '../../../casework/case/finish-case.ts';
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

export const caseFinish: CaseworkHandler<'case:finish'> = async ({ socket }, payload) => {
  parsePayload(emptyPayload, payload);
  return finishCase(caseworkOf(socket).deps, actorOf(socket));
};
