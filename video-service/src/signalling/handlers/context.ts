/** What every socket event handler gets, and the shape of the dispatch table. */
import type { Ack, ClientToServerEvents } from '../../contract/signalling.ts';
import type { RoomDeps } from '../../rooms/deps.ts';
import type { Sender } from '../../rooms/relay.ts';
import type { VideoSocket } from '../types.ts';

export interface HandlerContext {
  socket: VideoSocket;
  rooms: RoomDeps;
}

/** The data a request's ack carries on success. */
export type ReplyOf<E extends keyof ClientToServerEvents> =
  Parameters<ClientToServerEvents[E]>[1] extends Ack<infer T> ? T : never;

/** A handler gets the raw payload (unknown until parsed) and returns the reply data or throws an error type. */
export type Handler<E extends keyof ClientToServerEvents> = (
  ctx: HandlerContext,
  payload: unknown,
) => Promise<ReplyOf<E>> | ReplyOf<E>;

export type HandlerTable = { [E in keyof ClientToServerEvents]: Handler<E> };

/** The socket as a sender of room messages. */
export function senderOf(socket: VideoSocket): Sender {
  return { room: socket.data.room, participantId: socket.data.participant.id, connectionId: socket.id };
}
