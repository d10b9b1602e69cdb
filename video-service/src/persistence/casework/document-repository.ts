/**
 * Documents (one per frozen form) and their signatures. A document moves awaiting_signature → sealing →
 * sealed with conditional updates, so exactly one signing attempt can seal it; a sealed row is never
 * updated again through this repository.
 */
import { Transaction } from 'sequelize';
import type { SignatureMethod, TanChannel } from '../../contract/casework.ts';
import type {
  DocumentRecord,
  DocumentRepository,
  SealedFacts,
  SignatureRecord,
  StoredDocumentStatus,
} from '../../casework/store/documents.ts';
import type { CaseworkModels, DocumentRow } from './models.ts';

const toRecord = (r: DocumentRow): DocumentRecord => ({
  id: r.id,
  room: r.room,
  formId: r.form_id,
  service: r.service,
  definitionId: r.definition_id,
  status: r.status as StoredDocumentStatus,
  dataHash: r.data_hash,
  dataJson: r.data_json,
  frozenAt: new Date(r.frozen_at),
  frozenBy: r.frozen_by,
  signatureMethod: r.signature_method as SignatureMethod | null,
  signerId: r.signer_id,
  sealedAt: r.sealed_at ? new Date(r.sealed_at) : null,
  pdfSha256: r.pdf_sha256,
  pdfSize: r.pdf_size,
  storageName: r.storage_name,
  certFingerprint: r.cert_fingerprint,
  auditSeq: r.audit_seq,
});

export function createDocumentRepository(
  { Document, Signature }: CaseworkModels,
  transaction?: Transaction,
): DocumentRepository {
  const tx = { transaction };
  return {
    async insert(d) {
      await Document.create(
        {
          id: d.id,
          room: d.room,
          form_id: d.formId,
          service: d.service,
          definition_id: d.definitionId,
          status: d.status,
          data_hash: d.dataHash,
          data_json: d.dataJson,
          frozen_at: d.frozenAt,
          frozen_by: d.frozenBy,
          signature_method: null,
          signer_id: null,
          sealed_at: null,
          pdf_sha256: null,
          pdf_size: null,
          storage_name: null,
          cert_fingerprint: null,
          audit_seq: null,
        },
        tx,
      );
    },
    async get(id) {
      const row = await Document.findByPk(id, tx);
      return row ? toRecord(row.get({ plain: true })) : null;
    },
    async lockForSigning(id) {
      const row = await Document.findByPk(id, { ...tx, ...(transaction ? { lock: Transaction.LOCK.UPDATE } : {}) });
      return row ? toRecord(row.get({ plain: true })) : null;
    },
    async listByRoom(room) {
      const rows = await Document.findAll({
        where: { room },
        order: [
          ['frozen_at', 'ASC'],
          ['id', 'ASC'],
        ],
        ...tx,
      });
      return rows.map((r) => toRecord(r.get({ plain: true })));
    },
    async findByPdfHash(sha256) {
      const row = await Document.findOne({ where: { pdf_sha256: sha256 }, ...tx });
      return row ? toRecord(row.get({ plain: true })) : null;
    },
    async claimForSealing(id) {
      const [count] = await Document.update(
        { status: 'sealing' },
        { where: { id, status: 'awaiting_signature' }, ...tx },
      );
      return count === 1;
    },
    async releaseSealing(id) {
      await Document.update({ status: 'awaiting_signature' }, { where: { id, status: 'sealing' }, ...tx });
    },
    async markSealed(id, f) {
      const [count] = await Document.update(
        {
          status: 'sealed',
          signature_method: f.signatureMethod,
          signer_id: f.signerId,
          sealed_at: f.sealedAt,
          pdf_sha256: f.pdfSha256,
          pdf_size: f.pdfSize,
          storage_name: f.storageName,
          cert_fingerprint: f.certFingerprint,
          audit_seq: f.auditSeq,
        },
        { where: { id, status: 'sealing' }, ...tx },
      );
      return count === 1;
    },
    async putSignature(s) {
      await Signature.create(
        {
          document_id: s.documentId,
          room: s.room,
          method: s.method,
          image_format: s.imageFormat,
          image: s.image,
          tan_channel: s.tanChannel,
          signed_by: s.signedBy,
          signed_at: s.signedAt,
        },
        tx,
      );
    },
    async signature(documentId) {
      const row = await Signature.findByPk(documentId, tx);
      if (!row) return null;
      const r = row.get({ plain: true });
      return {
        documentId: r.document_id,
        room: r.room,
        method: r.method as SignatureMethod,
        imageFormat: r.image_format as 'png' | 'svg' | null,
        image: r.image,
        tanChannel: r.tan_channel as TanChannel | null,
        signedBy: r.signed_by,
        signedAt: new Date(r.signed_at),
      };
    },
    async removeRoom(room) {
      const rows = await Document.findAll({ where: { room }, attributes: ['storage_name'], ...tx });
      const storageNames = rows
        .map((r) => r.get('storage_name') as string | null)
        .filter((n): n is string => Boolean(n));
      const signatures = await Signature.destroy({ where: { room }, ...tx });
      const documents = await Document.destroy({ where: { room }, ...tx });
      return { rows: signatures + documents, storageNames };
    },
  };
}
