/** clerk_calendar_links: one secret feed URL per clerk, stored as the SHA-256 of its secret. */
import type { Transaction } from 'sequelize';
import type { ClerkCalendarRepository } from '../domain/api-ports.ts';
import type { Models } from './models.ts';

export function clerkCalendarRepository(models: Models, transaction?: Transaction): ClerkCalendarRepository {
  const { ClerkCalendarLink: Model } = models;
  return {
    async save(clerkId, secretHash, now) {
      await Model.upsert({ clerkId, secretHash, createdAt: now }, { transaction });
    },
    async findClerkBySecretHash(secretHash) {
      const row = await Model.findOne({ where: { secretHash }, transaction });
      return row ? row.get({ plain: true }).clerkId : null;
    },
    async remove(clerkId) {
      return (await Model.destroy({ where: { clerkId }, transaction })) > 0;
    },
  };
}
