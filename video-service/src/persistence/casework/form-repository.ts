/**
 * Co-edited forms and their fields. A change is stored with a conditional bump of the form version
 * (`bumpVersion` succeeds for exactly one writer of a given version), so every accepted change has its own
 * version in one server order, whichever process handled it.
 */
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import type { FieldValue, FormStatus } from '../../contract/casework.ts';
import type { FieldRecord, FormRecord, FormRepository } from '../../casework/store/forms.ts';
import type { CaseworkModels, FieldRow, FormRow } from './models.ts';

const toForm = (r: FormRow): FormRecord => ({
  id: r.id,
  room: r.room,
  service: r.service,
  definitionId: r.definition_id,
  definitionVersion: r.definition_version,
  version: r.version,
  status: r.status as FormStatus,
  prefilled: Boolean(r.prefilled),
  createdAt: new Date(r.created_at),
  frozenAt: r.frozen_at ? new Date(r.frozen_at) : null,
  frozenBy: r.frozen_by,
  documentId: r.document_id,
});

const toField = (r: FieldRow): FieldRecord => ({
  formId: r.form_id,
  path: r.path,
  value: JSON.parse(r.value) as FieldValue,
  version: r.version,
  updatedBy: r.updated_by,
  updatedAt: new Date(r.updated_at),
});

export function createFormRepository({ Form, Field }: CaseworkModels, transaction?: Transaction): FormRepository {
  const tx = { transaction };
  return {
    async listByRoom(room) {
      const rows = await Form.findAll({
        where: { room },
        order: [
          ['created_at', 'ASC'],
          ['service', 'ASC'],
        ],
        ...tx,
      });
      return rows.map((r) => toForm(r.get({ plain: true })));
    },
    async get(id) {
      const row = await Form.findByPk(id, tx);
      return row ? toForm(row.get({ plain: true })) : null;
    },
    async ensure(f) {
      try {
        await Form.create(
          {
            id: f.id,
            room: f.room,
            service: f.service,
            definition_id: f.definitionId,
            definition_version: f.definitionVersion,
            version: f.version,
            status: f.status,
            prefilled: f.prefilled,
            created_at: f.createdAt,
            frozen_at: null,
            frozen_by: null,
            document_id: null,
          },
          tx,
        );
      } catch (error) {
        // The room's form for this service exists already (unique room + service).
        if (!(error instanceof UniqueConstraintError)) throw error;
      }
    },
    async fields(formId) {
      const rows = await Field.findAll({ where: { form_id: formId }, order: [['path', 'ASC']], ...tx });
      return rows.map((r) => toField(r.get({ plain: true })));
    },
    async field(formId, path) {
      const row = await Field.findOne({ where: { form_id: formId, path }, ...tx });
      return row ? toField(row.get({ plain: true })) : null;
    },
    async bumpVersion(formId, expected) {
      const [count] = await Form.update(
        { version: expected + 1 },
        { where: { id: formId, version: expected, status: 'open' }, ...tx },
      );
      return count === 1;
    },
    async putField(f) {
      await Field.upsert(
        {
          form_id: f.formId,
          path: f.path,
          value: JSON.stringify(f.value),
          version: f.version,
          updated_by: f.updatedBy,
          updated_at: f.updatedAt,
        },
        tx,
      );
    },
    async removeFields(formId, paths) {
      if (paths.length > 0) await Field.destroy({ where: { form_id: formId, path: { [Op.in]: paths } }, ...tx });
    },
    async markPrefilled(formId) {
      const [count] = await Form.update({ prefilled: true }, { where: { id: formId, prefilled: false }, ...tx });
      return count === 1;
    },
    async freeze(formId, at, by, documentId) {
      const [count] = await Form.update(
        { status: 'frozen', frozen_at: at, frozen_by: by, document_id: documentId },
        { where: { id: formId, status: 'open' }, ...tx },
      );
      return count === 1;
    },
    async setStatus(formId, from, to) {
      const [count] = await Form.update({ status: to }, { where: { id: formId, status: from }, ...tx });
      return count === 1;
    },
    async removeRoom(room) {
      const ids = (await Form.findAll({ where: { room }, attributes: ['id'], ...tx })).map(
        (r) => r.get('id') as string,
      );
      const fields = ids.length > 0 ? await Field.destroy({ where: { form_id: { [Op.in]: ids } }, ...tx }) : 0;
      return (await Form.destroy({ where: { room }, ...tx })) + fields;
    },
  };
}
