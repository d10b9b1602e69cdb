/**
 * The deletions of the retention job (housekeeping/housekeeping.ts), in plain SQL because they span
 * every table that can hold something of an appointment. One transaction per batch of appointments:
 * an appointment disappears with everything that names it, or not at all.
 *
 * What names an appointment: its row (citizen name, e-mail, phone, notes), its mails (bodies are already
 * emptied once sent), the outbound webhook events about it (their bodies carry the appointment) with
 * their deliveries and attempts, revoked link ids, the feed instance it came from, REST idempotency
 * records, video-service admin calls and room events. Before the row goes, it is counted into the
 * anonymous statistics (month, source, status, number, minutes) — nothing else survives.
 */
import type { Database } from './database.ts';
import { sqlDate, sqlRunner, type SqlRunner } from './raw-sql.ts';

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

interface ExpiredRow {
  id: string;
  source: string;
  status: string;
  start_at: string | Date;
  end_at: string | Date;
}

export function housekeepingRepository(db: Database): HousekeepingStore {
  return {
    purgeAppointments(cutoff, limit) {
      return db.transaction(async (t) => {
        const sql = sqlRunner(db, t);
        const expired = await sql.all<ExpiredRow>(
          `SELECT \`id\`, \`source\`, \`status\`, \`start_at\`, \`end_at\` FROM \`appointments\` WHERE \`end_at\` < ? ORDER BY \`end_at\`, \`id\` LIMIT ${Math.floor(limit)}`,
          [sqlDate(cutoff, sql.dialect)],
        );
        if (!expired.length) return { appointments: 0, rows: 0 };
        await countIntoStatistics(sql, expired);
        const ids = expired.map((r) => r.id);
        const list = ids.map(() => '?').join(', ');
        const events = `SELECT \`id\` FROM \`outbound_events\` WHERE \`appointment_id\` IN (${list})`;
        const statements: [string, string[]][] = [
          [`DELETE FROM \`outbound_attempts\` WHERE \`delivery_id\` IN (SELECT \`id\` FROM \`outbound_deliveries\` WHERE \`event_id\` IN (${events}))`, ids],
          [`DELETE FROM \`outbound_deliveries\` WHERE \`event_id\` IN (${events})`, ids],
          [`DELETE FROM \`outbound_events\` WHERE \`appointment_id\` IN (${list})`, ids],
          [`DELETE FROM \`mail_outbox\` WHERE \`appointment_id\` IN (${list})`, ids],
          [`DELETE FROM \`link_revocations\` WHERE \`appointment_id\` IN (${list})`, ids],
          [`DELETE FROM \`feed_instances\` WHERE \`appointment_id\` IN (${list})`, ids],
          [`DELETE FROM \`api_idempotency_keys\` WHERE \`appointment_id\` IN (${list})`, ids],
          [`DELETE FROM \`video_admin_calls\` WHERE \`appointment_id\` IN (${list})`, ids],
          [`DELETE FROM \`video_room_events\` WHERE \`appointment_id\` IN (${list})`, ids],
          [`DELETE FROM \`video_rooms\` WHERE \`appointment_id\` IN (${list})`, ids],
          [`DELETE FROM \`appointments\` WHERE \`id\` IN (${list})`, ids],
        ];
        let rows = 0;
        for (const [statement, params] of statements) rows += (await sql.run(statement, params)).changes;
        return { appointments: expired.length, rows };
      });
    },

    purgeRecords(idempotencyCutoff, retentionCutoff) {
      return db.transaction(async (t) => {
        const sql = sqlRunner(db, t);
        const idem = sqlDate(idempotencyCutoff, sql.dialect);
        const kept = sqlDate(retentionCutoff, sql.dialect);
        const loose = 'SELECT `id` FROM `outbound_events` WHERE `appointment_id` IS NULL AND `created_at` < ?';
        const statements: [string, string[]][] = [
          ['DELETE FROM `inbound_events` WHERE `received_at` < ?', [idem]],
          ['DELETE FROM `api_idempotency_keys` WHERE `created_at` < ?', [idem]],
          [`DELETE FROM \`outbound_attempts\` WHERE \`delivery_id\` IN (SELECT \`id\` FROM \`outbound_deliveries\` WHERE \`event_id\` IN (${loose}))`, [kept]],
          [`DELETE FROM \`outbound_deliveries\` WHERE \`event_id\` IN (${loose})`, [kept]],
          ['DELETE FROM `outbound_events` WHERE `appointment_id` IS NULL AND `created_at` < ?', [kept]],
          ['DELETE FROM `mail_outbox` WHERE `appointment_id` IS NULL AND `created_at` < ?', [kept]],
          ['DELETE FROM `video_room_events` WHERE `received_at` < ?', [kept]],
        ];
        let rows = 0;
        for (const [statement, params] of statements) rows += (await sql.run(statement, params)).changes;
        return rows;
      });
    },

    recordRun(at, count) {
      return db.transaction(async (t) => {
        const sql = sqlRunner(db, t);
        await sql.run('INSERT INTO `housekeeping_runs` (`ran_at`, `appointments_deleted`, `rows_deleted`) VALUES (?, ?, ?)', [
          sqlDate(at, sql.dialect),
          count.appointments,
          count.rows,
        ]);
      });
    },
  };
}

/** Adds the appointments to the anonymous statistics: per month of their start, source and status. */
async function countIntoStatistics(sql: SqlRunner, expired: ExpiredRow[]): Promise<void> {
  const groups = new Map<string, { period: string; source: string; status: string; appointments: number; minutes: number }>();
  for (const row of expired) {
    const start = new Date(row.start_at);
    const period = start.toISOString().slice(0, 7);
    const key = `${period}\u0000${row.source}\u0000${row.status}`;
    const group = groups.get(key) ?? { period, source: row.source, status: row.status, appointments: 0, minutes: 0 };
    group.appointments++;
    group.minutes += Math.max(0, Math.round((new Date(row.end_at).getTime() - start.getTime()) / 60_000));
    groups.set(key, group);
  }
  const upsert =
    sql.dialect === 'sqlite'
      ? 'INSERT INTO `appointment_statistics` (`period`, `source`, `status`, `appointments`, `minutes`) VALUES (?, ?, ?, ?, ?) ' +
        'ON CONFLICT (`period`, `source`, `status`) DO UPDATE SET `appointments` = `appointments` + excluded.`appointments`, `minutes` = `minutes` + excluded.`minutes`'
      : 'INSERT INTO `appointment_statistics` (`period`, `source`, `status`, `appointments`, `minutes`) VALUES (?, ?, ?, ?, ?) ' +
        'ON DUPLICATE KEY UPDATE `appointments` = `appointments` + VALUES(`appointments`), `minutes` = `minutes` + VALUES(`minutes`)';
  for (const g of groups.values()) await sql.run(upsert, [g.period, g.source, g.status, g.appointments, g.minutes]);
}
