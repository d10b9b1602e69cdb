/** `lobby:admit` (clerks only, their own room): let a waiting participant in. */
import { z } from 'zod';
import { Forbidden } from '../../errors.ts';
import { admitParticipant } from '../../rooms/admit-participant.ts';
import type { Handler } from './context.ts';
import { parsePayload, participantId } from './parse.ts';

const schema = z.object({ participantId });

export const lobbyAdmit: Handler<'lobby:admit'> = async ({ socket, rooms }, payload) => {
  const { participantId: target } = parsePayload(schema, payload);
  const { participant, room } = socket.data;
  if (participant.role !== 'clerk') throw new Forbidden('Only a clerk may admit participants.');
  await admitParticipant(rooms, { room, clerk: participant, connectionId: socket.id, participantId: target });
  return null;
};
