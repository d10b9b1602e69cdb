/**
 * Retention bookkeeping, the anonymous statistics and the deletion of a room's call rows, as the retention
 * job sees them. persistence/casework/retention-repository.ts implements it.
 */

export interface RetentionDue {
  room: string;
  kind: string;
  dueAt: Date;
}

export interface StatisticsRecord {
  service: string;
  /** `YYYY-MM` of the appointment. */
  month: string;
  appointmentMinutes: number;
  caseMinutes: number | null;
  formsSealed: number;
  files: number;
  idCheck: 'verified' | 'not_verified' | 'none';
  recordedAt: Date;
}

export interface RetentionRepository {
  /** Creates or moves the due time of not-yet-done rows. */
  schedule(room: string, dues: Array<{ kind: string; dueAt: Date }>): Promise<void>;
  /** Claims up to `limit` due rows for `owner` until `now + leaseMs`; returns the rows this owner won. */
  claim(owner: string, now: Date, limit: number, leaseMs: number): Promise<RetentionDue[]>;
  markDone(room: string, kind: string, owner: string, at: Date): Promise<void>;
  release(room: string, kind: string, owner: string): Promise<void>;
  /** Kinds of the room not yet done. */
  pending(room: string): Promise<string[]>;
  removeRoom(room: string): Promise<void>;
  log(entry: { kind: string; doneAt: Date; rowsDeleted: number; filesDeleted: number }): Promise<void>;
  logEntries(): Promise<Array<{ kind: string; doneAt: Date; rowsDeleted: number; filesDeleted: number }>>;
  addStatistics(records: StatisticsRecord[]): Promise<void>;
  statistics(): Promise<StatisticsRecord[]>;
  /** Deletes the room's rows in a table of the call (`chat_messages`, `sessions`, `admissions`, `lobby`, `rooms`). */
  deleteRoomRows(table: RoomTable, room: string): Promise<number>;
  /** Room ids in a call table with rows older than `before` and no case (calls without casework). */
  orphanRooms(table: RoomTable, before: Date, limit: number): Promise<string[]>;
  /** Deletes every event-outbox row about the room, delivered or not (its retention ended). */
  deleteRoomEvents(room: string): Promise<number>;
  /** Deletes event-outbox rows delivered or given up before `before` (pending rows stay). */
  pruneEvents(before: Date): Promise<number>;
}

/** Tables of the call (issue 4) holding personal data per room: `deleteRoomRows` and `orphanRooms` take one. */
export type RoomTable = 'chat_messages' | 'sessions' | 'admissions' | 'lobby' | 'rooms';
