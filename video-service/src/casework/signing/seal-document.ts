/**
 * Sealing a signed document, once: render the final PDF (form, signature, audit page), seal it (PAdES),
 * store the bytes, then in one transaction chain its SHA-256 into the audit log and lock the record
 * (sealing → sealed). The caller has claimed the document (awaiting_signature → sealing); on any failure
 * the claim is released and the stored bytes removed, so the citizen can try again.
 */
import { createHash } from 'node:crypto';
import type { DocumentInfo } from '../../contract/casework.ts';
import { InvalidState } from '../../errors.ts';
import type { DocumentRecord } from '../store/documents.ts';
import type { Actor } from '../access.ts';
import { announceAgenda } from '../agenda/set-agenda-item.ts';
import { appendAudit, inAuditTransaction } from '../audit/audit-log.ts';
import { documentInfo, lockedInfo, valuesOf } from '../case/views.ts';
import type { CaseworkDeps } from '../deps.ts';
import { renderDocument, type IdCheckFacts, type SignatureFacts } from '../documents/render-document.ts';
import { dataHash, formData } from '../forms/form-data.ts';
import type { FrozenEnvelope } from '../forms/freeze-form.ts';
import { definitionOf } from '../forms/registry.ts';
import { lockedServices } from '../payments/download-lock.ts';
import { sealPdf } from '../seal/seal-pdf.ts';

export const verifyUrlOf = (publicUrl: string) => `${publicUrl}/verify`;

/** The latest completed ID check of the room, as the audit page prints it. */
async function idCheckFacts(deps: CaseworkDeps, room: string): Promise<IdCheckFacts | null> {
  const check = await deps.store.idChecks.latest(room);
  if (!check || check.verified === null || !check.completedAt) return null;
  return {
    verified: check.verified,
    documentType: check.documentType,
    numberLast4: check.numberLast4,
    clerkName: check.completedByName ?? check.completedBy ?? '',
    at: check.completedAt,
  };
}

/** Throws unless the form's stored fields still produce the data hash fixed at freezing (catches direct table edits). */
async function assertDataUnchanged(deps: CaseworkDeps, document: DocumentRecord): Promise<void> {
  const form = await deps.store.forms.get(document.formId);
  if (!form) throw new InvalidState('The form of this document is gone.');
  const current = dataHash(
    formData(definitionOf(document.definitionId), valuesOf(await deps.store.forms.fields(form.id))),
  );
  if (current !== document.dataHash)
    throw new InvalidState('The form data no longer matches what was frozen; the document cannot be signed.');
}

export type SigningMethod =
  | { method: 'drawn'; image: Extract<SignatureFacts, { method: 'drawn' }>['image'] }
  | { method: 'tan'; channel: 'hidden' | 'sms'; tanId: string };

/** Seals the claimed document signed by `actor` (see the module comment). */
export async function sealClaimedDocument(
  deps: CaseworkDeps,
  actor: Actor,
  document: DocumentRecord,
  how: SigningMethod,
): Promise<DocumentInfo> {
  let storageName: string | undefined;
  try {
    await assertDataUnchanged(deps, document);
    const envelope = JSON.parse(document.dataJson) as FrozenEnvelope;
    const now = deps.now();
    const signature: SignatureFacts =
      how.method === 'drawn'
        ? { method: 'drawn', image: how.image, signerName: actor.name, signerId: actor.id, signedAt: now }
        : {
            method: 'tan',
            channel: how.channel,
            tanId: how.tanId,
            signerName: actor.name,
            signerId: actor.id,
            signedAt: now,
          };
    const idCheck = await idCheckFacts(deps, actor.room);
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
      signature,
      idCheck,
      sealedAt: now,
      ...(actor.locale ? { citizenLanguage: actor.locale } : {}),
    });
    const pdf = await sealPdf(writer.doc, deps.seal, {
      authority: deps.config.authorityName,
      reason: `${envelope.data.title.de} – ${document.id}`,
      location: deps.config.authorityName,
      at: now,
    });
    const pdfSha256 = createHash('sha256').update(pdf).digest('hex');
    storageName = await deps.blobs.put('documents', pdf);
    const stored = storageName;
    const sealed = await inAuditTransaction(deps.store, async (repos) => {
      const audit = await appendAudit(
        repos.audit,
        {
          kind: 'document.sealed',
          subjectHash: pdfSha256,
          public: {
            document: document.id,
            form: document.definitionId,
            certificate: deps.seal.fingerprint,
            sealedAt: now.toISOString(),
          },
          personal: {
            room: actor.room,
            signer: actor.id,
            method: how.method,
            dataHash: document.dataHash,
            frozenBy: envelope.frozenBy.id,
            idCheck: idCheck
              ? { verified: idCheck.verified, documentType: idCheck.documentType, numberLast4: idCheck.numberLast4 }
              : null,
          },
          room: actor.room,
          retentionKind: 'documents',
        },
        now,
      );
      const facts = {
        signatureMethod: how.method,
        signerId: actor.id,
        sealedAt: now,
        pdfSha256,
        pdfSize: pdf.length,
        storageName: stored,
        certFingerprint: deps.seal.fingerprint,
        auditSeq: audit.seq,
      };
      if (!(await repos.documents.markSealed(document.id, facts)))
        throw new InvalidState('The document was sealed meanwhile.');
      await repos.documents.putSignature({
        documentId: document.id,
        room: actor.room,
        method: how.method,
        imageFormat: how.method === 'drawn' ? how.image.format : null,
        image:
          how.method === 'drawn'
            ? how.image.format === 'png'
              ? Buffer.from(how.image.bytes).toString('base64')
              : how.image.text
            : null,
        tanChannel: how.method === 'tan' ? how.channel : null,
        signedBy: actor.id,
        signedAt: now,
      });
      await repos.forms.setStatus(document.formId, 'frozen', 'sealed');
      return { ...document, status: 'sealed' as const, ...facts };
    });
    deps.log.info(
      { room: actor.room, document: document.id, method: how.method, seq: sealed.auditSeq },
      'sealDocument() | sealed',
    );
    const info = lockedInfo(documentInfo(sealed), await lockedServices(deps, actor.room));
    await deps.notify.send(actor.room, 'document:updated', () => info);
    await deps.notify.send(actor.room, 'form:status', () => ({
      formId: document.formId,
      status: 'sealed',
      documentId: document.id,
    }));
    await announceAgenda(deps, actor.room);
    return info;
  } catch (error) {
    if (storageName) await deps.blobs.remove('documents', storageName).catch(() => undefined);
    await deps.store.documents.releaseSealing(document.id);
    throw error;
  }
}
