/**
 * Who is editing which field, per room: ephemeral (this process's memory, never stored), replaced on every
 * focus event and dropped when the participant's connection goes away.
 */
import type { FieldPresence } from '../../contract/casework.ts';

export class PresenceBoard {
  readonly #rooms = new Map<string, Map<string, FieldPresence>>();

  /** Records the participant's focus (field null: none) and returns the entry to announce. */
  set(room: string, presence: FieldPresence): FieldPresence {
    let entries = this.#rooms.get(room);
    if (!entries) this.#rooms.set(room, (entries = new Map()));
    if (presence.field === null) entries.delete(presence.participantId);
    else entries.set(presence.participantId, presence);
    if (entries.size === 0) this.#rooms.delete(room);
    return presence;
  }

  /** Forgets the participant; returns the entry that must be announced as left, if any. */
  drop(room: string, participantId: string): FieldPresence | null {
    const entry = this.#rooms.get(room)?.get(participantId);
    if (!entry) return null;
    return this.set(room, { ...entry, field: null });
  }

  list(room: string): FieldPresence[] {
    return [...(this.#rooms.get(room)?.values() ?? [])];
  }

  clear(): void {
    this.#rooms.clear();
  }
}
