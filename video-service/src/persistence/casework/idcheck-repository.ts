/** ID checks of a room (the newest one counts). Only the last four characters of a document number are ever stored. */
import type { Transaction } from 'sequelize';
import type { IdCheckStatus, IdCheckStep, IdChecklistItem, IdDocumentType } from '../../contract/casework.ts';
import type { IdCheckRecord, IdCheckRepository, StoredQuestion } from '../../casework/store/id-checks.ts';
import type { CaseworkModels, IdCheckRow } from './models.ts';

const toRecord = (r: IdCheckRow): IdCheckRecord => ({
  id: r.id,
  room: r.room,
  status: r.status as IdCheckStatus,
  documentType: r.document_type as IdDocumentType,
  steps: JSON.parse(r.steps) as IdCheckStep[],
  step: r.step as IdCheckStep,
  checklist: JSON.parse(r.checklist) as Record<IdChecklistItem, boolean | null>,
  questions: JSON.parse(r.questions) as StoredQuestion[],
  startedBy: r.started_by,
  startedAt: new Date(r.started_at),
  completedAt: r.completed_at ? new Date(r.completed_at) : null,
  completedBy: r.completed_by,
  completedByName: r.completed_by_name,
  verified: r.verified === null ? null : Boolean(r.verified),
  numberLast4: r.number_last4,
  updatedAt: new Date(r.updated_at),
});

const toRow = (c: IdCheckRecord): IdCheckRow => ({
  id: c.id,
  room: c.room,
  status: c.status,
  document_type: c.documentType,
  steps: JSON.stringify(c.steps),
  step: c.step,
  checklist: JSON.stringify(c.checklist),
  questions: JSON.stringify(c.questions),
  started_by: c.startedBy,
  started_at: c.startedAt,
  completed_at: c.completedAt,
  completed_by: c.completedBy,
  completed_by_name: c.completedByName,
  verified: c.verified,
  number_last4: c.numberLast4,
  updated_at: c.updatedAt,
});

export function createIdCheckRepository({ IdCheck }: CaseworkModels, transaction?: Transaction): IdCheckRepository {
  const tx = { transaction };
  return {
    async latest(room) {
      const row = await IdCheck.findOne({
        where: { room },
        order: [
          ['started_at', 'DESC'],
          ['id', 'DESC'],
        ],
        ...tx,
      });
      return row ? toRecord(row.get({ plain: true })) : null;
    },
    async insert(c) {
      await IdCheck.create(toRow(c), tx);
    },
    async update(c, expectedUpdatedAt) {
      const row = toRow(c);
      const changes = {
        status: row.status,
        document_type: row.document_type,
        step: row.step,
        checklist: row.checklist,
        questions: row.questions,
        completed_at: row.completed_at,
        completed_by: row.completed_by,
        completed_by_name: row.completed_by_name,
        verified: row.verified,
        number_last4: row.number_last4,
        updated_at: row.updated_at,
      };
      const [count] = await IdCheck.update(changes, {
        where: { id: row.id, status: 'in_progress', updated_at: expectedUpdatedAt },
        ...tx,
      });
      return count === 1;
    },
    async removeRoom(room) {
      return IdCheck.destroy({ where: { room }, ...tx });
    },
  };
}
