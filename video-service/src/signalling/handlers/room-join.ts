/** `room:join` (anyone with a session): take the seat and get the snapshot. */
import { joinRoom } from '../../rooms/join-room.ts';
import type { Handler } from './context.ts';
import { emptyPayload, parsePayload } from './parse.ts';

export const roomJoin: Handler<'room:join'> = async ({ socket, rooms }, payload) => {
  parsePayload(emptyPayload, payload);
  return joinRoom(rooms, { sessionId: socket.data.sessionId, connectionId: socket.id });
};
