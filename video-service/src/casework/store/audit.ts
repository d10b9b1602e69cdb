/**
 * The rows of the hash-chained audit log, as casework/audit/ sees them.
 * persistence/casework/audit-repository.ts implements it.
 */
import type { ChainedFields } from '../audit/chain.ts';

/** A row: the fields its hash covers (../audit/chain.ts), what is kept beside them, and the hash. */
export interface AuditRecord extends ChainedFields {
  personalJson: string | null;
  room: string | null;
  retentionKind: string | null;
  hash: string;
}

export interface AuditRepository {
  head(): Promise<AuditRecord | null>;
  /** Inserts the row; false when its sequence number is taken (someone appended first). */
  insert(record: AuditRecord): Promise<boolean>;
  get(seq: number): Promise<AuditRecord | null>;
  bySubject(subjectHash: string, kind: string): Promise<AuditRecord[]>;
  /** Rows with `from <= seq <= to` (to: the head when omitted), ascending, at most `limit`. */
  range(from: number, to?: number, limit?: number): Promise<AuditRecord[]>;
  /** Erases the personal part of the room's rows of these retention kinds; returns how many. */
  erasePersonal(room: string, kinds: string[]): Promise<number>;
}
