/**
 * Casework in the room (issue 5): every socket.io request and notification of the agenda, the co-filled
 * forms, the ID check, signing and sealed documents, files and the case's end, plus the HTTP types. Typed
 * once and shared by server and room UI; docs/casework.md describes the same map in prose.
 *
 * Every casework request needs an ADMITTED participant of the room (clerks always are); the room comes from
 * the session, never from the payload. Notifications reach only admitted participants of the same room.
 */
import type { Role } from './join-token.ts';
import type { Ack } from './reply.ts';
import type { FieldPresence, FieldUpdate, FieldValue, FormState, FormStatus, Localized } from './casework-forms.ts';
import type { PaymentClientToServerEvents, PaymentView } from './payments.ts';

export type * from './casework-forms.ts';
export { ADDRESS_PARTS } from './casework-forms.ts';

// ------------------------------------------------------------------ agenda

export type AgendaItemKind = 'form' | 'document' | 'fee';
export type AgendaItemState = 'open' | 'done' | 'skipped';

export interface AgendaItem {
  /** `<service>:form`, `<service>:doc:<n>`, `<service>:fee`. */
  id: string;
  kind: AgendaItemKind;
  label: Localized;
  state: AgendaItemState;
  /** For `fee` items, in euro cents. */
  feeCents?: number;
  /** For `form` items: the form instance. */
  formId?: string;
  /** For the proof-of-identity `document` item: done by itself when the ID check is verified. */
  idDocument?: true;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface AgendaService {
  code: string;
  name: Localized;
  /** The form definition used for this service, if any. */
  formDefinitionId: string | null;
  feeCents: number;
  items: AgendaItem[];
}

export interface Agenda {
  services: AgendaService[];
  /** Booked service codes the catalogue does not know (shown to the clerk as plain text). */
  unknownServices: string[];
  totalFeeCents: number;
}

// ------------------------------------------------------------------ ID check (a visual check, not "video identification")

export const ID_DOCUMENT_TYPES = ['personalausweis', 'reisepass', 'aufenthaltstitel', 'ausweisersatz'] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

export const ID_CHECK_STEPS = ['front', 'back', 'tilt', 'review'] as const;
export type IdCheckStep = (typeof ID_CHECK_STEPS)[number];

export const ID_CHECKLIST_ITEMS = [
  'photoMatches',
  'documentValid',
  'nameAndBirthDateMatch',
  'securityFeatureSeen',
] as const;
export type IdChecklistItem = (typeof ID_CHECKLIST_ITEMS)[number];

export type IdCheckStatus = 'in_progress' | 'verified' | 'not_verified' | 'cancelled';

/**
 * A security question: from booking facts the citizen does not see in the room (the clerk's token), or picked
 * by the clerk from a list and answered from the document. `expected` is only ever sent to clerks; an empty
 * one means "compare with the document".
 */
export interface IdCheckQuestion {
  id: string;
  question: Localized;
  expected?: string;
  answer: 'correct' | 'incorrect' | null;
}

/**
 * The ID check as a participant may see it. Citizens get the status, the step and its guidance only;
 * clerks also get the checklist, the questions with expected answers and the result.
 */
export interface IdCheckView {
  id: string;
  status: IdCheckStatus;
  documentType: IdDocumentType;
  /** The steps for this document type, in order (a passport has no back). */
  steps: IdCheckStep[];
  step: IdCheckStep;
  /** What the citizen should do now. */
  guidance: Localized;
  /** On a phone, the back camera shows the document better. */
  suggestBackCamera: boolean;
  startedAt: string;
  completedAt: string | null;
  checklist?: Record<IdChecklistItem, boolean | null>;
  questions?: IdCheckQuestion[];
  /** Clerks: the questions they may add (`idcheck:ask`), answered from the document held to the camera. */
  pickableQuestions?: Array<{ id: string; question: Localized }>;
  /** Clerks: the stored result once completed. */
  result?: {
    verified: boolean;
    documentType: IdDocumentType;
    numberLast4: string | null;
    clerk: string;
    at: string;
  } | null;
}

/**
 * "Stills" mode of the ID check, for a weak connection: the clerk asks the citizen's device for a picture at
 * its camera's full resolution for the current step. The picture goes to the clerk's browser only — over an
 * RTCDataChannel of the call's peer connection where there is one, otherwise relayed through the socket in
 * chunks that the server forwards to the room's clerks without storing them.
 */
export const STILL_MAX_BYTES = 8 * 1024 * 1024;
/** Size of one relayed chunk (below the socket's 256 KB message limit with its framing). */
export const STILL_CHUNK_BYTES = 128 * 1024;
export const STILL_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type StillMime = (typeof STILL_MIME_TYPES)[number];

/** The clerk's request for a still; `requestId` is a short-lived signed capability for exactly this check. */
export interface StillRequest {
  requestId: string;
  step: IdCheckStep;
  expiresAt: string;
  maxBytes: number;
  chunkBytes: number;
}

/** What a still is: sent first on a data channel (as JSON), and with every relayed chunk. */
export interface StillHeader {
  requestId: string;
  step: IdCheckStep;
  mime: StillMime;
  /** The picture's size in pixels (the camera's native resolution). */
  width: number;
  height: number;
  /** Total size in bytes. */
  bytes: number;
  /** `photo`: ImageCapture.takePhoto(); `frame`: a frame of the camera track at its native settings. */
  source: 'photo' | 'frame';
}

/**
 * Why the citizen's device could not send a still: `camera_off` (the citizen switched the camera off),
 * `no_camera` (no camera track at all), `capture_failed` (the camera gave no picture), `too_large`, `send_failed`.
 */
export const STILL_FAILURES = ['camera_off', 'no_camera', 'capture_failed', 'too_large', 'send_failed'] as const;
export type StillFailure = (typeof STILL_FAILURES)[number];

/**
 * The citizen's device about a still request, before any byte: `capturing` as soon as the request arrived
 * (the clerk knows within a second that it is being answered), `failed` with the reason when it cannot be.
 */
export interface StillAnswer {
  requestId: string;
  phase: 'capturing' | 'failed';
  reason?: StillFailure;
}

/** One relayed piece of a still (socket path): bytes `seq * STILL_CHUNK_BYTES …`. */
export interface StillChunk extends StillHeader {
  seq: number;
  /** Sent as binary; the browser receives an ArrayBuffer, the server a Buffer. */
  data: ArrayBuffer | Uint8Array;
}

// ------------------------------------------------------------------ signing and documents

export type { SigningRefusalReason } from './reply.ts';

export type SignatureMethod = 'drawn' | 'tan';
export type TanChannel = 'hidden' | 'sms';
export type DocumentStatus = 'awaiting_signature' | 'sealed';

/** The citizen `participantId` has the signing of `documentId` open (or closed it). */
export interface SigningPresence {
  documentId: string;
  participantId: string;
  open: boolean;
}

export interface DocumentInfo {
  id: string;
  formId: string;
  service: string;
  title: Localized;
  status: DocumentStatus;
  /** SHA-256 (hex) of the frozen form data: what the citizen signs and a TAN is bound to. */
  dataHash: string;
  frozenAt: string;
  sealedAt: string | null;
  /** SHA-256 (hex) of the sealed PDF. */
  pdfSha256: string | null;
  signatureMethod: SignatureMethod | null;
  /** The rendered document to review before signing (same origin; needs the session). */
  reviewUrl: string;
  /** The sealed PDF (same origin; needs the session); null until sealed and while locked. */
  downloadUrl: string | null;
  /** `form` (a signed form), `receipt` (Zahlungsbestätigung) or `fee_notice` (Gebührenbescheid); absent: form. */
  kind?: 'form' | 'receipt' | 'fee_notice';
  /**
   * The service asks for payment before its documents can be downloaded (catalogue `paymentBeforeDownload`)
   * and its fee is not yet paid, invoiced or waived: `downloadUrl` is null and a download is refused with
   * reason `payment_required`.
   */
  lockedUntilPaid?: boolean;
  /**
   * Awaiting signature and the frozen form holds a usable phone number: where an SMS-TAN would go, masked
   * ("+49 ••• ••67"). With `signing.tanChannels` including `sms` the citizen is offered the SMS-TAN.
   */
  smsTanTo?: string;
}

/** A drawn signature: PNG (base64) or SVG (text, paths only, as jSignature makes it); at most 200 KB. */
export interface DrawnSignature {
  format: 'png' | 'svg';
  data: string;
}

export interface TanIssued {
  tanId: string;
  channel: TanChannel;
  expiresAt: string;
  attemptsLeft: number;
  /** Hidden-TAN only: the TAN itself, sent to the citizen who asked for it and to nobody else. */
  tan?: string;
  /** SMS-TAN only: where it went, masked (`+49 ••• ••• 12`). */
  sentTo?: string;
}

/** A time-limited download link for one sealed document (the capability travels in the URL fragment). */
export interface DocumentLink {
  url: string;
  expiresAt: string;
}

/** An agenda item still open when the clerk finishes the case (`case:finish`). */
export interface OpenAgendaItem {
  id: string;
  kind: AgendaItemKind;
  service: string;
  label: Localized;
}

/**
 * Answer of `case:finish`. Without `force`, a case with open agenda items is not finished: `finishedAt` is
 * null and `open` lists them (the clerk confirms and sends `force: true`). Otherwise `finishedAt` is set and
 * `open` lists what was left open (also in the audit log).
 */
export interface FinishAnswer {
  finishedAt: string | null;
  open: OpenAgendaItem[];
}

// ------------------------------------------------------------------ files

export interface CaseFileInfo {
  id: string;
  /** Sanitised original name, extension from the detected type. */
  name: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedBy: { id: string; role: Role };
  uploadedAt: string;
  /** Same origin, needs the session; always served as an attachment. */
  downloadUrl: string;
  /** `clean` when ClamAV checked it, `unscanned` when no scanner is configured. */
  scan: 'clean' | 'unscanned';
}

// ------------------------------------------------------------------ the case as a whole

export interface CaseSnapshot {
  room: string;
  self: { id: string; role: Role };
  agenda: Agenda;
  forms: FormState[];
  /** The newest ID check of the case (or null). */
  idCheck: IdCheckView | null;
  documents: DocumentInfo[];
  files: CaseFileInfo[];
  presence: FieldPresence[];
  signing: { tanChannels: TanChannel[] };
  uploads: { maxBytes: number; quotaBytes: number; usedBytes: number; types: string[] };
  finishedAt: string | null;
}

/** Casework requests (merged into `ClientToServerEvents`). */
export interface CaseworkClientToServerEvents extends PaymentClientToServerEvents {
  /** Admitted: the whole case now (call again after every reload or reconnect); subscribes to its notifications. */
  'case:open': (payload: Record<string, never>, ack: Ack<CaseSnapshot>) => void;
  /** Clerk: mark an agenda item. */
  'agenda:set': (payload: { itemId: string; state: AgendaItemState }, ack: Ack<AgendaItem>) => void;
  /**
   * Admitted citizen or clerk: change one field (by path). Refused when the field is not theirs to edit, not
   * shown, of the wrong type, or the form is frozen. `baseVersion` is the field version the change is based on.
   */
  'form:change': (
    payload: { formId: string; field: string; value: FieldValue; baseVersion: number },
    ack: Ack<FieldUpdate>,
  ) => void;
  /** Admitted: "I am editing this field now" (null: left it). Not stored. */
  'form:focus': (payload: { formId: string; field: string | null }, ack: Ack<null>) => void;
  /** Clerk: freeze the form (nobody edits it afterwards); its document is rendered and its data hash fixed. */
  'form:freeze': (payload: { formId: string }, ack: Ack<DocumentInfo>) => void;

  /** Clerk: start a (new) ID check for this document type. */
  'idcheck:start': (payload: { documentType: IdDocumentType }, ack: Ack<IdCheckView>) => void;
  /** Clerk: go to a step (the citizen is guided). */
  'idcheck:step': (payload: { step: IdCheckStep }, ack: Ack<IdCheckView>) => void;
  /** Clerk: tick (or untick) a checklist item. */
  'idcheck:checklist': (payload: { item: IdChecklistItem; value: boolean }, ack: Ack<IdCheckView>) => void;
  /** Clerk: record the citizen's answer to a security question. */
  'idcheck:answer': (payload: { questionId: string; answer: 'correct' | 'incorrect' }, ack: Ack<IdCheckView>) => void;
  /**
   * Clerk: finish with the result. `verified` needs every checklist item ticked; `numberLast4` is the last
   * four characters of the document number (never more).
   */
  /** Clerk: adds a question from `pickableQuestions` (once; again is a no-op). */
  'idcheck:ask': (payload: { questionId: string }, ack: Ack<IdCheckView>) => void;
  'idcheck:complete': (
    payload: { verified: boolean; numberLast4: string | null; documentType?: IdDocumentType },
    ack: Ack<IdCheckView>,
  ) => void;
  'idcheck:cancel': (payload: Record<string, never>, ack: Ack<IdCheckView>) => void;
  /** Clerk, while a check runs: ask the citizen's device for a full-resolution still of the current step. Not stored. */
  'idcheck:requestStill': (payload: Record<string, never>, ack: Ack<StillRequest>) => void;
  /**
   * Citizen, answering a request while that check runs: one chunk of the still, forwarded to the room's
   * clerks and never stored (used when no peer-to-peer data channel is available).
   */
  'idcheck:stillChunk': (payload: StillChunk, ack: Ack<null>) => void;
  /** Citizen, answering a request of this room: it is being taken, or why it cannot be (forwarded to the clerks). */
  'idcheck:stillAnswer': (payload: StillAnswer, ack: Ack<null>) => void;

  /** Citizen: sign a frozen document by drawing; the reply is the sealed document. */
  'sign:draw': (payload: { documentId: string; signature: DrawnSignature }, ack: Ack<DocumentInfo>) => void;
  /** Citizen: a TAN for this document (a new one replaces any earlier one). */
  'sign:requestTan': (payload: { documentId: string; channel: TanChannel }, ack: Ack<TanIssued>) => void;
  /** Citizen: sign with the TAN (6 digits, 5 minutes, single use, 3 tries); the reply is the sealed document. */
  'sign:confirmTan': (payload: { documentId: string; tan: string }, ack: Ack<DocumentInfo>) => void;
  /**
   * Citizen, for a document awaiting signature: they opened (`open: true`) or left (`false`) its signing.
   * Ephemeral (nothing stored); the room's clerks hear it as `sign:presence`, so they read "is signing" only
   * when it is true (issue 11, item 13). Refused for anyone else and for a document not awaiting signature.
   */
  'sign:presence': (payload: { documentId: string; open: boolean }, ack: Ack<null>) => void;
  /** Citizen or clerk: a time-limited link to a sealed document, for later. */
  'document:link': (payload: { documentId: string }, ack: Ack<DocumentLink>) => void;

  /**
   * Clerk: the case is done (hand-off to the case-management system and the citizen's documents mail via the
   * event webhook). With open agenda items only with `force: true` (see `FinishAnswer`). Afterwards every
   * change (agenda, forms, files, signing, ID check) is refused with reason `case_finished`.
   */
  'case:finish': (payload: { force?: boolean }, ack: Ack<FinishAnswer>) => void;
  /** Citizen or clerk: the link to the citizen's documents page (all sealed documents of the case), for later. */
  'case:documentsLink': (payload: Record<string, never>, ack: Ack<DocumentLink>) => void;
  /** Citizen or clerk: mail that link to the citizen (through the connector; never a mailto with the link). */
  'case:mailDocumentsLink': (payload: Record<string, never>, ack: Ack<{ queued: true; expiresAt: string }>) => void;
}

/** Casework notifications (merged into `ServerToClientEvents`); only admitted participants of the room get them. */
export interface CaseworkServerToClientEvents {
  'case:agenda': (agenda: Agenda) => void;
  /** Someone else's accepted change (the writer gets the same object as its ack). */
  'form:field': (update: FieldUpdate) => void;
  'form:presence': (presence: FieldPresence) => void;
  'form:status': (payload: { formId: string; status: FormStatus; documentId: string | null }) => void;
  /** Role-filtered (see `IdCheckView`). */
  'idcheck:state': (view: IdCheckView) => void;
  /** To citizens: the clerk asks for a still (see `StillRequest`). */
  'idcheck:stillRequested': (request: StillRequest & { clerkId: string }) => void;
  /** To clerks: a relayed chunk of the citizen's still. */
  'idcheck:stillChunk': (chunk: StillChunk) => void;
  /** To clerks: the citizen's device is taking the still, or could not (see `StillAnswer`). */
  'idcheck:stillAnswer': (answer: StillAnswer) => void;
  'document:updated': (document: DocumentInfo) => void;
  /** To clerks: the citizen opened or left the signing of a document (see the request `sign:presence`). */
  'sign:presence': (presence: SigningPresence) => void;
  'file:added': (file: CaseFileInfo) => void;
  'case:finished': (payload: { finishedAt: string }) => void;
  /** The case's payment changed (contract/payments.ts; citizens' copies carry `payUrl`). */
  payment: (payment: PaymentView) => void;
}

// ------------------------------------------------------------------ HTTP

/** Answer of `POST /api/documents/verify`. */
export type VerifyReason =
  /** An untouched document sealed here. */
  | 'untouched'
  | 'not_a_pdf'
  /** The PDF carries no seal at all. */
  | 'no_seal'
  /** Bytes were added after sealing (an incremental update). */
  | 'appended_after_sealing'
  /** The sealed content was changed (a flipped byte, a re-save, a swapped image). */
  | 'content_modified'
  /** The seal's signature is broken or was not made with this office's certificate. */
  | 'seal_invalid'
  /** Correctly sealed, but no document with this fingerprint was issued here. */
  | 'unknown_document'
  /** The office's own records of this document do not add up (the audit chain or the record was changed). */
  | 'record_mismatch';

export interface VerifyResult {
  valid: boolean;
  reason: VerifyReason;
  /** German and English explanations for the page. */
  message: Localized;
  sha256: string;
  document?: {
    id: string;
    form: string;
    title: Localized;
    sealedAt: string;
    certificate: string;
    recordsDeleted: boolean;
  };
}

/** Upload refusals of `POST /api/casework/files` (`{ error, message }`). */
export type UploadRefusal =
  | 'empty'
  | 'too_large'
  | 'quota_exceeded'
  | 'type_not_allowed'
  | 'active_content'
  | 'infected'
  | 'scanner_unavailable';
