/**
 * TANs, stored only as salted hashes. Attempts are counted with a conditional increment (never more than
 * the limit, even with concurrent tries) and use is a conditional update (single use).
 */
import { Op, type Transaction } from 'sequelize';
import type { TanChannel } from '../../contract/casework.ts';
import type { TanRecord, TanRepository } from '../../casework/store/tans.ts';
import type { CaseworkModels, TanRow } from './models.ts';

const toRecord = (r: TanRow): TanRecord => ({
  id: r.id,
  room: r.room,
  documentId: r.document_id,
  dataHash: r.data_hash,
  channel: r.channel as TanChannel,
  salt: r.salt,
  tanHash: r.tan_hash,
  attempts: r.attempts,
  expiresAt: new Date(r.expires_at),
  createdAt: new Date(r.created_at),
  createdBy: r.created_by,
  usedAt: r.used_at ? new Date(r.used_at) : null,
  lockedAt: r.locked_at ? new Date(r.locked_at) : null,
  supersededAt: r.superseded_at ? new Date(r.superseded_at) : null,
});

export function createTanRepository({ Tan }: CaseworkModels, transaction?: Transaction): TanRepository {
  const tx = { transaction };
  const repository: TanRepository = {
    async insert(t) {
      await Tan.create(
        {
          id: t.id,
          room: t.room,
          document_id: t.documentId,
          data_hash: t.dataHash,
          channel: t.channel,
          salt: t.salt,
          tan_hash: t.tanHash,
          attempts: t.attempts,
          expires_at: t.expiresAt,
          created_at: t.createdAt,
          created_by: t.createdBy,
          used_at: null,
          locked_at: null,
          superseded_at: null,
        },
        tx,
      );
    },
    async current(documentId) {
      const row = await Tan.findOne({
        where: { document_id: documentId, superseded_at: null },
        order: [['created_at', 'DESC']],
        ...tx,
      });
      return row ? toRecord(row.get({ plain: true })) : null;
    },
    async countForDocument(documentId) {
      return Tan.count({ where: { document_id: documentId }, ...tx });
    },
    async supersede(documentId, at) {
      await Tan.update(
        { superseded_at: at },
        { where: { document_id: documentId, superseded_at: null, used_at: null }, ...tx },
      );
    },
    async withdraw(id, previous) {
      await Tan.destroy({ where: { id, used_at: null }, ...tx });
      if (previous) await Tan.update({ superseded_at: null }, { where: { id: previous, used_at: null }, ...tx });
    },
    async countAttempt(id, limit) {
      const [count] = await Tan.update(
        { attempts: Tan.sequelize!.literal('attempts + 1') as unknown as number },
        { where: { id, attempts: { [Op.lt]: limit }, used_at: null, locked_at: null }, ...tx },
      );
      return count === 1;
    },
    async countWrongTry(id, limit, at) {
      if (!(await repository.countAttempt(id, limit))) return null;
      const row = await Tan.findByPk(id, tx);
      const attempts = row ? row.get({ plain: true }).attempts : limit;
      if (attempts >= limit) await repository.lock(id, at);
      return attempts;
    },
    async lock(id, at) {
      await Tan.update({ locked_at: at }, { where: { id, locked_at: null }, ...tx });
    },
    async use(id, at) {
      const [count] = await Tan.update({ used_at: at }, { where: { id, used_at: null, locked_at: null }, ...tx });
      return count === 1;
    },
    async removeRoom(room) {
      return Tan.destroy({ where: { room }, ...tx });
    },
  };
  return repository;
}
