/** Stored records as participants see them (contract/casework.ts). */
import type { CaseFileInfo, DocumentInfo, FieldState, FieldValue, FormState } from '../../contract/casework.ts';
import type { DocumentRecord } from '../store/documents.ts';
import type { FieldRecord, FormRecord } from '../store/forms.ts';
import type { FileRecord } from '../store/files.ts';
import { formIssues } from '../forms/issues.ts';
import { definitionOf } from '../forms/registry.ts';
import { phoneOf } from '../signing/sms-phone.ts';
import { maskPhone } from '../signing/tan.ts';

export function valuesOf(fields: FieldRecord[]): Record<string, FieldValue> {
  return Object.fromEntries(fields.map((f) => [f.path, f.value]));
}

export function formState(form: FormRecord, fields: FieldRecord[], today: string): FormState {
  const definition = definitionOf(form.definitionId);
  const states: Record<string, FieldState> = {};
  for (const f of fields)
    states[f.path] = { value: f.value, version: f.version, by: f.updatedBy, updatedAt: f.updatedAt.toISOString() };
  return {
    id: form.id,
    service: form.service,
    definition,
    status: form.status,
    version: form.version,
    fields: states,
    issues: formIssues(definition, valuesOf(fields), today),
    documentId: form.documentId,
  };
}

export const reviewUrlOf = (id: string) => `/api/casework/documents/${id}/review`;
export const pdfUrlOf = (id: string) => `/api/casework/documents/${id}/pdf`;
export const fileUrlOf = (id: string) => `/api/casework/files/${id}`;

export function documentInfo(d: DocumentRecord): DocumentInfo {
  const sealed = d.status === 'sealed';
  return {
    id: d.id,
    formId: d.formId,
    service: d.service,
    title: definitionOf(d.definitionId).title,
    status: sealed ? 'sealed' : 'awaiting_signature',
    dataHash: d.dataHash,
    frozenAt: d.frozenAt.toISOString(),
    sealedAt: d.sealedAt?.toISOString() ?? null,
    pdfSha256: d.pdfSha256,
    signatureMethod: d.signatureMethod,
    reviewUrl: reviewUrlOf(d.id),
    downloadUrl: sealed ? pdfUrlOf(d.id) : null,
    ...smsTarget(d, sealed),
  };
}

/** The masked number an SMS-TAN would go to, while the document awaits its signature. */
function smsTarget(d: DocumentRecord, sealed: boolean): Pick<DocumentInfo, 'smsTanTo'> {
  const phone = sealed ? null : phoneOf(d);
  return phone ? { smsTanTo: maskPhone(phone) } : {};
}

/** The document as shown while its service waits for its fee (`paymentBeforeDownload`): no download. */
export function lockedInfo(info: DocumentInfo, lockedServices: ReadonlySet<string>): DocumentInfo {
  return info.status === 'sealed' && lockedServices.has(info.service)
    ? { ...info, downloadUrl: null, lockedUntilPaid: true }
    : info;
}

export function fileInfo(f: FileRecord): CaseFileInfo {
  return {
    id: f.id,
    name: f.originalName,
    mime: f.mime,
    size: f.size,
    sha256: f.sha256,
    uploadedBy: { id: f.uploadedBy, role: f.uploaderRole },
    uploadedAt: f.createdAt.toISOString(),
    downloadUrl: fileUrlOf(f.id),
    scan: f.scan,
  };
}
