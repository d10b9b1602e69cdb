/** Sessions created from join tokens. The row id is the SHA-256 of the opaque session token. */
import { Op, type Transaction } from 'sequelize';
import type { AppointmentInfo, Role } from '../contract/join-token.ts';
import type { SessionRecord, SessionRepository } from '../sessions/ports.ts';
import type { Models, SessionRow } from './models.ts';

function toRecord(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    room: row.room,
    participantId: row.participant_id,
    role: row.role as Role,
    name: row.name,
    appointment: JSON.parse(row.appointment) as AppointmentInfo,
    tokenJti: row.token_jti,
    tokenExp: new Date(row.token_exp),
    tokenIat: row.token_iat ? new Date(row.token_iat) : null,
    expiresAt: new Date(row.expires_at),
    createdAt: new Date(row.created_at),
  };
}

export function createSessionRepository({ Session }: Models, transaction?: Transaction): SessionRepository {
  const tx = { transaction };
  return {
    async insert(s) {
      await Session.create(
        {
          id: s.id,
          room: s.room,
          participant_id: s.participantId,
          role: s.role,
          name: s.name,
          appointment: JSON.stringify(s.appointment),
          token_jti: s.tokenJti,
          token_exp: s.tokenExp,
          token_iat: s.tokenIat,
          expires_at: s.expiresAt,
          created_at: s.createdAt,
        },
        tx,
      );
    },
    async findById(id) {
      const row = await Session.findByPk(id, tx);
      return row ? toRecord(row.get({ plain: true })) : null;
    },
    async setExpiry(id, expiresAt) {
      await Session.update({ expires_at: expiresAt }, { where: { id }, ...tx });
    },
    async remove(id) {
      await Session.destroy({ where: { id }, ...tx });
    },
    async removeExpired(now) {
      return Session.destroy({ where: { expires_at: { [Op.lt]: now } }, ...tx });
    },
    async findByJtis(jtis) {
      if (jtis.length === 0) return [];
      const rows = await Session.findAll({ where: { token_jti: { [Op.in]: jtis } }, ...tx });
      return rows.map((r) => toRecord(r.get({ plain: true })));
    },
    async removeRoom(room) {
      await Session.destroy({ where: { room }, ...tx });
    },
  };
}
