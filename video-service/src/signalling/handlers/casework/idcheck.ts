/** The ID-check requests (clerk only; the citizen receives `idcheck:state`). */
import { z } from 'zod';
import { answerIdQuestion, cancelIdCheck, completeIdCheck, startIdCheck, stepIdCheck, tickIdChecklist } from '../../../casework/idcheck/id-check.ts';
import { ID_CHECK_STEPS, ID_CHECKLIST_ITEMS, ID_DOCUMENT_TYPES } from '../../../contract/casework.ts';
import { emptyPayload, parsePayload } from '../parse.ts';
import { actorOf, caseworkOf, type CaseworkHandler } from './context.ts';

const documentType = z.enum(ID_DOCUMENT_TYPES);

export const idcheckStart: CaseworkHandler<'idcheck:start'> = async ({ socket }, payload) => {
  const input = parsePayload(z.object({ documentType }), payload);
  return startIdCheck(caseworkOf(socket).deps, actorOf(socket), input.documentType);
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
  const { questionId, answer } = parsePayload(z.object({ questionId: z.string().min(1).max(40), answer: z.enum(['correct', 'incorrect']) }), payload);
  return answerIdQuestion(caseworkOf(socket).deps, actorOf(socket), questionId, answer);
};

const completeSchema = z.object({ verified: z.boolean(), numberLast4: z.string().max(40).nullable(), documentType: documentType.optional() });

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
