/**
 * Presence in Redis, shared by every process of the deployment: one hash per room (participant id →
 * member JSON), a room lock (SET NX PX, released only by its owner), and a heartbeat key per process so
 * seats of a process that died are recognised (rooms/registry.ts treats them as disconnected).
 * Keys: `<prefix>:presence:<room>`, `<prefix>:lock:<room>`, `<prefix>:node:<node id>`.
 */
import { randomUUID } from 'node:crypto';
import type { PresenceStore } from '../rooms/ports.ts';
import type { Member } from '../rooms/room-state.ts';
import type { RedisClient } from './redis.ts';

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export interface RedisPresenceOptions {
  prefix: string;
  node: string;
  /** A room lock expires after this long even if its owner died (default 10 s). */
  lockTtlMs?: number;
  /** Give up waiting for a room lock after this long (default 15 s). */
  lockWaitMs?: number;
  /** Heartbeat period; a node is dead after three missed beats (default 5 s). */
  heartbeatMs?: number;
}

export class RedisPresence implements PresenceStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #node: string;
  readonly #lockTtlMs: number;
  readonly #lockWaitMs: number;
  readonly #heartbeatMs: number;
  readonly #heartbeat: NodeJS.Timeout;
  #closed = false;

  private constructor(redis: RedisClient, options: RedisPresenceOptions) {
    this.#redis = redis;
    this.#prefix = options.prefix;
    this.#node = options.node;
    this.#lockTtlMs = options.lockTtlMs ?? 10_000;
    this.#lockWaitMs = options.lockWaitMs ?? 15_000;
    this.#heartbeatMs = options.heartbeatMs ?? 5_000;
    this.#heartbeat = setInterval(() => void this.#beat().catch(() => undefined), this.#heartbeatMs);
    this.#heartbeat.unref();
  }

  /** Starts the heartbeat of this node. */
  static async create(redis: RedisClient, options: RedisPresenceOptions): Promise<RedisPresence> {
    const presence = new RedisPresence(redis, options);
    await presence.#beat();
    return presence;
  }

  async lock(room: string): Promise<() => Promise<void>> {
    const key = `${this.#prefix}:lock:${room}`;
    const token = randomUUID();
    const deadline = Date.now() + this.#lockWaitMs;
    let pause = 5;
    while (
      (await this.#redis.set(key, token, { condition: 'NX', expiration: { type: 'PX', value: this.#lockTtlMs } })) !==
      'OK'
    ) {
      if (Date.now() > deadline) throw new Error(`room lock not acquired within ${this.#lockWaitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, pause + Math.random() * pause));
      pause = Math.min(pause * 2, 50);
    }
    return async () => {
      await this.#redis.eval(RELEASE, { keys: [key], arguments: [token] });
    };
  }

  async load(room: string): Promise<Member[]> {
    const fields = await this.#redis.hGetAll(this.#key(room));
    return Object.values(fields).map((json) => JSON.parse(json) as Member);
  }

  async save(room: string, changed: Member[], removed: string[]): Promise<void> {
    const multi = this.#redis.multi();
    if (changed.length > 0)
      multi.hSet(this.#key(room), Object.fromEntries(changed.map((m) => [m.participant.id, JSON.stringify(m)])));
    if (removed.length > 0) multi.hDel(this.#key(room), removed);
    await multi.exec();
  }

  async liveNodes(nodes: string[]): Promise<Set<string>> {
    if (nodes.length === 0) return new Set();
    const values = await this.#redis.mGet(nodes.map((n) => this.#nodeKey(n)));
    return new Set(nodes.filter((_, i) => values[i] !== null));
  }

  /** Stops the heartbeat and marks this node dead at once (its seats then count as disconnected). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#heartbeat);
    await this.#redis.del(this.#nodeKey(this.#node)).catch(() => undefined);
  }

  async #beat(): Promise<void> {
    if (this.#closed) return;
    await this.#redis.set(this.#nodeKey(this.#node), String(Date.now()), {
      expiration: { type: 'PX', value: this.#heartbeatMs * 3 },
    });
  }

  #key(room: string): string {
    return `${this.#prefix}:presence:${room}`;
  }

  #nodeKey(node: string): string {
    return `${this.#prefix}:node:${node}`;
  }
}
