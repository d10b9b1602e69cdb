/**
 * Documents (one per frozen form) and their signatures, as the use cases see them: awaiting_signature →
 * sealing → sealed. persistence/casework/document-repository.ts implements it.
 */
import type { SignatureMethod, TanChannel } from '../../contract/casework.ts';

export type StoredDocumentStatus = 'awaiting_signature' | 'sealing' | 'sealed';

export interface DocumentRecord {
  id: string;
  room: string;
  formId: string;
  service: string;
  definitionId: string;
  status: StoredDocumentStatus;
  dataHash: string;
  /** The frozen form data (forms/form-data.ts FormData) as JSON. */
  dataJson: string;
  frozenAt: Date;
  frozenBy: string;
  signatureMethod: SignatureMethod | null;
  signerId: string | null;
  sealedAt: Date | null;
  pdfSha256: string | null;
  pdfSize: number | null;
  storageName: string | null;
  certFingerprint: string | null;
  auditSeq: number | null;
}

export interface SealedFacts {
  signatureMethod: SignatureMethod;
  signerId: string;
  sealedAt: Date;
  pdfSha256: string;
  pdfSize: number;
  storageName: string;
  certFingerprint: string;
  auditSeq: number;
}

export interface SignatureRecord {
  documentId: string;
  room: string;
  method: SignatureMethod;
  imageFormat: 'png' | 'svg' | null;
  image: string | null;
  tanChannel: TanChannel | null;
  signedBy: string;
  signedAt: Date;
}

export interface DocumentRepository {
  insert(record: DocumentRecord): Promise<void>;
  get(id: string): Promise<DocumentRecord | null>;
  /**
   * Reads the document and, inside a transaction on MariaDB/MySQL, holds its row lock until the transaction
   * ends (`SELECT … FOR UPDATE`), so every signing step of one document runs one after another — across
   * processes too. SQLite needs no row lock: its transactions start IMMEDIATE and so hold the one write lock.
   */
  lockForSigning(id: string): Promise<DocumentRecord | null>;
  listByRoom(room: string): Promise<DocumentRecord[]>;
  findByPdfHash(sha256: string): Promise<DocumentRecord | null>;
  /** awaiting_signature → sealing; false when it is not awaiting a signature (already signed, being signed). */
  claimForSealing(id: string): Promise<boolean>;
  /** sealing → awaiting_signature after a failed seal. */
  releaseSealing(id: string): Promise<void>;
  /** sealing → sealed with the seal's facts. */
  markSealed(id: string, facts: SealedFacts): Promise<boolean>;
  putSignature(record: SignatureRecord): Promise<void>;
  signature(documentId: string): Promise<SignatureRecord | null>;
  removeRoom(room: string): Promise<{ rows: number; storageNames: string[] }>;
}
