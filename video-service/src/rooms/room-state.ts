/**
 * Who is in a room right now, in this process: admitted participants with a connection, and waiting
 * participants (connected, or disconnected but still inside the lobby grace). Durable facts (admissions,
 * waiting since) live in the database; this is presence.
 */
import type { AppointmentInfo } from '../contract/join-token.ts';
import type { ParticipantInfo, WaitingEntry } from '../contract/signalling.ts';

export interface Member {
  participant: ParticipantInfo;
  appointment: AppointmentInfo;
  /** End of the participant's session window: TURN credentials never outlive it. */
  notAfter: Date;
  /** The live connection; null only for a waiting participant inside the grace after a disconnect. */
  connectionId: string | null;
  phase: 'waiting' | 'admitted';
  /** Waiting since (persisted in the lobby table); null once admitted. */
  since: Date | null;
  graceTimer?: NodeJS.Timeout;
}

/**
 * A waiting entry as sent to clerks. `connected` is an addition to contract/signalling.ts `WaitingEntry`
 * (see docs/signalling.md): false while the person is inside the reconnect grace.
 */
export type WaitingEntryOnWire = WaitingEntry & { connected: boolean };

export class RoomState {
  readonly id: string;
  readonly members = new Map<string, Member>();

  constructor(id: string) {
    this.id = id;
  }

  /** Admitted participants with a live connection, optionally without one id. */
  admitted(exceptId?: string): Member[] {
    return [...this.members.values()].filter((m) => m.phase === 'admitted' && m.connectionId && m.participant.id !== exceptId);
  }

  /** Waiting participants (connected or inside the grace), oldest first. */
  waiting(): Member[] {
    return [...this.members.values()]
      .filter((m) => m.phase === 'waiting')
      .sort((a, b) => (a.since?.getTime() ?? 0) - (b.since?.getTime() ?? 0));
  }

  /** Connected admitted clerks. */
  clerks(): Member[] {
    return this.admitted().filter((m) => m.participant.role === 'clerk');
  }

  clerkPresent(): boolean {
    return this.clerks().length > 0;
  }

  waitingEntries(): WaitingEntryOnWire[] {
    return this.waiting().map((m) => ({
      ...m.participant,
      since: (m.since ?? new Date(0)).toISOString(),
      connected: m.connectionId !== null,
    }));
  }

  /** Stops pending grace timers (when the service closes). */
  clearTimers(): void {
    for (const m of this.members.values()) clearTimeout(m.graceTimer);
  }
}

/**
 * All rooms of this process. Changes to one room run one after another (`withRoom`), so joins, admissions
 * and disconnects of the same room never interleave across their database awaits.
 */
export class RoomRegistry {
  readonly #rooms = new Map<string, RoomState>();
  readonly #queues = new Map<string, Promise<unknown>>();

  /** Runs `change` with exclusive access to the room (created on demand, dropped when empty and idle). */
  withRoom<T>(roomId: string, change: (room: RoomState) => Promise<T> | T): Promise<T> {
    const previous = this.#queues.get(roomId) ?? Promise.resolve();
    const run = previous.then(() => change(this.#ensure(roomId)));
    const tail: Promise<unknown> = run
      .catch(() => undefined)
      .then(() => {
        if (this.#queues.get(roomId) !== tail) return;
        this.#queues.delete(roomId);
        if (this.#rooms.get(roomId)?.members.size === 0) this.#rooms.delete(roomId);
      });
    this.#queues.set(roomId, tail);
    return run;
  }

  /** The room as it is now, for read-only checks (relaying a signal); undefined when nobody is in it. */
  peek(roomId: string): RoomState | undefined {
    return this.#rooms.get(roomId);
  }

  close(): void {
    for (const room of this.#rooms.values()) room.clearTimers();
    this.#rooms.clear();
  }

  #ensure(roomId: string): RoomState {
    let room = this.#rooms.get(roomId);
    if (!room) {
      room = new RoomState(roomId);
      this.#rooms.set(roomId, room);
    }
    return room;
  }
}
