/** The case of a room (one per appointment) and the stored states of its agenda items. */
import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { AgendaItemState } from '../../contract/casework.ts';
import type { AgendaStateRecord, CaseRecord, CaseRepository } from '../../casework/store/cases.ts';
import type { CaseRow, CaseworkModels } from './models.ts';

function toRecord(r: CaseRow): CaseRecord {
  return {
    room: r.room,
    appointmentId: r.appointment_id,
    services: JSON.parse(r.services) as string[],
    appointmentStart: new Date(r.appointment_start),
    appointmentEnd: new Date(r.appointment_end),
    timeZone: r.time_zone,
    openedAt: new Date(r.opened_at),
    lastActivityAt: new Date(r.last_activity_at),
    finishedAt: r.finished_at ? new Date(r.finished_at) : null,
    statsRecorded: Boolean(r.stats_recorded),
  };
}

export function createCaseRepository({ Case, Agenda }: CaseworkModels, transaction?: Transaction): CaseRepository {
  const tx = { transaction };
  return {
    async get(room) {
      const row = await Case.findByPk(room, tx);
      return row ? toRecord(row.get({ plain: true })) : null;
    },
    async create(c) {
      // A plain INSERT (findOrCreate would open a transaction of its own on SQLite, outside the busy timeout).
      try {
        await Case.create(
          {
            room: c.room,
            appointment_id: c.appointmentId,
            services: JSON.stringify(c.services),
            appointment_start: c.appointmentStart,
            appointment_end: c.appointmentEnd,
            time_zone: c.timeZone,
            opened_at: c.openedAt,
            last_activity_at: c.lastActivityAt,
            finished_at: c.finishedAt,
            stats_recorded: false,
          },
          tx,
        );
        return true;
      } catch (error) {
        // Another participant opened the case at the same moment.
        if (error instanceof UniqueConstraintError) return false;
        throw error;
      }
    },
    async updateAppointment(room, a) {
      await Case.update(
        {
          appointment_start: a.appointmentStart,
          appointment_end: a.appointmentEnd,
          services: JSON.stringify(a.services),
          time_zone: a.timeZone,
        },
        { where: { room }, ...tx },
      );
    },
    async touch(room, at) {
      await Case.update({ last_activity_at: at }, { where: { room }, ...tx });
    },
    async finish(room, at) {
      const [count] = await Case.update(
        { finished_at: at, last_activity_at: at },
        { where: { room, finished_at: null }, ...tx },
      );
      return count === 1;
    },
    async markStatsRecorded(room) {
      const [count] = await Case.update({ stats_recorded: true }, { where: { room, stats_recorded: false }, ...tx });
      return count === 1;
    },
    async remove(room) {
      return Case.destroy({ where: { room }, ...tx });
    },
    async agendaStates(room) {
      const rows = await Agenda.findAll({ where: { room }, ...tx });
      return rows.map((r) => {
        const row = r.get({ plain: true });
        return {
          itemId: row.item_id,
          state: row.state as AgendaItemState,
          updatedBy: row.updated_by,
          updatedAt: row.updated_at ? new Date(row.updated_at) : null,
        };
      });
    },
    async setAgendaState(room, itemId, state, by, at) {
      await Agenda.upsert({ room, item_id: itemId, state, updated_by: by, updated_at: at }, tx);
    },
    async removeAgenda(room) {
      return Agenda.destroy({ where: { room }, ...tx });
    },
  };
}
