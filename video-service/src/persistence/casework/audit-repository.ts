/**
 * The hash-chained audit log's rows. Appending is "read the head, insert head + 1": two writers racing
 * for the same sequence number collide on the primary key and the loser retries (casework/audit/).
 * Personal parts of a row can be erased (retention); the row and its hashes stay, so the chain still verifies.
 */
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import type { AuditRecord, AuditRepository } from '../../casework/store/audit.ts';
import type { AuditRow, CaseworkModels } from './models.ts';

const toRecord = (r: AuditRow): AuditRecord => ({
  seq: Number(r.seq),
  createdAt: r.created_at,
  kind: r.kind,
  subjectHash: r.subject_hash,
  publicJson: r.public_json,
  personalHash: r.personal_hash,
  personalJson: r.personal_json,
  room: r.room,
  retentionKind: r.retention_kind,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export function createAuditRepository({ Audit }: CaseworkModels, transaction?: Transaction): AuditRepository {
  const tx = { transaction };
  return {
    async head() {
      const row = await Audit.findOne({ order: [['seq', 'DESC']], ...tx });
      return row ? toRecord(row.get({ plain: true })) : null;
    },
    async insert(a) {
      try {
        await Audit.create(
          {
            seq: a.seq,
            created_at: a.createdAt,
            kind: a.kind,
            subject_hash: a.subjectHash,
            public_json: a.publicJson,
            personal_hash: a.personalHash,
            personal_json: a.personalJson,
            room: a.room,
            retention_kind: a.retentionKind,
            prev_hash: a.prevHash,
            hash: a.hash,
          },
          tx,
        );
        return true;
      } catch (error) {
        if (error instanceof UniqueConstraintError) return false;
        throw error;
      }
    },
    async get(seq) {
      const row = await Audit.findByPk(seq, tx);
      return row ? toRecord(row.get({ plain: true })) : null;
    },
    async bySubject(subjectHash, kind) {
      const rows = await Audit.findAll({ where: { subject_hash: subjectHash, kind }, order: [['seq', 'ASC']], ...tx });
      return rows.map((r) => toRecord(r.get({ plain: true })));
    },
    async range(from, to, limit) {
      const seq = to === undefined ? { [Op.gte]: from } : { [Op.between]: [from, to] };
      const rows = await Audit.findAll({ where: { seq }, order: [['seq', 'ASC']], ...(limit ? { limit } : {}), ...tx });
      return rows.map((r) => toRecord(r.get({ plain: true })));
    },
    async erasePersonal(room, kinds) {
      const [count] = await Audit.update(
        { personal_json: null, room: null },
        { where: { room, retention_kind: { [Op.in]: kinds } }, ...tx },
      );
      return count;
    },
  };
}
