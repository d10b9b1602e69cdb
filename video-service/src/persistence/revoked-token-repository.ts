/** Revoked join-token ids (jti). The admin API that fills this table comes later. */
import type { Models } from './models.ts';

export interface RevokedTokenRepository {
  isRevoked(jti: string): Promise<boolean>;
  /** Revoking twice keeps the first time. */
  revoke(jti: string, at: Date): Promise<void>;
}

export function createRevokedTokenRepository({ RevokedToken }: Models): RevokedTokenRepository {
  return {
    async isRevoked(jti) {
      return (await RevokedToken.count({ where: { jti } })) > 0;
    },
    async revoke(jti, at) {
      await RevokedToken.findOrCreate({ where: { jti }, defaults: { jti, revoked_at: at } });
    },
  };
}
