/** `lobby:admit` (clerks only, their own room): let a waiting participant in. */
import { z } from 'zod';
import { admitParticipant } from '../../rooms/admit-participant.ts';
import type { Handler } from './context.ts';
import { parsePayload, participantId, requireClerk } from './parse.ts';

const schema = z.object({ participantId });

export const lobbyAdmit: Handler<'lobby:admit'> = async ({ socket, rooms }, payload) => {
  const { participantId: target } = parsePayload(schema, payload);
  requireClerk(socket, 'admit participants');
  const { participant, room } = socket.data;
  await admitParticipant(rooms, { room, clerk: participant, connectionId: socket.id, participantId: target });
  return null;
};
