/**
 * Reading documents: the review rendering of a frozen form (DRAFT, unsigned), the sealed PDF for
 * participants of the room (checked against its record before it leaves), time-limited links for later,
 * and downloads through such a link. Guests see no documents.
 */
import { createHash } from 'node:crypto';
import type { DocumentLink } from '../../contract/casework.ts';
import { InvalidState, NotFound, Unauthorized } from '../../errors.ts';
import type { DocumentRecord } from '../store/documents.ts';
import { assertAdmitted, type Actor } from '../access.ts';
import type { CaseworkDeps } from '../deps.ts';
import type { FrozenEnvelope } from '../forms/freeze-form.ts';
import { verifyUrlOf } from '../signing/seal-document.ts';
import { renderDocument } from './render-document.ts';
import { assertDownloadAllowed } from '../payments/download-lock.ts';
import { paymentDocumentByLink } from '../payments/payment-document-access.ts';
import { assertSeesCaseRecords } from '../projection.ts';

export interface PdfFile {
  bytes: Buffer;
  fileName: string;
}

async function roomDocument(deps: CaseworkDeps, actor: Actor, documentId: string): Promise<DocumentRecord> {
  assertSeesCaseRecords(actor.role, 'Documents');
  await assertAdmitted(deps, actor);
  const document = await deps.store.documents.get(documentId);
  if (!document || document.room !== actor.room) throw new NotFound('No such document in this room.');
  return document;
}

const fileNameOf = (d: DocumentRecord, suffix = '') => `${d.definitionId}-${d.id.slice(0, 8)}${suffix}.pdf`;

/** The document as the citizen reviews it before signing (not sealed, marked DRAFT). */
export async function reviewDocument(deps: CaseworkDeps, actor: Actor, documentId: string): Promise<PdfFile> {
  const document = await roomDocument(deps, actor, documentId);
  const envelope = JSON.parse(document.dataJson) as FrozenEnvelope;
  const writer = await renderDocument({
    authority: deps.config.authorityName,
    authorityAddress: deps.config.authorityAddress,
    authorityLogo: deps.config.brand.logo,
    documentId: document.id,
    data: envelope.data,
    dataHash: document.dataHash,
    frozenAt: document.frozenAt,
    frozenBy: envelope.frozenBy,
    timeZone: envelope.timeZone,
    verifyUrl: verifyUrlOf(deps.publicUrl),
  });
  return { bytes: Buffer.from(await writer.doc.save()), fileName: fileNameOf(document, '-entwurf') };
}

/** The sealed bytes, refused when they no longer match the record (changed on disk). */
async function sealedBytes(deps: CaseworkDeps, document: DocumentRecord): Promise<PdfFile> {
  if (document.status !== 'sealed' || !document.storageName || !document.pdfSha256)
    throw new InvalidState('The document is not sealed yet.');
  await assertDownloadAllowed(deps, document.room, document.service);
  const bytes = await deps.blobs.read('documents', document.storageName);
  if (createHash('sha256').update(bytes).digest('hex') !== document.pdfSha256) {
    deps.log.error({ document: document.id }, 'sealedBytes() | stored PDF does not match its record');
    throw new InvalidState('The stored document does not match its record.');
  }
  return { bytes, fileName: fileNameOf(document) };
}

export async function downloadSealed(deps: CaseworkDeps, actor: Actor, documentId: string): Promise<PdfFile> {
  return sealedBytes(deps, await roomDocument(deps, actor, documentId));
}

/** A link to the sealed document valid for DOCUMENT_LINK_TTL_HOURS; the capability sits in the URL fragment. */
export async function createDocumentLink(deps: CaseworkDeps, actor: Actor, documentId: string): Promise<DocumentLink> {
  const document = await roomDocument(deps, actor, documentId);
  if (document.status !== 'sealed') throw new InvalidState('The document is not sealed yet.');
  await assertDownloadAllowed(deps, document.room, document.service);
  const expiresAt = new Date(deps.now().getTime() + deps.config.documentLinkTtlHours * 3600_000);
  const token = deps.capabilities.issue({ kind: 'document', subject: document.id, expiresAt });
  return { url: `${deps.publicUrl}/documents/download#${token}`, expiresAt: expiresAt.toISOString() };
}

/** A download through a link (no session). */
export async function downloadByLink(deps: CaseworkDeps, token: string): Promise<PdfFile> {
  const capability = deps.capabilities.check(token, 'document', deps.now());
  // The documents page links receipts and fee notices the same way (a capability of their own kind).
  if (!capability) {
    const receipt = await paymentDocumentByLink(deps, token);
    if (receipt) return receipt;
  }
  if (!capability) throw new Unauthorized('This download link is not valid (any more).', { reason: 'expired' });
  const document = await deps.store.documents.get(capability.subject);
  if (!document) throw new NotFound('The document is no longer kept here (its retention period has ended).');
  return sealedBytes(deps, document);
}
