/**
 * What the room use cases need from the outside: a way to reach a connection. The signalling layer
 * implements it with socket.io; the use cases never import socket.io.
 */
import type { ServerToClientEvents } from '../contract/signalling.ts';

export interface RoomNotifier {
  /** Delivers a notification to one connection (no-op when it is gone). */
  send<E extends keyof ServerToClientEvents>(connectionId: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /** Closes a connection for good (it must not reconnect by itself). */
  close(connectionId: string): void;
}
