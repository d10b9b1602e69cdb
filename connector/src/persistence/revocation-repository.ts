/** link_revocations: token ids that were superseded by a reschedule or cancellation. */
import type { Transaction } from 'sequelize';
import type { LinkRevocationRepository } from '../domain/ports.ts';
import type { Models } from './models.ts';

export function revocationRepository(models: Models, transaction?: Transaction): LinkRevocationRepository {
  const { LinkRevocation } = models;
  return {
    async record(revocations, now) {
      if (!revocations.length) return;
      await LinkRevocation.bulkCreate(
        revocations.map((r) => ({ ...r, revokedAt: now })),
        { transaction, ignoreDuplicates: true },
      );
    },
    async isRevoked(jti) {
      return (await LinkRevocation.count({ where: { jti }, transaction })) > 0;
    },
  };
}
