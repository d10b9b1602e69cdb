/** In-call requests besides signalling: `chat:send`, `screen:permission` (clerks), `quality:report`. */
import { z } from 'zod';
import { sendChatMessage } from '../../rooms/chat.ts';
import { reportQuality } from '../../rooms/relay.ts';
import { setScreenPermission } from '../../rooms/screen-permission.ts';
import { senderOf, type Handler } from './context.ts';
import { parsePayload, participantId, requireClerk, typedText } from './parse.ts';

/** Longest chat message. */
export const CHAT_TEXT_MAX = 2000;

const chatSchema = z.object({ text: typedText(CHAT_TEXT_MAX) });
const permissionSchema = z.object({ participantId, allowed: z.boolean() });
const qualitySchema = z.object({
  level: z.enum(['good', 'fair', 'poor']),
  rttMs: z.number().min(0).max(60_000).optional(),
  packetLoss: z.number().min(0).max(1).optional(),
  bitrateKbps: z.number().min(0).max(100_000).optional(),
});

export const chatSend: Handler<'chat:send'> = async ({ socket, rooms }, payload) => {
  const { text } = parsePayload(chatSchema, payload);
  return sendChatMessage(rooms, senderOf(socket), text);
};

export const screenPermission: Handler<'screen:permission'> = async ({ socket, rooms }, payload) => {
  const { participantId: target, allowed } = parsePayload(permissionSchema, payload);
  requireClerk(socket, 'allow screen sharing');
  const { participant, room } = socket.data;
  await setScreenPermission(rooms, {
    room,
    clerk: participant,
    connectionId: socket.id,
    participantId: target,
    allowed,
  });
  return null;
};

export const qualityReport: Handler<'quality:report'> = async ({ socket, rooms }, payload) => {
  await reportQuality(rooms, senderOf(socket), parsePayload(qualitySchema, payload));
  return null;
};
