/**
 * The room's signalling connection: one socket.io connection that takes the seat (`room:join`) on every
 * (re)connect, and sorts everything that can go wrong into what the page must do about it:
 * retrying by itself (`lost`), a refusal only a fresh link can fix (`refused`), a failure of the service
 * (`failed`), or an end the service chose (`endedByServer`). Closing it is final; make a new one to rejoin.
 */
import type {
  MediaStateUpdate,
  RoomSnapshot,
  ServerToClientEvents,
} from '@virtuelles-amt/video-service/contract/signalling';
import {
  openRoomSocket,
  request,
  RequestError,
  type RequestName,
  type RequestPayload,
  type RoomSocket,
} from './room-socket.ts';

/** Handshake refusals (connect_error messages) that concern the session, not the service. */
const SESSION_REFUSALS = new Set(['unauthorized', 'expired', 'not_yet_valid', 'revoked', 'invalid']);

export interface RoomConnectionHandlers {
  /** Seated (again): the participant's view of the room. */
  entered(snapshot: RoomSnapshot, reconnected: boolean): void;
  /** About to take the seat again after a drop: the others have closed their peer connections to us. */
  reentering(): void;
  /** The connection dropped; socket.io reconnects by itself. */
  lost(): void;
  /** Refused: a session reason (`expired`, `revoked`, `invalid`, `unauthorized` …) or `room_closed` / `room_full`. */
  refused(reason: string): void;
  /** The service failed (or did not answer `room:join`). */
  failed(): void;
  /** The service closed the connection without a notification saying why. */
  endedByServer(): void;
}

export interface RoomConnectionOptions {
  /** Asked on every (re)connect, so a renewed session token is used. */
  sessionToken(): string | null;
  /** Origin of the video service; default: this page's. */
  baseUrl?: string;
  /** The `room:join` snapshot is applied after this (the devices), so that the first offer already carries the tracks. */
  ready(): Promise<void>;
  handlers: RoomConnectionHandlers;
  /** Server notifications to pass on (contract/signalling.ts). */
  notifications: Partial<ServerToClientEvents>;
}

export class RoomConnection {
  private readonly socket: RoomSocket;
  private readonly options: RoomConnectionOptions;
  private seatedBefore = false;
  private closed = false;
  /** While the seat is being taken: notifications wait until its snapshot is applied. */
  private held: Promise<unknown> | null = null;

  constructor(options: RoomConnectionOptions) {
    this.options = options;
    const socket = openRoomSocket(options.sessionToken, options.baseUrl || undefined);
    this.socket = socket;
    const live =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: A) => {
        if (!this.closed) handler(...args);
      };
    socket.on(
      'connect',
      live(() => void this.takeSeat()),
    );
    socket.on(
      'disconnect',
      live((reason) => this.onDisconnect(reason)),
    );
    socket.on(
      'connect_error',
      live((error) => this.onConnectError(error)),
    );
    for (const [event, handler] of Object.entries(options.notifications)) {
      const run = live(handler as (...args: unknown[]) => void);
      socket.on(
        event as keyof ServerToClientEvents,
        ((...args: unknown[]) =>
          this.held ? void (this.held = this.held.then(() => run(...args))) : run(...args)) as never,
      );
    }
    socket.connect();
  }

  get connected(): boolean {
    return !this.closed && this.socket.connected;
  }

  /** A request with its reply (rejects with RequestError). */
  request<E extends RequestName>(
    event: E,
    payload: RequestPayload<E>,
    timeoutMs?: number,
  ): ReturnType<typeof request<E>> {
    return request(this.socket, event, payload, timeoutMs);
  }

  /** A request whose reply does not matter (signals, media state); dropped while disconnected. */
  send<E extends RequestName>(event: E, payload: RequestPayload<E>): void {
    if (this.connected) void request(this.socket, event, payload).catch(() => undefined);
  }

  /**
   * Whether the service answers within `timeoutMs`: sends the participant's current media state (harmless;
   * a refusal, e.g. while waiting, is an answer too).
   */
  async alive(state: MediaStateUpdate, timeoutMs = 3000): Promise<boolean> {
    if (!this.connected) return false;
    try {
      await request(this.socket, 'media:state', state, timeoutMs);
      return true;
    } catch (error) {
      return !(error instanceof RequestError && error.code === 'timeout');
    }
  }

  /** A new connection now (full re-join), without socket.io's backoff; the seat is taken again on connect. */
  reconnect(): void {
    if (this.closed) return;
    this.socket.disconnect();
    this.socket.connect();
  }

  /** Disconnects for good; safe to call twice. No handler is called afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.disconnect();
  }

  private async takeSeat(): Promise<void> {
    // Everything this connection hears from now on happened after its seat was taken: it waits for the snapshot.
    let release!: () => void;
    this.held = new Promise<void>((resolve) => (release = resolve));
    try {
      await this.seat();
    } finally {
      this.held = null;
      release();
    }
  }

  private async seat(): Promise<void> {
    const reconnected = this.seatedBefore;
    this.seatedBefore = true;
    if (reconnected) this.options.handlers.reentering();
    let snapshot: RoomSnapshot;
    try {
      // The seat is asked for at once, while camera and microphone may still be opening (a reload: ~30 ms);
      // the snapshot is applied only once they are ready, so that the first offer carries the tracks.
      [snapshot] = await Promise.all([
        request(this.socket, 'room:join', {}),
        this.options.ready().catch(() => undefined),
      ]);
      if (this.closed) return;
    } catch (error) {
      if (this.closed) return;
      const reason = error instanceof RequestError ? error.reason : undefined;
      if (reason) this.options.handlers.refused(reason);
      else this.options.handlers.failed();
      return;
    }
    this.options.handlers.entered(snapshot, reconnected);
  }

  private onDisconnect(reason: string): void {
    // 'io server disconnect' does not reconnect by itself; every other reason does.
    if (reason === 'io server disconnect') this.options.handlers.endedByServer();
    else this.options.handlers.lost();
  }

  private onConnectError(error: Error): void {
    if (this.socket.active) this.options.handlers.lost();
    else if (SESSION_REFUSALS.has(error.message)) this.options.handlers.refused(error.message);
    else this.options.handlers.failed();
  }
}
