/** `lobby:estimate` (clerks only, their own room): the estimated waiting time for one waiting participant. */
import { z } from 'zod';
import { WAITING_ESTIMATE_MAX_MINUTES } from '../../contract/signalling.ts';
import { estimateForWaiting } from '../../rooms/waiting-estimate.ts';
import type { Handler } from './context.ts';
import { parsePayload, participantId, requireClerk } from './parse.ts';

/** Whole minutes, 0 ("any moment now") to 120: shared with the admin API's body. */
export const estimateMinutes = z.number().int().min(0).max(WAITING_ESTIMATE_MAX_MINUTES);

const estimateSchema = z.object({ participantId, minutes: estimateMinutes });

export const lobbyEstimate: Handler<'lobby:estimate'> = async ({ socket, rooms }, payload) => {
  const { participantId: target, minutes } = parsePayload(estimateSchema, payload);
  requireClerk(socket, 'tell waiting participants the waiting time');
  const { participant, room } = socket.data;
  return estimateForWaiting(rooms, {
    room,
    clerk: participant,
    connectionId: socket.id,
    participantId: target,
    minutes,
  });
};
