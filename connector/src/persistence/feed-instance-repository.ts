/** feed_instances ↔ the feed's appointments: the stored side of a feed's reconciliation. */
import { Op, type Transaction } from 'sequelize';
import type { AppointmentStatus } from '../domain/appointment.ts';
import type { FeedInstanceRepository, StoredFeedInstance } from '../domain/feed-ports.ts';
import type { FeedModels } from './feed-models.ts';
import type { Models } from './models.ts';

/** The UID part of an external id written before feed_instances knew it (`UID/20261201T090000Z` → `UID`). */
const uidOf = (externalId: string) => externalId.replace(/\/\d{8}T\d{6}Z$/, '');

export function feedInstanceRepository(models: Pick<Models, 'Appointment'> & FeedModels, transaction?: Transaction): FeedInstanceRepository {
  const { Appointment, FeedInstance } = models;
  return {
    async listForFeed(feed, source, since) {
      const appointments = await Appointment.findAll({
        attributes: ['id', 'externalId', 'status', 'startAt', 'endAt'],
        where: { source, endAt: { [Op.gt]: since } },
        transaction,
      });
      const instances = await FeedInstance.findAll({ attributes: ['externalId', 'uid', 'sequence'], where: { feed }, transaction });
      const byExternalId = new Map(instances.map((i) => [i.get('externalId') as string, i.get({ plain: true })]));
      return appointments.map((row): StoredFeedInstance => {
        const a = row.get({ plain: true });
        const instance = byExternalId.get(a.externalId);
        return {
          externalId: a.externalId,
          uid: instance?.uid ?? uidOf(a.externalId),
          appointmentId: a.id,
          status: a.status as AppointmentStatus,
          start: new Date(a.startAt),
          end: new Date(a.endAt),
          sequence: instance?.sequence ?? 0,
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
        { updateOnDuplicate: ['uid', 'appointmentId', 'sequence', 'updatedAt'], conflictAttributes: ['feed', 'externalId'], transaction },
      );
    },
  };
}
