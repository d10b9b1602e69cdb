/**
 * What the retention job needs from storage. persistence/housekeeping-repository.ts implements it (plain
 * SQL across every table that can name an appointment); app.ts passes it in.
 */

export interface PurgeCount {
  appointments: number;
  /** Rows deleted in all tables, the appointments included. */
  rows: number;
}

export interface HousekeepingStore {
  /** Deletes up to `limit` appointments whose end is before `cutoff`, with everything that names them. */
  purgeAppointments(cutoff: Date, limit: number): Promise<PurgeCount>;
  /**
   * Deletes records kept only for a while: webhook idempotency records and REST idempotency keys older
   * than `idempotencyCutoff`; events and mails not tied to an appointment older than `retentionCutoff`.
   */
  purgeRecords(idempotencyCutoff: Date, retentionCutoff: Date): Promise<number>;
  /** Notes a run that deleted something. */
  recordRun(at: Date, count: PurgeCount): Promise<void>;
}
