/**
 * socket.io signalling on the service's HTTP server: the session handshake, the dispatch table of request
 * handlers, and seat clean-up on disconnect. `close()` is safe to call twice.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { errorFields, type Logger } from '../log.ts';
import type { RoomDeps } from '../rooms/deps.ts';
import type { RoomNotifier } from '../rooms/ports.ts';
import { leaveRoom } from '../rooms/leave-room.ts';
import type { SessionRecord } from '../sessions/ports.ts';
import { answer, splitArgs } from './ack.ts';
import { HANDLERS } from './handlers/index.ts';
import { sessionHandshake } from './handshake.ts';
import { roomChannel, sessionChannel, socketNotifier } from './notifier.ts';
import { EventLimiter } from './event-limits.ts';
import { sameOriginOnly } from './origin.ts';
import type { VideoServer, VideoSocket } from './types.ts';

/** Largest socket.io message accepted (an SDP with many candidates stays far below). */
const MAX_MESSAGE_BYTES = 256 * 1024;

export interface SignallingOptions {
  publicUrl: string;
  /** Checks a session token and renews the session (sessions/sessions.ts resumeSession). */
  resume: (sessionToken: string) => Promise<{ session: SessionRecord }>;
  /** socket.io adapter factory (the Redis adapter with REDIS_URL); default: in memory. */
  adapter?: ServerOptions['adapter'];
  log: Logger;
}

export class Signalling {
  readonly io: VideoServer;
  readonly notifier: RoomNotifier;
  readonly #log: Logger;
  #rooms: RoomDeps | undefined;
  /** Set before socket.io closes: its disconnect events then free no seats (the lobby must survive a restart). */
  #stopping = false;
  #closed: Promise<void> | undefined;

  constructor(httpServer: HttpServer, options: SignallingOptions) {
    this.#log = options.log;
    this.io = new Server(httpServer, {
      serveClient: false,
      maxHttpBufferSize: MAX_MESSAGE_BYTES,
      allowRequest: sameOriginOnly(options.publicUrl),
      ...(options.adapter ? { adapter: options.adapter } : {}),
    });
    this.notifier = socketNotifier(this.io);
    this.io.use(sessionHandshake(options.resume, options.log));
    this.io.on('connection', (socket) => this.#onConnection(socket));
  }

  /** Starts serving requests with the room use cases (which need `notifier`, hence the two steps). */
  serve(rooms: RoomDeps): void {
    this.#rooms = rooms;
  }

  close(): Promise<void> {
    this.#stopping = true;
    this.#closed ??= new Promise<void>((resolve) => {
      this.io.close(() => resolve());
    });
    return this.#closed;
  }

  #onConnection(socket: VideoSocket): void {
    const rooms = this.#rooms;
    if (!rooms || this.#stopping) {
      socket.disconnect(true);
      return;
    }
    void socket.join([roomChannel(socket.data.room), sessionChannel(socket.data.sessionId)]);
    const limiter = new EventLimiter();
    // Payloads from the wire are unknown until a handler's schema has parsed them.
    const raw = socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void };
    for (const [event, handler] of Object.entries(HANDLERS)) {
      raw.on(event, (...args) => {
        const { payload, ack } = splitArgs(args);
        if (!limiter.allow(event)) {
          ack?.({ ok: false, error: { code: 'rate_limited', message: 'Too many requests; slow down.' } });
          return;
        }
        void answer(() => handler({ socket, rooms }, payload), ack, this.#log, event);
      });
    }
    socket.on('disconnect', (reason) => {
      if (this.#stopping) return;
      const { room, participant } = socket.data;
      leaveRoom(rooms, { room, participantId: participant.id, connectionId: socket.id, cause: 'disconnected' }).catch(
        (error: unknown) => this.#log.error({ room, reason, err: errorFields(error) }, 'disconnect clean-up failed'),
      );
    });
  }
}
