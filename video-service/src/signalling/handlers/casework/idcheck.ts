/** The ID-check requests (clerk only; the citizen receives `idcheck:state` and answers still requests). */
import { z } from 'zod';
import {
  answerIdQuestion,
  askIdQuestion,
  cancelIdCheck,
  completeIdCheck,
  startIdCheck,
  stepIdCheck,
  tickIdChecklist,
} from '../../../casework/idcheck/id-check.ts';
import { relayStillChunk, reportStillAnswer, requestStill } from '../../../casework/idcheck/still-relay.ts';
import {
  ID_CHECK_STEPS,
  ID_CHECKLIST_ITEMS,
  ID_DOCUMENT_TYPES,
  STILL_CHUNK_BYTES,
  STILL_FAILURES,
  STILL_MAX_BYTES,
  STILL_MIME_TYPES,
} from '../../../contract/casework.ts';
import type { VideoSocket } from '../../types.ts';
import { emptyPayload, parsePayload } from '../parse.ts';
import { actorOf, caseworkOf, type CaseworkHandler } from './context.ts';

const documentType = z.enum(ID_DOCUMENT_TYPES);

export const idcheckStart: CaseworkHandler<'idcheck:start'> = async ({ socket }, payload) => {
  const input = parsePayload(z.object({ documentType }), payload);
  const { deps, appointmentOf } = caseworkOf(socket);
  // The booking facts come from the clerk's own session (their token), never from a payload.
  const facts =
    socket.data.participant.role === 'clerk' ? (await appointmentOf(socket.data.sessionId)).verify : undefined;
  return startIdCheck(deps, actorOf(socket), input.documentType, facts);
};

export const idcheckAsk: CaseworkHandler<'idcheck:ask'> = async ({ socket }, payload) => {
  const { questionId } = parsePayload(z.object({ questionId: z.string().min(1).max(40) }), payload);
  return askIdQuestion(caseworkOf(socket).deps, actorOf(socket), questionId);
};

export const idcheckStep: CaseworkHandler<'idcheck:step'> = async ({ socket }, payload) => {
  const { step } = parsePayload(z.object({ step: z.enum(ID_CHECK_STEPS) }), payload);
  return stepIdCheck(caseworkOf(socket).deps, actorOf(socket), step);
};

export const idcheckChecklist: CaseworkHandler<'idcheck:checklist'> = async ({ socket }, payload) => {
  const { item, value } = parsePayload(z.object({ item: z.enum(ID_CHECKLIST_ITEMS), value: z.boolean() }), payload);
  return tickIdChecklist(caseworkOf(socket).deps, actorOf(socket), item, value);
};

export const idcheckAnswer: CaseworkHandler<'idcheck:answer'> = async ({ socket }, payload) => {
  const { questionId, answer } = parsePayload(
    z.object({ questionId: z.string().min(1).max(40), answer: z.enum(['correct', 'incorrect']) }),
    payload,
  );
  return answerIdQuestion(caseworkOf(socket).deps, actorOf(socket), questionId, answer);
};

const completeSchema = z.object({
  verified: z.boolean(),
  numberLast4: z.string().max(40).nullable(),
  documentType: documentType.optional(),
});

export const idcheckComplete: CaseworkHandler<'idcheck:complete'> = async ({ socket }, payload) => {
  const input = parsePayload(completeSchema, payload);
  return completeIdCheck(caseworkOf(socket).deps, actorOf(socket), {
    verified: input.verified,
    numberLast4: input.numberLast4,
    ...(input.documentType ? { documentType: input.documentType } : {}),
  });
};

export const idcheckCancel: CaseworkHandler<'idcheck:cancel'> = async ({ socket }, payload) => {
  parsePayload(emptyPayload, payload);
  return cancelIdCheck(caseworkOf(socket).deps, actorOf(socket));
};

export const idcheckRequestStill: CaseworkHandler<'idcheck:requestStill'> = async ({ socket }, payload) => {
  parsePayload(emptyPayload, payload);
  return requestStill(caseworkOf(socket).deps, actorOf(socket));
};

const stillChunkSchema = z.object({
  requestId: z.string().min(10).max(1000),
  step: z.enum(ID_CHECK_STEPS),
  mime: z.enum(STILL_MIME_TYPES),
  width: z.number().int().min(1).max(16_384),
  height: z.number().int().min(1).max(16_384),
  bytes: z.number().int().min(1).max(STILL_MAX_BYTES),
  source: z.enum(['photo', 'frame']),
  seq: z
    .number()
    .int()
    .min(0)
    .max(Math.ceil(STILL_MAX_BYTES / STILL_CHUNK_BYTES)),
  data: z.instanceof(Uint8Array),
});

/** Bytes each connection relayed for its current still request (one request at a time; nothing else is kept). */
const relayed = new WeakMap<VideoSocket, { requestId: string; bytes: number }>();

export const idcheckStillChunk: CaseworkHandler<'idcheck:stillChunk'> = async ({ socket }, payload) => {
  const chunk = parsePayload(stillChunkSchema, payload);
  const current = relayed.get(socket);
  const received = current?.requestId === chunk.requestId ? current.bytes : 0;
  await relayStillChunk(caseworkOf(socket).deps, actorOf(socket), chunk, received);
  relayed.set(socket, { requestId: chunk.requestId, bytes: received + chunk.data.byteLength });
  return null;
};

const stillAnswerSchema = z.object({
  requestId: z.string().min(10).max(1000),
  phase: z.enum(['capturing', 'failed']),
  reason: z.enum(STILL_FAILURES).optional(),
});

export const idcheckStillAnswer: CaseworkHandler<'idcheck:stillAnswer'> = async ({ socket }, payload) => {
  const answer = parsePayload(stillAnswerSchema, payload);
  await reportStillAnswer(
    caseworkOf(socket).deps,
    actorOf(socket),
    answer.reason ? { ...answer, reason: answer.reason } : { requestId: answer.requestId, phase: answer.phase },
  );
  return null;
};
