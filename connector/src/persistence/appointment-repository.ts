/** Appointments table ↔ domain Appointment (plain objects in, plain objects out). */
import { Op, UniqueConstraintError, type Transaction, type WhereOptions } from 'sequelize';
import { Conflict } from '../errors.ts';
import type { Appointment, AppointmentStatus, Citizen, Clerk } from '../domain/appointment.ts';
import type { AppointmentRepository } from '../domain/ports.ts';
import { parseJson, type AppointmentRow, type Models } from './models.ts';

export function appointmentRepository(models: Models, transaction?: Transaction): AppointmentRepository {
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
    async insert(appointment) {
      try {
        await Model.create(toRow(appointment), { transaction });
      } catch (err) {
        if (err instanceof UniqueConstraintError) {
          throw new Conflict('this appointment exists already', 'appointment_exists', { cause: err });
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
          ? { startAt: { ...(filter.from ? { [Op.gte]: filter.from } : {}), ...(filter.to ? { [Op.lt]: filter.to } : {}) } }
          : {}),
        ...(filter.clerkId !== undefined ? { clerkId: filter.clerkId } : {}),
        ...(filter.source !== undefined ? { source: filter.source } : {}),
        ...(filter.externalId !== undefined ? { externalId: filter.externalId } : {}),
        ...(filter.statuses ? { status: { [Op.in]: filter.statuses } } : {}),
      };
      const rows = await Model.findAll({ where, order: [['startAt', 'ASC'], ['id', 'ASC']], limit: filter.limit, transaction });
      return rows.map((row) => toDomain(row.get({ plain: true })));
    },
  };
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
