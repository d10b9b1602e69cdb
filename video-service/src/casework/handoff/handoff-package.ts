/**
 * What the case-management system fetches for a finished case (with the capability from the
 * `case.finished` event): the services, every form's signed data, the ID-check result and the sealed
 * PDFs (base64), plus the uploaded files' metadata. Available until the capability expires or the
 * retention period deletes the data.
 */
import { createHash } from 'node:crypto';
import type { FieldValue, IdDocumentType } from '../../contract/casework.ts';
import { NotFound, Unauthorized } from '../../errors.ts';
import type { CaseworkDeps } from '../deps.ts';
import type { FrozenEnvelope } from '../forms/freeze-form.ts';
import { treasuryRecord, type TreasuryRecord } from '../payments/treasury-export.ts';

export interface HandoffPackage {
  room: string;
  appointmentId: string;
  services: string[];
  appointment: { start: string; end: string; timeZone: string };
  finishedAt: string | null;
  forms: Array<{
    service: string;
    form: string;
    status: string;
    documentId: string | null;
    dataHash: string | null;
    values: Record<string, FieldValue> | null;
  }>;
  documents: Array<{
    id: string;
    form: string;
    service: string;
    sha256: string;
    sealedAt: string;
    signatureMethod: string;
    pdfBase64: string;
  }>;
  idCheck: { verified: boolean; documentType: IdDocumentType; numberLast4: string | null; at: string } | null;
  files: Array<{
    id: string;
    name: string;
    mime: string;
    size: number;
    sha256: string;
    uploadedBy: string;
    uploadedAt: string;
  }>;
  /** The case's payments (payments/treasury-export.ts records: no names). */
  payments: TreasuryRecord[];
}

export async function handoffPackage(deps: CaseworkDeps, token: string): Promise<HandoffPackage> {
  const capability = deps.capabilities.check(token, 'handoff', deps.now());
  if (!capability) throw new Unauthorized('The hand-off token is not valid (any more).', { reason: 'invalid' });
  const room = capability.subject;
  const theCase = await deps.store.cases.get(room);
  if (!theCase) throw new NotFound('The case is no longer kept here.');
  const [forms, documents, check, files, payments] = await Promise.all([
    deps.store.forms.listByRoom(room),
    deps.store.documents.listByRoom(room),
    deps.store.idChecks.latest(room),
    deps.store.files.listByRoom(room),
    deps.store.payments.listByRoom(room),
  ]);
  const sealed = [];
  for (const d of documents) {
    if (d.status !== 'sealed' || !d.storageName || !d.pdfSha256) continue;
    const bytes = await deps.blobs.read('documents', d.storageName);
    if (createHash('sha256').update(bytes).digest('hex') !== d.pdfSha256)
      throw new Error(`stored PDF of document ${d.id} does not match its record`);
    sealed.push({
      id: d.id,
      form: d.definitionId,
      service: d.service,
      sha256: d.pdfSha256,
      sealedAt: d.sealedAt!.toISOString(),
      signatureMethod: d.signatureMethod ?? '',
      pdfBase64: bytes.toString('base64'),
    });
  }
  return {
    room,
    appointmentId: theCase.appointmentId,
    services: theCase.services,
    appointment: {
      start: theCase.appointmentStart.toISOString(),
      end: theCase.appointmentEnd.toISOString(),
      timeZone: theCase.timeZone,
    },
    finishedAt: theCase.finishedAt?.toISOString() ?? null,
    forms: forms.map((f) => {
      const document = documents.find((d) => d.id === f.documentId);
      return {
        service: f.service,
        form: f.definitionId,
        status: f.status,
        documentId: f.documentId,
        dataHash: document?.dataHash ?? null,
        values: document ? (JSON.parse(document.dataJson) as FrozenEnvelope).data.values : null,
      };
    }),
    documents: sealed,
    idCheck:
      check && check.verified !== null && check.completedAt
        ? {
            verified: check.verified,
            documentType: check.documentType,
            numberLast4: check.numberLast4,
            at: check.completedAt.toISOString(),
          }
        : null,
    files: files.map((f) => ({
      id: f.id,
      name: f.originalName,
      mime: f.mime,
      size: f.size,
      sha256: f.sha256,
      uploadedBy: f.uploaderRole,
      uploadedAt: f.createdAt.toISOString(),
    })),
    payments: payments.map(treasuryRecord),
  };
}
