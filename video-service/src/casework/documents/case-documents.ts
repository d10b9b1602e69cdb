/**
 * The citizen's documents page after the call (`/documents#<capability>`): one link per case listing its
 * documents with name, date and seal state, each downloadable and verifiable. The link is a capability of
 * kind `case-documents` for the room; it lives DOCUMENTS_PAGE_LINK_TTL_DAYS at most and never longer than
 * the documents' retention (the documents are deleted then, so a longer link would only lead to nothing).
 * Each listing issues download capabilities that expire with the page link.
 */
import type { DocumentLink, Localized } from '../../contract/casework.ts';
import { InvalidState, NotFound, Unauthorized } from '../../errors.ts';
import type { CaseRecord } from '../store/cases.ts';
import { assertAdmitted, type Actor } from '../access.ts';
import type { CaseworkDeps } from '../deps.ts';
import { definitionOf } from '../forms/registry.ts';
import { lockedServices } from '../payments/download-lock.ts';
import { paymentDocumentInfo } from '../payments/view.ts';
import { assertSeesCaseRecords } from '../projection.ts';

const DAY_MS = 24 * 3600_000;

/** One document on the page. `downloadToken` goes to `POST /api/documents/download`. */
export interface ListedDocument {
  id: string;
  title: Localized;
  service: string;
  status: 'sealed' | 'awaiting_signature';
  frozenAt: string;
  sealedAt: string | null;
  sha256: string | null;
  signatureMethod: string | null;
  downloadToken: string | null;
  /** Sealed, but its service requires the fee to be paid first (paymentBeforeDownload): the page says so. */
  lockedUntilPaid?: true;
}

/** Answer of `GET /api/casework/case-documents`. */
export interface CaseDocumentsView {
  authority: string;
  /** The authority's seal is the self-signed development one (shown as such). */
  developmentSeal: boolean;
  appointment: { start: string; end: string; timeZone: string };
  finishedAt: string | null;
  /** When this page link (and the download links in it) stop working. */
  expiresAt: string;
  documents: ListedDocument[];
  /** Receipts and fee notices of the case's payments (their links are `payment-document` capabilities). */
  receipts: ListedDocument[];
  verifyPath: string;
}

/** The page link for the case (null when its documents' retention has already ended). */
export function documentsPageLink(
  deps: Pick<CaseworkDeps, 'config' | 'capabilities' | 'publicUrl' | 'now'>,
  theCase: CaseRecord,
): DocumentLink | null {
  const now = deps.now();
  const retentionEnds = theCase.appointmentEnd.getTime() + deps.config.retentionDays.documents * DAY_MS;
  const expiresAt = new Date(Math.min(retentionEnds, now.getTime() + deps.config.documentsPageLinkTtlDays * DAY_MS));
  if (expiresAt.getTime() <= now.getTime()) return null;
  const token = deps.capabilities.issue({ kind: 'case-documents', subject: theCase.room, expiresAt });
  return { url: `${deps.publicUrl}/documents#${token}`, expiresAt: expiresAt.toISOString() };
}

async function linkForActor(deps: CaseworkDeps, actor: Actor): Promise<{ theCase: CaseRecord; link: DocumentLink }> {
  assertSeesCaseRecords(actor.role, 'The documents');
  await assertAdmitted(deps, actor);
  const theCase = await deps.store.cases.get(actor.room);
  if (!theCase) throw new NotFound('Open the case first.');
  const link = documentsPageLink(deps, theCase);
  if (!link) throw new InvalidState('The documents of this case are no longer kept.');
  return { theCase, link };
}

/** The link for later, as the room's "copy" button shows it. */
export async function documentsLinkFor(deps: CaseworkDeps, actor: Actor): Promise<DocumentLink> {
  return (await linkForActor(deps, actor)).link;
}

/** The link mailed to the citizen through the connector (the event webhook); the room never sees the address. */
export async function mailDocumentsLink(
  deps: CaseworkDeps,
  actor: Actor,
): Promise<{ queued: true; expiresAt: string }> {
  const { theCase, link } = await linkForActor(deps, actor);
  const queued = await deps.events.documentsLinkRequested({
    room: actor.room,
    appointmentId: theCase.appointmentId,
    citizenDocuments: link,
    requestedAt: deps.now().toISOString(),
  });
  if (!queued) throw new InvalidState('No mail can be sent from here (the service has no connector to send it).');
  deps.log.info({ room: actor.room, role: actor.role }, 'mailDocumentsLink() | mail requested');
  return { queued: true, expiresAt: link.expiresAt };
}

/** The page's content for a page link (no session: the capability is the credential). */
export async function listCaseDocuments(deps: CaseworkDeps, token: string): Promise<CaseDocumentsView> {
  const now = deps.now();
  const capability = deps.capabilities.check(token, 'case-documents', now);
  if (!capability)
    throw new Unauthorized('This link to your documents is not valid (any more).', { reason: 'expired' });
  const theCase = await deps.store.cases.get(capability.subject);
  if (!theCase) throw new NotFound('The documents are no longer kept here (their retention period has ended).');
  const [records, payments, locked] = await Promise.all([
    deps.store.documents.listByRoom(theCase.room),
    deps.store.payments.listByRoom(theCase.room),
    lockedServices(deps, theCase.room),
  ]);
  const documents = records.map((d): ListedDocument => {
    const sealed = d.status === 'sealed' && Boolean(d.storageName);
    // A service waiting for its fee (paymentBeforeDownload): listed, but no download link yet.
    const downloadable = sealed && !locked.has(d.service);
    return {
      id: d.id,
      title: definitionOf(d.definitionId).title,
      service: d.service,
      status: sealed ? 'sealed' : 'awaiting_signature',
      frozenAt: d.frozenAt.toISOString(),
      sealedAt: d.sealedAt?.toISOString() ?? null,
      sha256: d.pdfSha256,
      signatureMethod: d.signatureMethod,
      downloadToken: downloadable
        ? deps.capabilities.issue({ kind: 'document', subject: d.id, expiresAt: capability.expiresAt })
        : null,
      ...(sealed && !downloadable ? { lockedUntilPaid: true as const } : {}),
    };
  });
  const receipts = payments.flatMap((p): ListedDocument[] => {
    const info = paymentDocumentInfo(p);
    if (!info) return [];
    return [
      {
        id: p.id,
        title: info.title,
        service: info.service,
        status: 'sealed',
        frozenAt: info.frozenAt,
        sealedAt: info.sealedAt,
        sha256: info.pdfSha256,
        signatureMethod: null,
        downloadToken: deps.capabilities.issue({
          kind: 'payment-document',
          subject: p.id,
          expiresAt: capability.expiresAt,
        }),
      },
    ];
  });
  return {
    authority: deps.config.authorityName,
    developmentSeal: deps.seal.development,
    appointment: {
      start: theCase.appointmentStart.toISOString(),
      end: theCase.appointmentEnd.toISOString(),
      timeZone: theCase.timeZone,
    },
    finishedAt: theCase.finishedAt?.toISOString() ?? null,
    expiresAt: capability.expiresAt.toISOString(),
    documents,
    receipts,
    verifyPath: '/verify',
  };
}

/**
 * Whether a citizen who opens their join link again should see the documents page instead of the device
 * check: the call was ended for good, or the case is finished and the appointment is over.
 */
export async function afterTheCall(deps: CaseworkDeps, room: string): Promise<DocumentLink | null> {
  const theCase = await deps.store.cases.get(room);
  if (!theCase) return null;
  const over =
    (await deps.admissions.isClosed(room)) ||
    (theCase.finishedAt !== null && theCase.appointmentEnd.getTime() <= deps.now().getTime());
  return over ? documentsPageLink(deps, theCase) : null;
}
