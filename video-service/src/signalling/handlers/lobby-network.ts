/**
 * `lobby:network` (a waiting citizen or guest, after `room:join`): the result of the page's connectivity
 * check, shown to the clerks in the waiting list. Clerks never wait, so they may not send it.
 */
import { z } from 'zod';
import { reportNetworkCheck } from '../../rooms/lobby-network.ts';
import { Forbidden } from '../../errors.ts';
import { senderOf, type Handler } from './context.ts';
import { parsePayload } from './parse.ts';

const schema = z.object({ network: z.enum(['ok', 'warn', 'fail']) });

export const lobbyNetwork: Handler<'lobby:network'> = async ({ socket, rooms }, payload) => {
  const { network } = parsePayload(schema, payload);
  if (socket.data.participant.role === 'clerk') throw new Forbidden('Clerks do not wait in the lobby.');
  await reportNetworkCheck(rooms, senderOf(socket), network);
  return null;
};
