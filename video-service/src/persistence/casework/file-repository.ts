/** Uploaded files of a case (the bytes live under DATA_DIR with generated names). */
import type { Transaction } from 'sequelize';
import type { Role } from '../../contract/join-token.ts';
import type { FileRecord, FileRepository } from '../../casework/store/files.ts';
import type { CaseworkModels, FileRow } from './models.ts';

const toRecord = (r: FileRow): FileRecord => ({
  id: r.id,
  room: r.room,
  uploadedBy: r.uploaded_by,
  uploaderRole: r.uploader_role as Role,
  originalName: r.original_name,
  mime: r.mime,
  size: r.size,
  sha256: r.sha256,
  storageName: r.storage_name,
  scan: r.scan as FileRecord['scan'],
  createdAt: new Date(r.created_at),
});

export function createFileRepository({ File }: CaseworkModels, transaction?: Transaction): FileRepository {
  const tx = { transaction };
  return {
    async insert(f) {
      await File.create(
        {
          id: f.id,
          room: f.room,
          uploaded_by: f.uploadedBy,
          uploader_role: f.uploaderRole,
          original_name: f.originalName,
          mime: f.mime,
          size: f.size,
          sha256: f.sha256,
          storage_name: f.storageName,
          scan: f.scan,
          created_at: f.createdAt,
        },
        tx,
      );
    },
    async get(id) {
      const row = await File.findByPk(id, tx);
      return row ? toRecord(row.get({ plain: true })) : null;
    },
    async listByRoom(room) {
      const rows = await File.findAll({
        where: { room },
        order: [
          ['created_at', 'ASC'],
          ['id', 'ASC'],
        ],
        ...tx,
      });
      return rows.map((r) => toRecord(r.get({ plain: true })));
    },
    async usedBytes(room) {
      const sum = await File.sum('size', { where: { room }, ...tx });
      return Number(sum ?? 0);
    },
    async removeRoom(room) {
      const rows = await File.findAll({ where: { room }, attributes: ['storage_name'], ...tx });
      const storageNames = rows.map((r) => r.get('storage_name') as string);
      return { rows: await File.destroy({ where: { room }, ...tx }), storageNames };
    },
  };
}
