/**
 * "Is this an untouched document issued here?" for any uploaded PDF: its SHA-256 must be recorded as a
 * sealed document in the audit chain, the chain from that row to its head must recompute, the seal must
 * be intact (covering the whole file) and made with the certificate recorded for it, and the document's
 * record (while it is kept) must agree with the chain. The answer names the first problem found.
 */
import { createHash } from 'node:crypto';
import type { Localized, VerifyReason, VerifyResult } from '../../contract/casework.ts';
import type { CaseworkDeps } from '../deps.ts';
import type { DocumentRecord } from '../store/documents.ts';
import { verifyChain } from '../audit/audit-log.ts';
import { dataHash } from '../forms/form-data.ts';
import type { FrozenEnvelope } from '../forms/freeze-form.ts';
import { definitionOf } from '../forms/registry.ts';
import { checkSeal } from '../seal/check-seal.ts';
import { VERIFY_TRANSLATIONS } from './verify-translations.ts';
import { PAYMENT_DOCUMENT_SEALED, PAYMENT_DOCUMENT_TITLES } from '../payments/documents/payment-documents.ts';
import type { AuditRecord } from '../store/audit.ts';

export const VERIFY_MESSAGES: Record<VerifyReason, Localized> = {
  untouched: {
    de: 'Echt und unverändert: Dieses Dokument wurde hier ausgestellt und seitdem nicht verändert.',
    en: 'Genuine and unchanged: this document was issued here and has not been changed since.',
  },
  not_a_pdf: { de: 'Die Datei ist kein PDF-Dokument.', en: 'The file is not a PDF document.' },
  no_seal: { de: 'Das Dokument trägt kein elektronisches Siegel.', en: 'The document carries no electronic seal.' },
  appended_after_sealing: {
    de: 'Nach dem Siegeln wurde etwas an das Dokument angefügt. Es ist nicht mehr das ausgestellte Dokument.',
    en: 'Something was added to the document after sealing. It is no longer the document that was issued.',
  },
  content_modified: {
    de: 'Der Inhalt wurde nach dem Siegeln verändert.',
    en: 'The content was changed after sealing.',
  },
  seal_invalid: {
    de: 'Das Siegel ist ungültig oder stammt nicht von dieser Behörde.',
    en: 'The seal is invalid or was not made by this authority.',
  },
  unknown_document: {
    de: 'Ein Dokument mit diesem Fingerabdruck wurde hier nicht ausgestellt.',
    en: 'No document with this fingerprint was issued here.',
  },
  record_mismatch: {
    de: 'Die Aufzeichnungen der Behörde zu diesem Dokument sind nicht stimmig. Bitte wenden Sie sich an die Behörde.',
    en: "The authority's records of this document do not add up. Please contact the authority.",
  },
};

/** The document row still says what the chain says (hashes, sequence, certificate, the frozen data). */
function recordAgrees(
  record: DocumentRecord,
  chain: { sha256: string; seq: number; certificate: string; dataHash: string | undefined },
): boolean {
  if (
    record.status !== 'sealed' ||
    record.pdfSha256 !== chain.sha256 ||
    record.auditSeq !== chain.seq ||
    record.certFingerprint !== chain.certificate
  )
    return false;
  if (chain.dataHash !== undefined && record.dataHash !== chain.dataHash) return false;
  try {
    return dataHash((JSON.parse(record.dataJson) as FrozenEnvelope).data) === record.dataHash;
  } catch {
    return false;
  }
}

function result(reason: VerifyReason, sha256: string, document?: VerifyResult['document']): VerifyResult {
  return {
    valid: reason === 'untouched',
    reason,
    message: { ...VERIFY_MESSAGES[reason], ...VERIFY_TRANSLATIONS[reason] },
    sha256,
    ...(document ? { document } : {}),
  };
}

export async function verifyDocument(deps: CaseworkDeps, pdf: Buffer): Promise<VerifyResult> {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return result('not_a_pdf', sha256);
  const seal = checkSeal(pdf);
  const rows = await deps.store.audit.bySubject(sha256, 'document.sealed');
  if (rows.length === 0) {
    const paymentRows = await deps.store.audit.bySubject(sha256, PAYMENT_DOCUMENT_SEALED);
    if (paymentRows.length > 0) return verifyPaymentDocument(deps, sha256, seal, paymentRows);
    return result(seal.ok ? 'unknown_document' : seal.reason, sha256);
  }
  if (!seal.ok) return result('record_mismatch', sha256);
  const row = rows[0]!;
  const facts = JSON.parse(row.publicJson) as { document: string; form: string; certificate: string; sealedAt: string };
  if (facts.certificate !== seal.certificateFingerprint) return result('seal_invalid', sha256);
  const chain = await verifyChain(deps.store.audit, row.seq);
  if (!chain.intact || rows.length > 1) {
    deps.log.error(
      { seq: row.seq, problem: chain.intact ? 'duplicate rows' : chain.problem },
      'verifyDocument() | audit chain does not verify',
    );
    return result('record_mismatch', sha256);
  }
  const record = await deps.store.documents.get(facts.document);
  const personal = row.personalJson ? (JSON.parse(row.personalJson) as { dataHash?: string }) : null;
  if (
    record &&
    !recordAgrees(record, { sha256, seq: row.seq, certificate: facts.certificate, dataHash: personal?.dataHash })
  ) {
    deps.log.error({ document: facts.document }, 'verifyDocument() | document record disagrees with the audit chain');
    return result('record_mismatch', sha256);
  }
  let title: Localized = { de: facts.form, en: facts.form };
  try {
    title = definitionOf(facts.form).title;
  } catch {
    // A form retired since: its id is still shown.
  }
  return result('untouched', sha256, {
    id: facts.document,
    form: facts.form,
    title,
    sealedAt: facts.sealedAt,
    certificate: seal.certificateSubject,
    recordsDeleted: record === null,
  });
}

/**
 * A receipt or fee notice of a payment (payments/documents/): chained as `payment.document.sealed`; while
 * the payment row is kept, it must name the same SHA-256.
 */
async function verifyPaymentDocument(
  deps: CaseworkDeps,
  sha256: string,
  seal: ReturnType<typeof checkSeal>,
  rows: AuditRecord[],
): Promise<VerifyResult> {
  if (!seal.ok) return result('record_mismatch', sha256);
  const row = rows[0]!;
  const facts = JSON.parse(row.publicJson) as {
    payment: string;
    kind: 'receipt' | 'notice';
    certificate: string;
    sealedAt: string;
  };
  if (facts.certificate !== seal.certificateFingerprint) return result('seal_invalid', sha256);
  const chain = await verifyChain(deps.store.audit, row.seq);
  if (!chain.intact || rows.length > 1) {
    deps.log.error(
      { seq: row.seq, problem: chain.intact ? 'duplicate rows' : chain.problem },
      'verifyPaymentDocument() | audit chain does not verify',
    );
    return result('record_mismatch', sha256);
  }
  const payment = await deps.store.payments.get(facts.payment);
  if (payment && payment.documentSha256 !== sha256) {
    deps.log.error(
      { payment: facts.payment },
      'verifyPaymentDocument() | payment record disagrees with the audit chain',
    );
    return result('record_mismatch', sha256);
  }
  const form = facts.kind === 'receipt' ? 'payment-receipt' : 'fee-notice';
  return result('untouched', sha256, {
    id: facts.payment,
    form,
    title: PAYMENT_DOCUMENT_TITLES[facts.kind],
    sealedAt: facts.sealedAt,
    certificate: seal.certificateSubject,
    recordsDeleted: payment === null,
  });
}
