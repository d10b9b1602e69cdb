/**
 * The clerk's other lobby controls (clerks only, their own room): `lobby:reject`, `lobby:return`,
 * `lobby:message`.
 */
import { z } from 'zod';
import { messageWaiting, rejectParticipant, returnToLobby } from '../../rooms/lobby-control.ts';
import type { Handler } from './context.ts';
import { parsePayload, participantId, requireClerk, typedText } from './parse.ts';

/** Longest rejection or lobby message. */
export const LOBBY_TEXT_MAX = 500;

const rejectSchema = z.object({ participantId, message: typedText(LOBBY_TEXT_MAX).optional() });
const returnSchema = z.object({ participantId });
const messageSchema = z.object({ participantId, text: typedText(LOBBY_TEXT_MAX) });

export const lobbyReject: Handler<'lobby:reject'> = async ({ socket, rooms }, payload) => {
  const { participantId: target, message } = parsePayload(rejectSchema, payload);
  requireClerk(socket, 'turn participants away');
  const { participant, room } = socket.data;
  await rejectParticipant(rooms, {
    room,
    clerk: participant,
    connectionId: socket.id,
    participantId: target,
    message: message ?? null,
  });
  return null;
};

export const lobbyReturn: Handler<'lobby:return'> = async ({ socket, rooms }, payload) => {
  const { participantId: target } = parsePayload(returnSchema, payload);
  requireClerk(socket, 'send participants back to the waiting room');
  const { participant, room } = socket.data;
  await returnToLobby(rooms, { room, clerk: participant, connectionId: socket.id, participantId: target });
  return null;
};

export const lobbyMessage: Handler<'lobby:message'> = async ({ socket, rooms }, payload) => {
  const { participantId: target, text } = parsePayload(messageSchema, payload);
  requireClerk(socket, 'write to waiting participants');
  const { participant, room } = socket.data;
  return messageWaiting(rooms, { room, clerk: participant, connectionId: socket.id, participantId: target, text });
};
