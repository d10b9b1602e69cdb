/**
 * How casework handlers reach casework: `bindCasework(io, context)` records it for the socket.io server, and
 * `caseworkOf(socket)` finds it from any socket of that server. The room handlers' dispatch table stays
 * one table; its context does not need to know about casework.
 */
import type { Server } from 'socket.io';
import type { CaseworkDeps } from '../../../casework/deps.ts';
import type { Actor } from '../../../casework/access.ts';
import type { CaseworkClientToServerEvents } from '../../../contract/casework.ts';
import type { AppointmentInfo } from '../../../contract/join-token.ts';
import type { Ack } from '../../../contract/signalling.ts';
import type { HandlerContext } from '../context.ts';
import type { VideoSocket } from '../../types.ts';

export interface CaseworkSocketContext {
  deps: CaseworkDeps;
  /** The appointment of the session a socket authenticated with (checks the session is still usable). */
  appointmentOf(sessionId: string): Promise<AppointmentInfo>;
}

const contexts = new WeakMap<object, CaseworkSocketContext>();

export function bindCasework(io: Server, context: CaseworkSocketContext): void {
  contexts.set(io, context);
}

export function caseworkOf(socket: VideoSocket): CaseworkSocketContext {
  const context = contexts.get(socket.nsp.server);
  if (!context) throw new Error('casework is not wired to this socket.io server');
  return context;
}

/** The acting participant of a socket (from its session, never from a payload). */
export function actorOf(socket: VideoSocket): Actor {
  const { room, participant } = socket.data;
  return { room, id: participant.id, role: participant.role, name: participant.name };
}

export type CaseworkReplyOf<E extends keyof CaseworkClientToServerEvents> =
  Parameters<CaseworkClientToServerEvents[E]>[1] extends Ack<infer T> ? T : never;

/** A casework handler has the shape of every room handler (context, raw payload → reply data). */
export type CaseworkHandler<E extends keyof CaseworkClientToServerEvents> = (
  ctx: HandlerContext,
  payload: unknown,
) => Promise<CaseworkReplyOf<E>>;

export type CaseworkHandlerTable = { [E in keyof CaseworkClientToServerEvents]: CaseworkHandler<E> };
