/**
 * The typed socket.io connection to the video service (contract/signalling.ts) and a promise-style
 * request helper over its acknowledgements.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  Reply,
  ServerToClientEvents,
  SignalErrorCode,
  SignalRefusalReason,
} from '@virtuelles-amt/video-service/contract/signalling';

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A request the service answered with `{ ok: false }`, or that timed out (`code: 'timeout'`). */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  readonly code: SignalErrorCode | 'timeout';
  /** Set for refusals the page explains (`room_closed`, `room_full`, `expired` …). */
  readonly reason: SignalRefusalReason | undefined;
  /** With reason `tan_wrong`: wrong tries left. */
  readonly attemptsLeft: number | undefined;
  constructor(code: SignalErrorCode | 'timeout', message: string, reason?: SignalRefusalReason, attemptsLeft?: number) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.attemptsLeft = attemptsLeft;
  }
}

/**
 * Opens the socket. `session()` is asked on every (re)connect, so a renewed session token is used.
 * Reconnection is on (socket.io's backoff, 0.5–5 s); a refusal by the server stops it (`socket.active`).
 */
export function openRoomSocket(session: () => string | null, url?: string): RoomSocket {
  const options = {
    auth: (send: (data: object) => void) => send({ session: session() }),
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    // WebSocket first saves the polling round trips on join; polling stays as the fallback for proxies.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    autoConnect: false,
  };
  return url === undefined ? io(options) : io(url, options);
}

export type RequestName = keyof ClientToServerEvents;
export type RequestPayload<E extends RequestName> = Parameters<ClientToServerEvents[E]>[0];
export type DataOf<E extends RequestName> =
  Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends Reply<infer T> ? T : never;

/** Sends a request and resolves with the reply's data; rejects with a RequestError. */
export async function request<E extends RequestName>(
  socket: RoomSocket,
  event: E,
  payload: RequestPayload<E>,
  timeoutMs = 10_000,
): Promise<DataOf<E>> {
  let reply: Reply<DataOf<E>>;
  try {
    // socket.io's typings cannot follow a generic event name through emitWithAck.
    const timed = socket.timeout(timeoutMs);
    const emit = timed.emitWithAck as (event: E, payload: RequestPayload<E>) => Promise<Reply<DataOf<E>>>;
    reply = await emit.call(timed, event, payload);
  } catch {
    throw new RequestError('timeout', `${event} timed out`);
  }
  if (!reply.ok)
    throw new RequestError(reply.error.code, reply.error.message, reply.error.reason, reply.error.attemptsLeft);
  return reply.data;
}
