/** api_idempotency_keys: `Idempotency-Key`s of `POST /api/appointments` per API client. */
import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { IdempotencyKeyRepository } from '../domain/api-ports.ts';
import type { Models } from './models.ts';

export function idempotencyKeyRepository(models: Models, transaction?: Transaction): IdempotencyKeyRepository {
  const { ApiIdempotencyKey: Model } = models;
  return {
    async find(client, idempotencyKey) {
      const row = await Model.findOne({ where: { client, idempotencyKey }, transaction });
      if (!row) return null;
      const plain = row.get({ plain: true });
      return { requestHash: plain.requestHash, appointmentId: plain.appointmentId };
    },
    async claim(client, idempotencyKey, requestHash, now) {
      try {
        await Model.create({ client, idempotencyKey, requestHash, createdAt: now }, { transaction });
        return true;
      } catch (err) {
        if (err instanceof UniqueConstraintError) return false;
        throw err;
      }
    },
    async complete(client, idempotencyKey, appointmentId) {
      await Model.update({ appointmentId }, { where: { client, idempotencyKey }, transaction });
    },
  };
}
