/** feed_instances ↔ the feed's appointments: the stored side of a feed's reconciliation. */
import { Op, type Transaction } from 'sequelize';
import type { AppointmentStatus } from '../domain/appointment.ts';
import type { FeedInstanceRepository, StoredFeedInstance } from '../domain/feed-ports.ts';
import type { FeedInstanceRow, FeedModels } from './feed-models.ts';
import type { AppointmentRow, Models } from './models.ts';

/** The UID part of an external id written before feed_instances knew it (`UID/20261201T090000Z` → `UID`). */
const uidOf = (externalId: string) => externalId.replace(/\/\d{8}T\d{6}Z$/, '');

export function feedInstanceRepository(
  models: Pick<Models, 'Appointment'> & FeedModels,
  transaction?: Transaction,
): FeedInstanceRepository {
  const { Appointment, FeedInstance } = models;
  return {
    async listForFeed(feed, source, since) {
      // raw: a feed may hold 10,000 appointments; model instances would cost several times the memory.
      const appointments = (await Appointment.findAll({
        attributes: ['id', 'externalId', 'status', 'startAt', 'endAt'],
        where: { source, endAt: { [Op.gt]: since } },
        raw: true,
        transaction,
      })) as unknown as Array<Pick<AppointmentRow, 'id' | 'externalId' | 'status' | 'startAt' | 'endAt'>>;
      const instances = (await FeedInstance.findAll({
        attributes: ['externalId', 'uid', 'sequence'],
        where: { feed },
        raw: true,
        transaction,
      })) as unknown as Array<Pick<FeedInstanceRow, 'externalId' | 'uid' | 'sequence'>>;
      const byExternalId = new Map(instances.map((i) => [i.externalId, i]));
      return appointments.map((a): StoredFeedInstance => {
        const instance = byExternalId.get(a.externalId);
        return {
          externalId: a.externalId,
          uid: instance?.uid ?? uidOf(a.externalId),
          appointmentId: a.id,
          status: a.status as AppointmentStatus,
          start: new Date(a.startAt),
          end: new Date(a.endAt),
          sequence: Number(instance?.sequence ?? 0),
        };
      });
    },

    async findSequence(feed, externalId) {
      const row = await FeedInstance.findOne({ attributes: ['sequence'], where: { feed, externalId }, transaction });
      return row ? Number(row.get('sequence')) : null;
    },

    async saveMany(entries, now) {
      if (!entries.length) return;
      // One INSERT … ON CONFLICT/ON DUPLICATE KEY UPDATE for the whole batch (unique (feed, external_id)).
      await FeedInstance.bulkCreate(
        entries.map((e) => ({ ...e, updatedAt: now })),
        {
          updateOnDuplicate: ['uid', 'appointmentId', 'sequence', 'updatedAt'],
          conflictAttributes: ['feed', 'externalId'],
          transaction,
        },
      );
    },
  };
}
