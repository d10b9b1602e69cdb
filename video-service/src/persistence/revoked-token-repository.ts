/** Revoked join-token ids (jti), filled by the admin API. */
import type { Transaction } from 'sequelize';
import type { RevokedTokenRepository } from '../sessions/ports.ts';
import type { Models } from './models.ts';

export function createRevokedTokenRepository(
  { RevokedToken }: Models,
  transaction?: Transaction,
): RevokedTokenRepository {
  const tx = { transaction };
  return {
    async isRevoked(jti) {
      return (await RevokedToken.count({ where: { jti }, ...tx })) > 0;
    },
    async revoke(jti, at) {
      // One statement (SQLite INSERT OR IGNORE, MySQL INSERT IGNORE): findOrCreate outside a transaction would
      // open one of its own beside the write queue (persistence/transactions.ts) and meet other writers.
      await RevokedToken.bulkCreate([{ jti, revoked_at: at }], { ignoreDuplicates: true, ...tx });
    },
  };
}
