/**
 * The rows of the hash-chained audit log, as casework/audit/ sees them.
 * persistence/casework/audit-repository.ts implements it.
 */

export interface AuditRecord {
  seq: number;
  createdAt: string;
  kind: string;
  subjectHash: string | null;
  publicJson: string;
  personalHash: string;
  personalJson: string | null;
  room: string | null;
  retentionKind: string | null;
  prevHash: string;
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
