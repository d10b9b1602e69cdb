/**
 * Retention bookkeeping: one row per (case, kind of data) with its due time. Several processes may run the
 * job: a due row is claimed with a conditional update (owner + lease), so only one of them purges it; a
 * crashed owner's lease runs out. Also the anonymous deletion log and statistics, and deleting the rows
 * of the room tables the call itself keeps (chat, sessions, admissions, lobby, room record) and of the
 * event outbox (its bodies name the room, the appointment and participant ids).
 */
import { Op, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import type { RetentionDue, RetentionRepository, RoomTable, StatisticsRecord } from '../../casework/store/retention.ts';
import type { CaseworkModels } from './models.ts';

/** The event outbox (persistence/models.ts `Outbox`); written by events/, pruned here with the rest of retention. */
const OUTBOX_TABLE = 'event_outbox';

/** Tables of the call (issue 4) holding personal data per room, and the time column that ages their rows. */
export const ROOM_TABLES = {
  chat_messages: 'sent_at',
  sessions: 'expires_at',
  admissions: 'admitted_at',
  lobby: 'waiting_since',
  rooms: 'closed_at',
} as const satisfies Record<RoomTable, string>;

export function createRetentionRepository(
  sequelize: Sequelize,
  { Retention, RetentionLog, Statistics, Case }: CaseworkModels,
  transaction?: Transaction,
): RetentionRepository {
  const tx = { transaction };
  const qi = sequelize.getQueryInterface();
  const hasTable = async (table: string): Promise<boolean> =>
    (await qi.showAllTables(tx)).some(
      (t) => (typeof t === 'string' ? t : (t as { tableName: string }).tableName) === table,
    );
  const free = (now: Date) => ({ [Op.or]: [{ claimed_until: null }, { claimed_until: { [Op.lt]: now } }] });
  return {
    async schedule(room, dues) {
      for (const due of dues) {
        const created = await Retention.create(
          { room, kind: due.kind, due_at: due.dueAt, done_at: null, claimed_by: null, claimed_until: null },
          tx,
        ).then(
          () => true,
          (error: unknown) => {
            if (error instanceof UniqueConstraintError) return false;
            throw error;
          },
        );
        if (!created)
          await Retention.update({ due_at: due.dueAt }, { where: { room, kind: due.kind, done_at: null }, ...tx });
      }
    },
    async claim(owner, now, limit, leaseMs) {
      const due = { done_at: null, due_at: { [Op.lte]: now } };
      const candidates = await Retention.findAll({
        where: { ...due, ...free(now) },
        order: [['due_at', 'ASC']],
        limit,
        ...tx,
      });
      const until = new Date(now.getTime() + leaseMs);
      const won: RetentionDue[] = [];
      for (const c of candidates) {
        const row = c.get({ plain: true });
        const [count] = await Retention.update(
          { claimed_by: owner, claimed_until: until },
          { where: { room: row.room, kind: row.kind, ...due, ...free(now) }, ...tx },
        );
        if (count === 1) won.push({ room: row.room, kind: row.kind, dueAt: new Date(row.due_at) });
      }
      return won;
    },
    async markDone(room, kind, owner, at) {
      await Retention.update(
        { done_at: at, claimed_by: null, claimed_until: null },
        { where: { room, kind, claimed_by: owner }, ...tx },
      );
    },
    async release(room, kind, owner) {
      await Retention.update(
        { claimed_by: null, claimed_until: null },
        { where: { room, kind, claimed_by: owner }, ...tx },
      );
    },
    async pending(room) {
      const rows = await Retention.findAll({ where: { room, done_at: null }, attributes: ['kind'], ...tx });
      return rows.map((r) => r.get('kind') as string);
    },
    async removeRoom(room) {
      await Retention.destroy({ where: { room }, ...tx });
    },
    async log(e) {
      await RetentionLog.create(
        { kind: e.kind, done_at: e.doneAt, rows_deleted: e.rowsDeleted, files_deleted: e.filesDeleted },
        tx,
      );
    },
    async logEntries() {
      const rows = await RetentionLog.findAll({ order: [['id', 'ASC']], ...tx });
      return rows.map((r) => {
        const row = r.get({ plain: true });
        return {
          kind: row.kind,
          doneAt: new Date(row.done_at),
          rowsDeleted: row.rows_deleted,
          filesDeleted: row.files_deleted,
        };
      });
    },
    async addStatistics(records) {
      for (const s of records) {
        await Statistics.create(
          {
            service: s.service,
            month: s.month,
            appointment_minutes: s.appointmentMinutes,
            case_minutes: s.caseMinutes,
            forms_sealed: s.formsSealed,
            files: s.files,
            id_check: s.idCheck,
            recorded_at: s.recordedAt,
          },
          tx,
        );
      }
    },
    async statistics() {
      const rows = await Statistics.findAll({ order: [['id', 'ASC']], ...tx });
      return rows.map((r) => {
        const s = r.get({ plain: true });
        return {
          service: s.service,
          month: s.month,
          appointmentMinutes: s.appointment_minutes,
          caseMinutes: s.case_minutes,
          formsSealed: s.forms_sealed,
          files: s.files,
          idCheck: s.id_check as StatisticsRecord['idCheck'],
          recordedAt: new Date(s.recorded_at),
        };
      });
    },
    async deleteRoomRows(table, room) {
      const tables = new Set(
        (await qi.showAllTables(tx)).map((t) => (typeof t === 'string' ? t : (t as { tableName: string }).tableName)),
      );
      if (!tables.has(table)) return 0;
      const [, meta] = await sequelize.query(`DELETE FROM ${qi.quoteIdentifier(table)} WHERE room = ?`, {
        replacements: [room],
        ...tx,
      });
      return affected(meta);
    },
    async orphanRooms(table, before, limit) {
      const tables = new Set(
        (await qi.showAllTables(tx)).map((t) => (typeof t === 'string' ? t : (t as { tableName: string }).tableName)),
      );
      if (!tables.has(table)) return [];
      const column = qi.quoteIdentifier(ROOM_TABLES[table]);
      const [rows] = await sequelize.query(
        `SELECT DISTINCT t.room AS room FROM ${qi.quoteIdentifier(table)} t WHERE t.${column} < ? AND NOT EXISTS (SELECT 1 FROM ${qi.quoteIdentifier(Case.getTableName() as string)} c WHERE c.room = t.room) LIMIT ${Number(limit)}`,
        { replacements: [before], ...tx },
      );
      return (rows as Array<{ room: string }>).map((r) => r.room);
    },
    async deleteRoomEvents(room) {
      if (!(await hasTable(OUTBOX_TABLE))) return 0;
      // Bodies are JSON written by JSON.stringify; room ids are [a-z0-9-] (no LIKE wildcards, no escapes).
      if (!/^[a-z0-9-]+$/.test(room)) throw new Error('unexpected room id');
      const [, meta] = await sequelize.query(`DELETE FROM ${qi.quoteIdentifier(OUTBOX_TABLE)} WHERE body LIKE ?`, {
        replacements: [`%"room":"${room}"%`],
        ...tx,
      });
      return affected(meta);
    },
    async pruneEvents(before) {
      // Through the model, so `before` is compared in the dialect's own date format.
      if (!sequelize.isDefined(OUTBOX_TABLE)) return 0;
      return sequelize.model(OUTBOX_TABLE).destroy({
        where: { [Op.or]: [{ delivered_at: { [Op.lt]: before } }, { failed_at: { [Op.lt]: before } }] },
        ...tx,
      });
    },
  };
}

/** Affected rows from a raw DELETE on either dialect. */
function affected(meta: unknown): number {
  if (typeof meta === 'number') return meta;
  if (meta && typeof meta === 'object') {
    const m = meta as { affectedRows?: number; changes?: number };
    return m.affectedRows ?? m.changes ?? 0;
  }
  return 0;
}
