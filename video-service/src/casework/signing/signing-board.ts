/**
 * Which connection has the signing of which document open, per room (issue 11, item 13): ephemeral (this
 * process's memory, never stored), so that a citizen whose connection drops (or who leaves the room) does not
 * stay "is signing" for the clerks. Kept per connection, not per participant: after a reconnect the new
 * connection may re-announce before the server notices the old one is gone, and the old one's clean-up must
 * not then close what the new one has open.
 */
export class SigningBoard {
  /** room → participant → document → connections with it open. */
  readonly #rooms = new Map<string, Map<string, Map<string, Set<string>>>>();

  /** Records that `connectionId` opened (or closed) the signing of `documentId`. */
  set(room: string, participantId: string, connectionId: string, documentId: string, open: boolean): void {
    let people = this.#rooms.get(room);
    if (!people) this.#rooms.set(room, (people = new Map()));
    let documents = people.get(participantId);
    if (!documents) people.set(participantId, (documents = new Map()));
    let connections = documents.get(documentId);
    if (!connections) documents.set(documentId, (connections = new Set()));
    if (open) connections.add(connectionId);
    else connections.delete(connectionId);
    if (connections.size === 0) documents.delete(documentId);
    if (documents.size === 0) people.delete(participantId);
    if (people.size === 0) this.#rooms.delete(room);
  }

  /** Forgets the connection; returns the documents the participant now has open on no connection at all. */
  drop(room: string, participantId: string, connectionId: string): string[] {
    const documents = this.#rooms.get(room)?.get(participantId);
    if (!documents) return [];
    const closed: string[] = [];
    for (const [documentId, connections] of [...documents]) {
      if (!connections.has(connectionId)) continue;
      this.set(room, participantId, connectionId, documentId, false);
      if (connections.size === 0) closed.push(documentId);
    }
    return closed;
  }

  clear(): void {
    this.#rooms.clear();
  }
}
