/** The rooms' `RoomNotifier` over socket.io: a connection id is a socket id (each socket is in its own socket.io room). */
import type { RoomNotifier } from '../rooms/ports.ts';
import type { ServerToClientEvents } from '../contract/signalling.ts';
import type { VideoServer } from './types.ts';

export function socketNotifier(io: VideoServer): RoomNotifier {
  return {
    send<E extends keyof ServerToClientEvents>(connectionId: string, event: E, ...args: Parameters<ServerToClientEvents[E]>) {
      // socket.io's emit typing cannot follow a generic event name; the signature above keeps callers exact.
      (io.to(connectionId).emit as (event: E, ...args: Parameters<ServerToClientEvents[E]>) => boolean)(event, ...args);
    },
    close(connectionId) {
      io.in(connectionId).disconnectSockets(true);
    },
  };
}
