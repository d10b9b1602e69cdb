/** inbound_events: one row per (source, delivery id), holding the answer for idempotent replays. */
import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { SyncAnswer } from '../domain/appointment.ts';
import type { InboundEventRepository } from '../domain/ports.ts';
import { parseJson, type Models } from './models.ts';

export function inboundEventRepository(models: Models, transaction?: Transaction): InboundEventRepository {
  const { InboundEvent } = models;
  return {
    async find(source, deliveryId) {
      const row = await InboundEvent.findOne({ where: { source, deliveryId }, transaction });
      if (!row) return null;
      const r = row.get({ plain: true });
      if (r.answer === null || r.answer === undefined) return null;
      return { source, deliveryId, answer: parseJson<SyncAnswer>(r.answer), receivedAt: new Date(r.receivedAt) };
    },
    async claim(source, deliveryId, receivedAt) {
      try {
        await InboundEvent.create({ source, deliveryId, receivedAt }, { transaction });
        return true;
      } catch (err) {
        if (err instanceof UniqueConstraintError) return false;
        throw err;
      }
    },
    async complete(source, deliveryId, answer) {
      await InboundEvent.update({ answer, completedAt: new Date() }, { where: { source, deliveryId }, transaction });
    },
  };
}
