/**
 * All rooms' presence, through a `PresenceStore` (this process, or Redis for several processes). Changes to
 * one room run one after another (`withRoom`: a local queue, then the store's room lock), so joins,
 * admissions and disconnects of the same room never interleave across their awaits, on any node.
 *
 * Loading a room also tidies it: seats held by a process that died count as disconnected, and waiting
 * participants whose reconnect grace is over leave the lobby (`onGraceExpired`).
 */
import type { PresenceStore } from './ports.ts';
import { RoomState, type Member } from './room-state.ts';

export interface RegistryOptions {
  /** This process's node id. */
  node: string;
  graceMs: number;
  /** Called inside the room's lock for every waiting participant whose grace ran out. */
  onGraceExpired: (room: string, participantId: string) => Promise<void>;
  /** Called inside the room's lock with admitted seats whose process died (already removed from `room`). */
  onSeatsLost?: (room: RoomState, lost: Member[]) => Promise<void>;
  now?: () => number;
}

export class RoomRegistry {
  readonly #store: PresenceStore;
  readonly #options: RegistryOptions;
  readonly #queues = new Map<string, Promise<unknown>>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  #closed = false;

  constructor(store: PresenceStore, options: RegistryOptions) {
    this.#store = store;
    this.#options = options;
  }

  get node(): string {
    return this.#options.node;
  }

  /** Runs `change` with exclusive access to the room and stores what it changed. */
  withRoom<T>(roomId: string, change: (room: RoomState) => Promise<T> | T): Promise<T> {
    const previous = this.#queues.get(roomId) ?? Promise.resolve();
    const run = previous.then(() => this.#locked(roomId, change));
    const tail: Promise<unknown> = run
      .catch(() => undefined)
      .then(() => {
        if (this.#queues.get(roomId) === tail) this.#queues.delete(roomId);
      });
    this.#queues.set(roomId, tail);
    return run;
  }

  /** The room as it is now, for read-only checks (relaying a signal); no lock, no writes. */
  async peek(roomId: string): Promise<RoomState> {
    const { members } = await this.#tidy(await this.#store.load(roomId));
    return new RoomState(roomId, members);
  }

  /** Runs `task` after `ms` on this process (replacing a pending one with the same key). */
  schedule(key: string, ms: number, task: () => void): void {
    if (this.#closed) return;
    this.cancel(key);
    const timer = setTimeout(() => {
      this.#timers.delete(key);
      task();
    }, ms);
    timer.unref();
    this.#timers.set(key, timer);
  }

  cancel(key: string): void {
    clearTimeout(this.#timers.get(key));
    this.#timers.delete(key);
  }

  /** Stops pending timers (the presence itself belongs to the store). */
  close(): void {
    this.#closed = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  async #locked<T>(roomId: string, change: (room: RoomState) => Promise<T> | T): Promise<T> {
    const release = await this.#store.lock(roomId);
    try {
      const loaded = await this.#store.load(roomId);
      const before = new Map(loaded.map((m) => [m.participant.id, JSON.stringify(m)]));
      const { members, expired, lost } = await this.#tidy(loaded);
      for (const id of expired) await this.#options.onGraceExpired(roomId, id);
      const room = new RoomState(roomId, members);
      if (lost.length > 0) await this.#options.onSeatsLost?.(room, lost);
      const result = await change(room);
      const changed = [...room.members.values()].filter((m) => before.get(m.participant.id) !== JSON.stringify(m));
      const removed = [...before.keys()].filter((id) => !room.members.has(id));
      if (changed.length > 0 || removed.length > 0) await this.#store.save(roomId, changed, removed);
      return result;
    } finally {
      await release();
    }
  }

  /** Seats of dead processes count as disconnected; waiting seats past their grace are dropped. */
  async #tidy(loaded: Member[]): Promise<{ members: Member[]; expired: string[]; lost: Member[] }> {
    const now = this.#options.now?.() ?? Date.now();
    const foreign = [...new Set(loaded.filter((m) => m.connectionId && m.node !== this.node).map((m) => m.node))];
    const live = foreign.length > 0 ? await this.#store.liveNodes(foreign) : new Set<string>();
    const members: Member[] = [];
    const expired: string[] = [];
    const lost: Member[] = [];
    for (const m of loaded) {
      const dead = m.connectionId !== null && m.node !== this.node && !live.has(m.node);
      if (dead && m.phase === 'admitted') {
        lost.push(m);
        continue;
      }
      const member = dead ? { ...m, connectionId: null, disconnectedAt: m.disconnectedAt ?? now } : m;
      if (
        member.phase === 'waiting' &&
        member.connectionId === null &&
        (member.disconnectedAt ?? now) + this.#options.graceMs <= now
      ) {
        expired.push(member.participant.id);
        continue;
      }
      members.push(member);
    }
    return { members, expired, lost };
  }
}
