/**
 * GET /clerk/api/live — Server-Sent Events (https://html.spec.whatwg.org/multipage/server-sent-events.html),
 * scoped to what the signed-in clerk may see (docs/adr/0085 for SSE rather than a socket).
 *
 * Messages (`event:` name, JSON `data:`):
 * - `ready` `{ epoch }` once the connection hears the bus (after any replay): load the list on it;
 * - `row` `{ row }` whenever an appointment the clerk sees changed (ids `<epoch>.<seq>`);
 * - `refresh` `{}` when a reconnecting page's Last-Event-ID cannot be replayed (other process or process start,
 *   or too old), and to every open page when the bus may have missed changes (the Redis subscription between
 *   processes was lost and is back): the page reloads its list;
 * - `signed_out` `{}` when the session ended (checked with every heartbeat), then the stream ends.
 * A comment line is sent every `heartbeatMs` so proxies keep the connection open.
 */
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../log.ts';
import type { AuthenticateClerk, ClerkPrincipal } from '../principal.ts';
import type { LiveBus } from './live-bus.ts';
import type { LiveEvent, LiveMessages } from './live-messages.ts';
import type { WorkplaceRow } from './rows.ts';
import type { Workplace } from './workplace.ts';

/** How many recent changes a reconnecting page can be given again instead of a full refresh. */
const REPLAY_SIZE = 500;

interface Connection {
  principal: ClerkPrincipal;
  send<E extends LiveEvent>(id: string | null, event: E, data: LiveMessages[E]): void;
}

export interface LiveChannelOptions {
  workplace: Workplace;
  bus: LiveBus;
  authenticate: AuthenticateClerk;
  log: Logger;
  /** Default 15 000 ms. */
  heartbeatMs?: number;
}

export class LiveChannel {
  /** Changes this process has sent since it started: a Last-Event-ID of another epoch cannot be replayed. */
  readonly epoch = randomBytes(6).toString('hex');
  readonly #o: LiveChannelOptions;
  readonly #connections = new Set<Connection>();
  /** Recent changes (sequence number, appointment id), oldest first. */
  readonly #recent: Array<{ seq: number; appointmentId: string }> = [];
  #seq = 0;
  /** How often the bus said changes may have been missed. */
  #resyncs = 0;
  readonly #unsubscribe: Array<() => void>;

  constructor(options: LiveChannelOptions) {
    this.#o = options;
    this.#unsubscribe = [
      options.bus.subscribe(
        (id) => void this.#changed(id).catch((err) => options.log.error({ err }, 'live change failed')),
      ),
      options.bus.onResync(() => this.#resync()),
    ];
  }

  /** The express handler; the caller authenticated `principal` already. */
  async open(req: Request, res: Response, principal: ClerkPrincipal): Promise<void> {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    req.socket.setNoDelay(true);
    const connection: Connection = {
      principal,
      send(id, event, data) {
        res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      },
    };
    res.write('retry: 2000\n\n');
    const resyncs = this.#resyncs;
    await this.#replay(connection, req.header('last-event-id'));
    this.#connections.add(connection);
    // `ready` only once the connection hears the bus: a page loads its list on `ready`, so a change after that
    // read reaches it live, and one before it is in the list (sent earlier, a change in between was lost).
    connection.send(null, 'ready', { epoch: this.epoch });
    // A resync while the replay read rows did not reach this connection yet.
    if (this.#resyncs !== resyncs) connection.send(null, 'refresh', {});
    const heartbeat = setInterval(() => void this.#beat(req, res, connection), this.#o.heartbeatMs ?? 15_000);
    const closed = () => {
      clearInterval(heartbeat);
      this.#connections.delete(connection);
    };
    res.on('close', closed);
  }

  /** Stops listening to the bus and ends every stream (the connector is closing). Safe to call twice. */
  close(): void {
    for (const stop of this.#unsubscribe.splice(0)) stop();
    this.#connections.clear();
  }

  async #beat(req: Request, res: Response, connection: Connection): Promise<void> {
    const still = await this.#o.authenticate(req).catch(() => null);
    if (!still || still.id !== connection.principal.id) {
      connection.send(null, 'signed_out', {});
      res.end();
      return;
    }
    connection.principal = still;
    res.write(': heartbeat\n\n');
  }

  async #replay(connection: Connection, lastEventId: string | undefined): Promise<void> {
    if (!lastEventId) return;
    const [epoch, seqText] = lastEventId.split('.');
    const seq = Number(seqText);
    const oldest = this.#recent[0]?.seq ?? this.#seq + 1;
    // Anything since seq must still be in the buffer (or nothing happened since).
    if (epoch !== this.epoch || !Number.isInteger(seq) || seq > this.#seq || seq < oldest - 1) {
      connection.send(null, 'refresh', {});
      return;
    }
    const missed = [...new Map(this.#recent.filter((c) => c.seq > seq).map((c) => [c.appointmentId, c.seq])).entries()];
    for (const [appointmentId, at] of missed) {
      const row = await this.#o.workplace.row(connection.principal, appointmentId);
      if (row) connection.send(`${this.epoch}.${at}`, 'row', { row });
    }
  }

  /**
   * Changes may have been missed: every open page reloads, and the replay buffer has a gap, so a page that
   * reconnects later with an id from before it must reload too — skipping a sequence number makes every
   * earlier id unreplayable (see #replay).
   */
  #resync(): void {
    this.#resyncs++;
    this.#seq++;
    this.#recent.length = 0;
    for (const connection of this.#connections) connection.send(null, 'refresh', {});
  }

  async #changed(appointmentId: string): Promise<void> {
    const seq = ++this.#seq;
    this.#recent.push({ seq, appointmentId });
    if (this.#recent.length > REPLAY_SIZE) this.#recent.shift();
    const connections = [...this.#connections];
    if (!connections.length) return;
    const rows: Array<WorkplaceRow | null> = await this.#o.workplace.rowsFor(
      connections.map((c) => c.principal),
      appointmentId,
    );
    connections.forEach((c, i) => {
      const row = rows[i];
      // A row the clerk may not see is not even announced as an id.
      if (row) c.send(`${this.epoch}.${seq}`, 'row', { row });
    });
  }
}
