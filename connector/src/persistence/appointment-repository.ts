/** Appointments table ↔ domain Appointment (plain objects in, plain objects out). */
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import { Conflict } from '../errors.ts';
import type { Appointment, AppointmentStatus, Citizen, Clerk } from '../domain/appointment.ts';
import type { AppointmentRepository } from '../domain/ports.ts';
import { parseJson, type AppointmentRow, type Models } from './models.ts';
import { sqlDate, sqlJson, UniqueViolation, type SqlRunner } from './raw-sql.ts';

const INSERT_COLUMNS = [
  'id',
  'source',
  'external_id',
  'status',
  'title',
  'start_at',
  'end_at',
  'timezone',
  'services',
  'citizen',
  'clerk',
  'clerk_id',
  'notes',
  'room_id',
  'sequence',
  'citizen_jti',
  'clerk_jti',
  'cancel_jti',
  'ics_key_hash',
  'created_at',
  'updated_at',
];
const INSERT_SQL = `INSERT INTO \`appointments\` (${INSERT_COLUMNS.map((c) => `\`${c}\``).join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`;

export function appointmentRepository(
  models: Models,
  sql: SqlRunner,
  transaction?: Transaction,
): AppointmentRepository {
  const { Appointment: Model } = models;
  const lock = (forUpdate?: boolean) => (forUpdate && transaction ? { lock: transaction.LOCK.UPDATE } : {});
  return {
    async findById(id, options) {
      const row = await Model.findByPk(id, { transaction, ...lock(options?.forUpdate) });
      return row ? toDomain(row.get({ plain: true })) : null;
    },
    async findByExternalId(source, externalId, options) {
      const row = await Model.findOne({ where: { source, externalId }, transaction, ...lock(options?.forUpdate) });
      return row ? toDomain(row.get({ plain: true })) : null;
    },
    async findByJoinJti(jti) {
      // Two indexed look-ups (0060-join-link-ids) rather than one OR, which MariaDB may answer by a scan.
      for (const role of ['citizen', 'clerk'] as const) {
        const row = await Model.findOne({
          where: role === 'citizen' ? { citizenJti: jti } : { clerkJti: jti },
          transaction,
        });
        if (row) return { appointment: toDomain(row.get({ plain: true })), role };
      }
      return null;
    },
    async insert(appointment) {
      // Raw SQL: every created booking runs this (ADR 0007).
      try {
        await sql.run(INSERT_SQL, insertValues(appointment, sql.dialect));
      } catch (err) {
        if (err instanceof UniqueViolation) {
          throw new Conflict('this appointment exists already', { reason: 'appointment_exists', cause: err });
        }
        throw err;
      }
    },
    async update(appointment) {
      const { id, createdAt: _createdAt, ...changes } = toRow(appointment);
      await Model.update(changes, { where: { id }, transaction });
    },
    async list(filter) {
      const where: WhereOptions<AppointmentRow> = {
        ...(filter.from || filter.to
          ? {
              startAt: {
                ...(filter.from ? { [Op.gte]: filter.from } : {}),
                ...(filter.to ? { [Op.lt]: filter.to } : {}),
              },
            }
          : {}),
        ...(filter.clerkId !== undefined ? { clerkId: filter.clerkId } : {}),
        ...(filter.source !== undefined ? { source: filter.source } : {}),
        ...(filter.externalId !== undefined ? { externalId: filter.externalId } : {}),
        ...(filter.statuses ? { status: { [Op.in]: filter.statuses } } : {}),
      };
      const rows = await Model.findAll({
        where,
        order: [
          ['startAt', 'ASC'],
          ['id', 'ASC'],
        ],
        limit: filter.limit,
        transaction,
      });
      return rows.map((row) => toDomain(row.get({ plain: true })));
    },
  };
}

function insertValues(a: Appointment, dialect: SqlRunner['dialect']) {
  const c = a.credentials;
  return [
    a.id,
    a.source,
    a.externalId,
    a.status,
    a.title,
    sqlDate(a.start, dialect),
    sqlDate(a.end, dialect),
    a.timezone,
    sqlJson(a.services),
    sqlJson(a.citizen),
    sqlJson(a.clerk),
    a.clerk?.id ?? null,
    a.notes ?? null,
    a.roomId,
    a.sequence,
    c.citizenJti,
    c.clerkJti,
    c.cancelJti,
    c.icsKeyHash,
    sqlDate(a.createdAt, dialect),
    sqlDate(a.updatedAt, dialect),
  ];
}

function toRow(a: Appointment): AppointmentRow {
  return {
    id: a.id,
    source: a.source,
    externalId: a.externalId,
    status: a.status,
    title: a.title,
    startAt: a.start,
    endAt: a.end,
    timezone: a.timezone,
    services: a.services,
    citizen: a.citizen,
    clerk: a.clerk,
    clerkId: a.clerk?.id ?? null,
    notes: a.notes,
    roomId: a.roomId,
    sequence: a.sequence,
    citizenJti: a.credentials.citizenJti,
    clerkJti: a.credentials.clerkJti,
    cancelJti: a.credentials.cancelJti,
    icsKeyHash: a.credentials.icsKeyHash,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

function toDomain(r: AppointmentRow): Appointment {
  return {
    id: r.id,
    source: r.source,
    externalId: r.externalId,
    status: r.status as AppointmentStatus,
    title: r.title,
    start: new Date(r.startAt),
    end: new Date(r.endAt),
    timezone: r.timezone,
    services: parseJson<string[]>(r.services),
    citizen: parseJson<Citizen>(r.citizen),
    clerk: parseJson<Clerk | null>(r.clerk) ?? null,
    notes: r.notes,
    roomId: r.roomId,
    sequence: r.sequence,
    credentials: {
      citizenJti: r.citizenJti,
      clerkJti: r.clerkJti,
      cancelJti: r.cancelJti,
      icsKeyHash: r.icsKeyHash,
    },
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
  };
}
