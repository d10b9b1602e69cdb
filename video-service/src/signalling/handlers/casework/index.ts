/**
 * The casework part of the socket dispatch table (merged into handlers/index.ts), and `attachCasework`,
 * which binds casework to the socket.io server and forgets a participant's field presence when their
 * connection goes away, and the signing that connection had open when it goes away or leaves the room.
 */
import type { Server } from 'socket.io';
import { errorFields, type Logger } from '../../../log.ts';
import type { VideoSocket } from '../../types.ts';
import { agendaSet, caseDocumentsLink, caseFinish, caseMailDocumentsLink, caseOpen } from './case.ts';
import { bindCasework, type CaseworkHandlerTable, type CaseworkSocketContext } from './context.ts';
import { formChange, formFocus, formFreeze } from './forms.ts';
import {
  idcheckAnswer,
  idcheckAsk,
  idcheckCancel,
  idcheckChecklist,
  idcheckComplete,
  idcheckRequestStill,
  idcheckStart,
  idcheckStep,
  idcheckStillAnswer,
  idcheckStillChunk,
} from './idcheck.ts';
import { forgetSigning } from '../../../casework/signing/signing-presence.ts';
import { documentLink, signConfirmTan, signDraw, signPresence, signRequestTan } from './signing.ts';
import { PAYMENT_HANDLERS } from './payments.ts';

export const CASEWORK_HANDLERS: CaseworkHandlerTable = {
  'case:open': caseOpen,
  'agenda:set': agendaSet,
  'form:change': formChange,
  'form:focus': formFocus,
  'form:freeze': formFreeze,
  'idcheck:start': idcheckStart,
  'idcheck:step': idcheckStep,
  'idcheck:checklist': idcheckChecklist,
  'idcheck:answer': idcheckAnswer,
  'idcheck:complete': idcheckComplete,
  'idcheck:ask': idcheckAsk,
  'idcheck:cancel': idcheckCancel,
  'idcheck:requestStill': idcheckRequestStill,
  'idcheck:stillChunk': idcheckStillChunk,
  'idcheck:stillAnswer': idcheckStillAnswer,
  'sign:draw': signDraw,
  'sign:requestTan': signRequestTan,
  'sign:confirmTan': signConfirmTan,
  'sign:presence': signPresence,
  'document:link': documentLink,
  'case:finish': caseFinish,
  'case:documentsLink': caseDocumentsLink,
  'case:mailDocumentsLink': caseMailDocumentsLink,
  ...PAYMENT_HANDLERS,
};

/** Binds casework to the server (for the handlers) and drops field presence and open signing on disconnect. */
export function attachCasework(io: Server, context: CaseworkSocketContext, log: Logger): void {
  bindCasework(io, context);
  io.on('connection', (socket: VideoSocket) => {
    const closeSigning = () => {
      const { room, participant } = socket.data;
      if (!participant) return;
      forgetSigning(context.deps, room, participant.id, socket.id).catch((error: unknown) => {
        log.error({ room, err: errorFields(error) }, 'signing presence clean-up failed');
      });
    };
    // Leaving the room keeps the connection (a later return), but the signing is no longer open; a listener
    // beside the room handler's, because dropping this connection's own entries is harmless whatever it answers.
    socket.on('room:leave', closeSigning);
    socket.on('disconnect', () => {
      closeSigning();
      const { room, participant } = socket.data;
      if (!participant) return;
      const left = context.deps.presence.drop(room, participant.id);
      if (!left) return;
      context.deps.notify
        .send(room, 'form:presence', (r) => (r.id === participant.id ? null : left))
        .catch((error: unknown) => {
          log.error({ room, err: errorFields(error) }, 'presence clean-up failed');
        });
    });
  });
}
