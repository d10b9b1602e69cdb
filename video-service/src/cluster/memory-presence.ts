/** Presence kept in this process: the single-node default (no REDIS_URL). Locks are the registry's own queue. */
import type { PresenceStore } from '../rooms/ports.ts';
import type { Member } from '../rooms/room-state.ts';

export class MemoryPresence implements PresenceStore {
  readonly #rooms = new Map<string, Map<string, Member>>();

  async lock(): Promise<() => Promise<void>> {
    return async () => undefined;
  }

  async load(room: string): Promise<Member[]> {
    return [...(this.#rooms.get(room)?.values() ?? [])];
  }

  async save(room: string, changed: Member[], removed: string[]): Promise<void> {
    let members = this.#rooms.get(room);
    if (!members) {
      members = new Map();
      this.#rooms.set(room, members);
    }
    for (const m of changed) members.set(m.participant.id, m);
    for (const id of removed) members.delete(id);
    if (members.size === 0) this.#rooms.delete(room);
  }

  async liveNodes(): Promise<Set<string>> {
    return new Set();
  }

  async close(): Promise<void> {
    this.#rooms.clear();
  }
}
