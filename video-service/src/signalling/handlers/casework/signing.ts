/** Signing (`sign:draw`, `sign:requestTan`, `sign:confirmTan`, `sign:presence`: citizen) and `document:link` (citizen, clerk). */
import { z } from 'zod';
import { createDocumentLink } from '../../../casework/documents/document-access.ts';
import { signByDrawing } from '../../../casework/signing/sign-drawn.ts';
import { announceSigning, forgetSigning } from '../../../casework/signing/signing-presence.ts';
import { confirmTan, requestTan } from '../../../casework/signing/tan-signing.ts';
import { parsePayload } from '../parse.ts';
import { actorOf, caseworkOf, type CaseworkHandler } from './context.ts';

const documentId = z.string().uuid();
// 200 KB of image as base64 is about 270 000 characters.
const drawSchema = z.object({
  documentId,
  signature: z.object({ format: z.enum(['png', 'svg']), data: z.string().min(1).max(280_000) }),
});

/** The signer with the appointment's language (the sealed document's audit page adds a note in it; the SMS-TAN is written in it). */
async function signer(socket: Parameters<typeof actorOf>[0]) {
  const { locale } = await caseworkOf(socket).appointmentOf(socket.data.sessionId);
  return { ...actorOf(socket), ...(locale ? { locale } : {}) };
}

export const signDraw: CaseworkHandler<'sign:draw'> = async ({ socket }, payload) => {
  const input = parsePayload(drawSchema, payload);
  return signByDrawing(caseworkOf(socket).deps, await signer(socket), input.documentId, input.signature);
};

export const signRequestTan: CaseworkHandler<'sign:requestTan'> = async ({ socket }, payload) => {
  const input = parsePayload(z.object({ documentId, channel: z.enum(['hidden', 'sms']) }), payload);
  return requestTan(caseworkOf(socket).deps, await signer(socket), input.documentId, input.channel);
};

export const signConfirmTan: CaseworkHandler<'sign:confirmTan'> = async ({ socket }, payload) => {
  const input = parsePayload(z.object({ documentId, tan: z.string().max(12) }), payload);
  return confirmTan(caseworkOf(socket).deps, await signer(socket), input.documentId, input.tan.trim());
};

export const signPresence: CaseworkHandler<'sign:presence'> = async ({ socket }, payload) => {
  const input = parsePayload(z.object({ documentId, open: z.boolean() }), payload);
  const { deps } = caseworkOf(socket);
  const actor = actorOf(socket);
  const reply = await announceSigning(deps, actor, socket.id, input.documentId, input.open);
  // The connection went away while this was on its way: its disconnect clean-up has run already.
  if (socket.disconnected) await forgetSigning(deps, actor.room, actor.id, socket.id);
  return reply;
};

export const documentLink: CaseworkHandler<'document:link'> = async ({ socket }, payload) => {
  const input = parsePayload(z.object({ documentId }), payload);
  return createDocumentLink(caseworkOf(socket).deps, actorOf(socket), input.documentId);
};
