/** guest_invitations (migration 0190): the guest invitations of the appointments, docs/adr/0190. */
import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { GuestInvitation, GuestInvitationRepository } from '../domain/guest-ports.ts';
import type { GuestInvitationRow } from './api-models.ts';
import type { Models } from './models.ts';

const toInvitation = (row: GuestInvitationRow): GuestInvitation => ({
  id: row.id,
  appointmentId: row.appointmentId,
  name: row.name,
  email: row.email,
  jti: row.jti,
  expiresAt: new Date(row.expiresAt),
  requestKey: row.requestKey,
  createdBy: row.createdBy,
  createdAt: new Date(row.createdAt),
  revokedAt: row.revokedAt ? new Date(row.revokedAt) : null,
});

export function guestInvitationRepository(models: Models, transaction?: Transaction): GuestInvitationRepository {
  const { GuestInvitation: Model } = models;
  const one = async (where: Partial<GuestInvitationRow>) => {
    const row = await Model.findOne({ where, transaction });
    return row ? toInvitation(row.get({ plain: true })) : null;
  };
  return {
    async insert(invitation) {
      try {
        await Model.create({ ...invitation }, { transaction });
        return true;
      } catch (err) {
        if (err instanceof UniqueConstraintError) return false;
        throw err;
      }
    },
    findById: (appointmentId, id) => one({ appointmentId, id }),
    findByRequestKey: (appointmentId, requestKey) => one({ appointmentId, requestKey }),
    findByJti: (jti) => one({ jti }),
    async listActive(appointmentId) {
      const rows = await Model.findAll({
        where: { appointmentId, revokedAt: null },
        order: [
          ['createdAt', 'ASC'],
          ['id', 'ASC'],
        ],
        transaction,
      });
      return rows.map((r) => toInvitation(r.get({ plain: true })));
    },
    async revoke(id, at) {
      const [changed] = await Model.update({ revokedAt: at }, { where: { id, revokedAt: null }, transaction });
      return changed > 0;
    },
    async replaceToken(id, jti, expiresAt) {
      await Model.update({ jti, expiresAt }, { where: { id }, transaction });
    },
  };
}
