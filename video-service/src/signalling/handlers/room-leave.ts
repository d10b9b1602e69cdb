/** `room:leave` (anyone): leave on purpose; an admission stays for a later return. */
import { leaveRoom } from '../../rooms/leave-room.ts';
import type { Handler } from './context.ts';
import { emptyPayload, parsePayload } from './parse.ts';

export const roomLeave: Handler<'room:leave'> = async ({ socket, rooms }, payload) => {
  parsePayload(emptyPayload, payload);
  await leaveRoom(rooms, {
    room: socket.data.room,
    participantId: socket.data.participant.id,
    connectionId: socket.id,
    cause: 'left',
  });
  return null;
};
