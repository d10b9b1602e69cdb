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
import type { HousekeepingStore, PurgeCount } from '../housekeeping/ports.ts';
import type { Database } from './database.ts';
import { sqlDate, sqlRunner, type SqlRunner } from './raw-sql.ts';

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
        const at = sqlDate(cutoff, sql.dialect);
        const candidates = await sql.all<{ id: string }>(
          `SELECT \`id\` FROM \`appointments\` WHERE \`end_at\` < ? ORDER BY \`end_at\`, \`id\` LIMIT ${Math.floor(limit)}`,
          [at],
        );
        if (!candidates.length) return { appointments: 0, rows: 0 };
        // Locked by primary key and checked again: one moved into the future meanwhile stays.
        const lock = sql.dialect === 'mysql' ? ' FOR UPDATE' : '';
        const expired = await sql.all<ExpiredRow>(
          `SELECT \`id\`, \`source\`, \`status\`, \`start_at\`, \`end_at\` FROM \`appointments\` WHERE \`id\` IN (${marks(candidates)}) AND \`end_at\` < ?${lock}`,
          [...candidates.map((r) => r.id), at],
        );
        if (!expired.length) return { appointments: 0, rows: 0 };
        await countIntoStatistics(sql, expired);
        const ids = expired.map((r) => r.id);
        const events = await keys(sql, 'outbound_events', 'id', 'appointment_id', ids);
        const deliveries = await keys(sql, 'outbound_deliveries', 'id', 'event_id', events);
        let rows = 0;
        rows += await deleteKeys(
          sql,
          'outbound_attempts',
          'id',
          await keys(sql, 'outbound_attempts', 'id', 'delivery_id', deliveries),
        );
        rows += await deleteKeys(sql, 'outbound_deliveries', 'id', deliveries);
        rows += await deleteKeys(sql, 'outbound_events', 'id', events);
        for (const [table, key] of [
          ['mail_outbox', 'id'],
          ['link_revocations', 'jti'],
          ['feed_instances', 'id'],
          ['api_idempotency_keys', 'id'],
          ['video_admin_calls', 'id'],
          ['video_room_events', 'id'],
          ['video_rooms', 'room_id'],
          ['workplace_claims', 'appointment_id'],
          ['guest_invitations', 'id'],
        ] as const) {
          rows += await deleteKeys(sql, table, key, await keys(sql, table, key, 'appointment_id', ids));
        }
        rows += await deleteKeys(sql, 'appointments', 'id', ids);
        return { appointments: expired.length, rows };
      });
    },

    purgeRecords(idempotencyCutoff, retentionCutoff) {
      return db.transaction(async (t) => {
        const sql = sqlRunner(db, t);
        const idem = sqlDate(idempotencyCutoff, sql.dialect);
        const kept = sqlDate(retentionCutoff, sql.dialect);
        const older = (table: string, column: string, at: string, extra = '') =>
          sql
            .all<{ id: number }>(`SELECT \`id\` FROM \`${table}\` WHERE \`${column}\` < ?${extra} LIMIT 5000`, [at])
            .then((r) => r.map((x) => x.id));
        const events = await older('outbound_events', 'created_at', kept, ' AND `appointment_id` IS NULL');
        const deliveries = await keys(sql, 'outbound_deliveries', 'id', 'event_id', events);
        let rows = 0;
        rows += await deleteKeys(sql, 'inbound_events', 'id', await older('inbound_events', 'received_at', idem));
        rows += await deleteKeys(
          sql,
          'api_idempotency_keys',
          'id',
          await older('api_idempotency_keys', 'created_at', idem),
        );
        rows += await deleteKeys(
          sql,
          'outbound_attempts',
          'id',
          await keys(sql, 'outbound_attempts', 'id', 'delivery_id', deliveries),
        );
        rows += await deleteKeys(sql, 'outbound_deliveries', 'id', deliveries);
        rows += await deleteKeys(sql, 'outbound_events', 'id', events);
        rows += await deleteKeys(
          sql,
          'mail_outbox',
          'id',
          await older('mail_outbox', 'created_at', kept, ' AND `appointment_id` IS NULL'),
        );
        rows += await deleteKeys(sql, 'video_room_events', 'id', await older('video_room_events', 'received_at', kept));
        return rows;
      });
    },

    recordRun(at, count) {
      return db.transaction(async (t) => {
        const sql = sqlRunner(db, t);
        await sql.run(
          'INSERT INTO `housekeeping_runs` (`ran_at`, `appointments_deleted`, `rows_deleted`) VALUES (?, ?, ?)',
          [sqlDate(at, sql.dialect), count.appointments, count.rows],
        );
      });
    },
  };
}

/*
 * Deletions go by primary key, after a plain SELECT of the keys. On MySQL/MariaDB a DELETE with a range
 * condition (or a subquery) takes next-key locks on the scanned index ranges, which would block — or
 * deadlock with — the inserts of concurrent bookings for the whole transaction; a DELETE by primary key
 * locks only the rows it deletes.
 */
type Key = string | number;

const marks = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/** Primary keys of `table`'s rows whose `column` is one of `values`. */
async function keys(
  sql: SqlRunner,
  table: string,
  key: string,
  column: string,
  values: readonly Key[],
): Promise<Key[]> {
  const found: Key[] = [];
  for (const chunk of chunks(values)) {
    const rows = await sql.all<Record<string, Key>>(
      `SELECT \`${key}\` FROM \`${table}\` WHERE \`${column}\` IN (${marks(chunk)})`,
      chunk,
    );
    for (const row of rows) found.push(row[key]!);
  }
  return found;
}

async function deleteKeys(sql: SqlRunner, table: string, key: string, values: readonly Key[]): Promise<number> {
  let deleted = 0;
  for (const chunk of chunks(values)) {
    deleted += (await sql.run(`DELETE FROM \`${table}\` WHERE \`${key}\` IN (${marks(chunk)})`, chunk)).changes;
  }
  return deleted;
}

function chunks<T>(values: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/** Adds the appointments to the anonymous statistics: per month of their start, source and status. */
async function countIntoStatistics(sql: SqlRunner, expired: ExpiredRow[]): Promise<void> {
  const groups = new Map<
    string,
    { period: string; source: string; status: string; appointments: number; minutes: number }
  >();
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
