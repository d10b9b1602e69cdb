/**
 * The rooms' `RoomNotifier` over socket.io. Every socket is in its own socket.io room (its id), in
 * `r:<room>` (every connection of a video room) and in `s:<session id>` (every connection of a session), so
 * with the Redis adapter each of these reaches connections on any process.
 */
import type { RoomNotifier, NotificationArgs } from '../rooms/ports.ts';
import type { ServerToClientEvents } from '../contract/signalling.ts';
import type { VideoServer } from './types.ts';

/**
 * Room- and session-wide closes wait this long after their `room:closed`, so the reply to the request that
 * caused them (a clerk's `room:end`) still reaches its sender and clients can stop by themselves first.
 */
export const CLOSE_DELAY_MS = 300;

export const roomChannel = (room: string) => `r:${room}`;
export const sessionChannel = (sessionId: string) => `s:${sessionId}`;

export function socketNotifier(io: VideoServer): RoomNotifier {
  function emit<E extends keyof ServerToClientEvents>(target: string, event: E, args: NotificationArgs<E>): void {
    // socket.io's emit typing cannot follow a generic event name; the signatures of RoomNotifier keep callers exact.
    (io.to(target).emit as (event: E, ...args: NotificationArgs<E>) => boolean)(event, ...args);
  }
  return {
    send(connectionId, event, ...args) {
      emit(connectionId, event, args);
    },
    close(connectionId) {
      io.in(connectionId).disconnectSockets(true);
    },
    sendToRoom(room, event, ...args) {
      emit(roomChannel(room), event, args);
    },
    closeRoom(room) {
      setTimeout(() => io.in(roomChannel(room)).disconnectSockets(true), CLOSE_DELAY_MS).unref();
    },
    sendToSession(sessionId, event, ...args) {
      emit(sessionChannel(sessionId), event, args);
    },
    closeSession(sessionId) {
      setTimeout(() => io.in(sessionChannel(sessionId)).disconnectSockets(true), CLOSE_DELAY_MS).unref();
    },
  };
}
