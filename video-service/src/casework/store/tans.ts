/**
 * TANs (stored only as salted hashes), as the signing use cases see them.
 * persistence/casework/tan-repository.ts implements it.
 */
import type { TanChannel } from '../../contract/casework.ts';

export interface TanRecord {
  id: string;
  room: string;
  documentId: string;
  dataHash: string;
  channel: TanChannel;
  salt: string;
  tanHash: string;
  attempts: number;
  expiresAt: Date;
  createdAt: Date;
  createdBy: string;
  usedAt: Date | null;
  lockedAt: Date | null;
  supersededAt: Date | null;
}

export interface TanRepository {
  insert(record: TanRecord): Promise<void>;
  /** The newest TAN of the document that is not superseded. */
  current(documentId: string): Promise<TanRecord | null>;
  countForDocument(documentId: string): Promise<number>;
  /** Marks every unused TAN of the document as superseded. */
  supersede(documentId: string, at: Date): Promise<void>;
  /**
   * Undoes a TAN request whose SMS could not be sent: deletes the new TAN and makes `previous` (the TAN it
   * superseded, if any) current again.
   */
  withdraw(id: string, previous: string | null): Promise<void>;
  /** Counts one try if fewer than `limit` were made; false when the limit was already reached. */
  countAttempt(id: string, limit: number): Promise<boolean>;
  lock(id: string, at: Date): Promise<void>;
  /**
   * Counts one wrong try and locks the TAN when it was the last allowed one, in the caller's transaction
   * (which holds the document's lock); returns the tries made, or null when the TAN was used or locked meanwhile.
   */
  countWrongTry(id: string, limit: number, at: Date): Promise<number | null>;
  /** Marks the TAN used; false when it was used already. */
  use(id: string, at: Date): Promise<boolean>;
  removeRoom(room: string): Promise<number>;
}
