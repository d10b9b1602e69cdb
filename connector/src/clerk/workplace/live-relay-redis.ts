/**
 * The live bus across connector processes: Redis pub/sub on the channel `<REDIS_KEY_PREFIX>:connector:live`
 * (docs/adr/0170). Each message is `{ "from": <process id>, "id": <appointment id> }` — no personal data, only
 * which appointment changed; every process reads the row from the shared database itself.
 *
 * Two connections, as Redis wants: one publishes, one subscribes (a subscribed connection takes no other
 * commands). node-redis reconnects both by itself and subscribes again before it reports `ready`; a message
 * published meanwhile never arrives, so each `ready` after the first tells the bus to resync (every page reloads
 * its list). A publish while the publishing connection is down waits in node-redis's offline queue (bounded:
 * beyond it, the change is logged as lost; the other processes' pages show it after their next reload).
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { safeError, type Logger } from '../../log.ts';
import type { LiveRelay, LiveRelayHandlers } from './live-bus.ts';

type RedisClient = ReturnType<typeof createClient>;

/** Publishes waiting for a lost connection to come back; more are dropped (and logged). */
const OFFLINE_QUEUE = 10_000;
/** What an appointment id looks like on the wire (ours are UUIDs; anything else is not from a connector). */
const APPOINTMENT_ID = /^[A-Za-z0-9_.:-]{1,200}$/;

/** How long close() lets pending commands finish before it drops the connection. */
const CLOSE_WAIT_MS = 1000;

/**
 * node-redis's close() waits until its queue is empty; with commands queued while the connection is down (or
 * being re-established) that can be never, and the connector's shutdown would hang. So: close, and destroy
 * the connection when that has not finished in time (what is left are live changes nobody waits for).
 */
async function closeOrDestroy(client: RedisClient): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closed = client.close().then(
    () => true,
    () => false,
  );
  const inTime = await Promise.race([
    closed,
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CLOSE_WAIT_MS))),
  ]);
  clearTimeout(timer);
  if (!inTime) {
    try {
      client.destroy();
    } catch {
      // Already gone.
    }
  }
}

export interface RedisLiveRelayOptions {
  url: string;
  keyPrefix: string;
  log: Logger;
}

export class RedisLiveRelay implements LiveRelay {
  /** This process on the channel: its own messages come back to it and are dropped. */
  readonly processId = randomBytes(8).toString('hex');
  readonly channel: string;
  readonly #publisher: RedisClient;
  readonly #subscriber: RedisClient;
  readonly #log: Logger;
  #handlers: LiveRelayHandlers | undefined;
  #readyOnce = false;
  #closing: Promise<void> | undefined;

  private constructor(o: RedisLiveRelayOptions) {
    this.channel = `${o.keyPrefix}:connector:live`;
    this.#log = o.log;
    // The names show in CLIENT LIST (operators; the tests kill the subscription by name).
    this.#publisher = createClient({
      url: o.url,
      name: `${o.keyPrefix}:connector:${this.processId}:pub`,
      commandsQueueMaxLength: OFFLINE_QUEUE,
      socket: { connectTimeout: 5000 },
    });
    this.#subscriber = this.#publisher.duplicate({ name: `${o.keyPrefix}:connector:${this.processId}:sub` });
    for (const [connection, client] of [
      ['publisher', this.#publisher],
      ['subscriber', this.#subscriber],
    ] as const) {
      client.on('error', (err: unknown) =>
        this.#log.warn({ connection, err: safeError(err) }, 'redis | connection error (reconnecting)'),
      );
    }
    this.#subscriber.on('ready', () => {
      if (!this.#readyOnce) {
        this.#readyOnce = true;
        return;
      }
      // Subscribed again (node-redis resubscribes before `ready`): whatever was published meanwhile is lost.
      this.#log.info('redis | live subscription back: pages are told to reload');
      this.#handlers?.resync();
    });
  }

  /** Connects and subscribes; rejects when Redis cannot be reached at start-up (fail fast, like the database). */
  static async connect(o: RedisLiveRelayOptions): Promise<RedisLiveRelay> {
    const relay = new RedisLiveRelay(o);
    try {
      await Promise.all([relay.#publisher.connect(), relay.#subscriber.connect()]);
      await relay.#subscriber.subscribe(relay.channel, (message) => relay.#received(message));
    } catch (err) {
      relay.#publisher.destroy();
      relay.#subscriber.destroy();
      throw err;
    }
    return relay;
  }

  attach(handlers: LiveRelayHandlers): void {
    this.#handlers = handlers;
  }

  publish(appointmentId: string): void {
    if (this.#closing) return;
    this.#publisher
      .publish(this.channel, JSON.stringify({ from: this.processId, id: appointmentId }))
      .catch((err: unknown) => this.#log.warn({ err: safeError(err) }, 'redis | live change not published'));
  }

  /** Closes both connections (waiting at most CLOSE_WAIT_MS for pending commands). Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= Promise.all([closeOrDestroy(this.#subscriber), closeOrDestroy(this.#publisher)]).then(
      () => undefined,
    );
    return this.#closing;
  }

  #received(message: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      parsed = undefined;
    }
    const { from, id } = (parsed ?? {}) as { from?: unknown; id?: unknown };
    if (typeof from !== 'string' || typeof id !== 'string' || !APPOINTMENT_ID.test(id)) {
      // Not a connector's message (another program on the same channel?): its content stays out of the log.
      this.#log.warn({ bytes: message.length }, 'redis | unreadable live message dropped');
      return;
    }
    if (from === this.processId) return; // delivered locally already
    this.#handlers?.changed(id);
  }
}
