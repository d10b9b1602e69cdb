/**
 * The casework panel's logic (lazy chunk): keeps the case as the service last described it (`case:open`,
 * then the notifications), the values being typed but not yet acknowledged, the conflicts to show and the
 * TAN of the current signing. Components read its store and call its verbs; requests go over the room's
 * socket through the CaseworkBridge.
 */
import type {
  SigningPresence,
  FinishAnswer,
  AgendaItemState,
  CaseFileInfo,
  CaseSnapshot,
  DocumentInfo,
  DrawnSignature,
  FieldConflict,
  FieldPresence,
  FieldUpdate,
  FieldValue,
  FormState,
  IdCheckStep,
  IdChecklistItem,
  IdCheckView,
  IdDocumentType,
  StillAnswer,
  StillChunk,
  StillRequest,
  TanChannel,
  TanIssued,
} from '@virtuelles-amt/video-service/contract/casework';
import { RequestError } from '../../signalling/room-socket.ts';
import { createStore, type Store } from '../../store.ts';
import type { CaseworkBridge, CaseworkSignal } from '../bridge.ts';
import { StillExchange, type StillState } from './still-exchange.ts';
import { uploadFile } from './upload.ts';

export { UploadError } from './upload.ts';

/** Typing is sent this long after the last key (blur and Enter send at once). */
export const TYPING_DEBOUNCE_MS = 350;

export interface ShownConflict extends FieldConflict {
  /** Whose value won. */
  by: string;
}

export interface CaseState {
  status: 'loading' | 'ready' | 'failed';
  snapshot: CaseSnapshot | null;
  /** Typed values not yet acknowledged, by `formId|path`. */
  drafts: Record<string, FieldValue>;
  /** The latest conflict per `formId|path` (shown until the field changes again). */
  conflicts: Record<string, ShownConflict>;
  /** A refused change per `formId|path` (the service's message). */
  refused: Record<string, string>;
  /** The TAN of the document being signed (Hidden-TAN: the TAN itself, for the deliberate reveal). */
  tan: (TanIssued & { documentId: string }) | null;
  /** The ID check's still from the citizen's camera: being taken and sent (citizen) or asked for and received (clerk). */
  still: StillState | null;
  /** Clerks: the documents whose signing the citizen has open now (`sign:presence`). */
  signingOpen: string[];
}

export const fieldKey = (formId: string, path: string): string => `${formId}|${path}`;

export class CaseClient {
  readonly store: Store<CaseState> = createStore<CaseState>({
    status: 'loading',
    snapshot: null,
    drafts: {},
    conflicts: {},
    refused: {},
    tan: null,
    still: null,
    signingOpen: [],
  });
  /** The room connection (the fees panel has its own client on it). */
  readonly bridge: CaseworkBridge;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private stopListening: (() => void) | null = null;
  /** Citizen: the documents whose signing is open on this device (the server forgets them when the connection drops). */
  private readonly signingHere = new Set<string>();

  /** The ID check's stills from the citizen's camera (weak connections). */
  readonly stills: StillExchange;

  constructor(bridge: CaseworkBridge) {
    this.bridge = bridge;
    this.stills = new StillExchange(bridge, (still) => this.store.setState({ still }));
  }

  /** Starts listening and opens the case (again on every re-entry). */
  start(): void {
    if (this.stopListening) return;
    this.stopListening = this.bridge.listen((signal) => this.onSignal(signal));
    this.stills.start();
    void this.open();
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = null;
    this.stills.stop();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** The whole case now; subscribes this connection to its notifications. */
  async open(): Promise<void> {
    try {
      const snapshot = await this.bridge.request('case:open', {});
      this.store.setState({ status: 'ready', snapshot });
      // Edits typed while the connection was away are sent now.
      for (const key of Object.keys(this.store.getState().drafts)) this.schedule(key, 0);
      // So is a signing still open here: the server closed it for the clerks when the old connection dropped.
      for (const documentId of this.signingHere)
        this.bridge.request('sign:presence', { documentId, open: true }).catch(() => undefined);
    } catch {
      if (!this.store.getState().snapshot) this.store.setState({ status: 'failed' });
    }
  }

  // ------------------------------------------------------------------ agenda

  setAgendaItem(itemId: string, state: AgendaItemState): Promise<unknown> {
    return this.bridge.request('agenda:set', { itemId, state });
  }

  /**
   * Finishes the case. Without `force` the server finishes nothing while agenda items are open and answers
   * which: the caller shows them and asks again with `force`.
   */
  async finishCase(force = false): Promise<FinishAnswer> {
    const answer = await this.bridge.request('case:finish', force ? { force: true } : {});
    if (answer.finishedAt) {
      const finishedAt = answer.finishedAt;
      this.patchSnapshot(() => ({ finishedAt }));
    }
    return answer;
  }

  // ------------------------------------------------------------------ forms

  /** A typed value: shown at once, sent after a pause (`immediate` for boxes, selects, lists). */
  change(formId: string, path: string, value: FieldValue, immediate = false): void {
    const key = fieldKey(formId, path);
    this.store.setState(({ drafts, conflicts, refused }) => ({
      drafts: { ...drafts, [key]: value },
      conflicts: without(conflicts, key),
      refused: without(refused, key),
    }));
    this.schedule(key, immediate ? 0 : TYPING_DEBOUNCE_MS);
  }

  /** Sends a pending value now (on blur, Enter, before a reload). */
  flush(formId: string, path: string): Promise<void> {
    const key = fieldKey(formId, path);
    if (!(key in this.store.getState().drafts)) return this.inFlight.get(key) ?? Promise.resolve();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    return this.send(key);
  }

  /** Sends every pending value now. */
  flushAll(): void {
    for (const key of Object.keys(this.store.getState().drafts)) {
      const [formId, path] = splitKey(key);
      void this.flush(formId, path);
    }
  }

  focus(formId: string, path: string | null): void {
    void this.bridge.request('form:focus', { formId, field: path }).catch(() => undefined);
  }

  freeze(formId: string): Promise<DocumentInfo> {
    return this.bridge.request('form:freeze', { formId });
  }

  // ------------------------------------------------------------------ ID check

  idStart(documentType: IdDocumentType): Promise<IdCheckView> {
    return this.idRequest(this.bridge.request('idcheck:start', { documentType }));
  }

  idStep(step: IdCheckStep): Promise<IdCheckView> {
    return this.idRequest(this.bridge.request('idcheck:step', { step }));
  }

  idChecklist(item: IdChecklistItem, value: boolean): Promise<IdCheckView> {
    return this.idRequest(this.bridge.request('idcheck:checklist', { item, value }));
  }

  /** Adds one of the check's pickable questions (asked once; again changes nothing). */
  idAsk(questionId: string): Promise<IdCheckView> {
    return this.idRequest(this.bridge.request('idcheck:ask', { questionId }));
  }

  idAnswer(questionId: string, answer: 'correct' | 'incorrect'): Promise<IdCheckView> {
    return this.idRequest(this.bridge.request('idcheck:answer', { questionId, answer }));
  }

  idComplete(verified: boolean, numberLast4: string | null): Promise<IdCheckView> {
    return this.idRequest(this.bridge.request('idcheck:complete', { verified, numberLast4 }));
  }

  idCancel(): Promise<IdCheckView> {
    return this.idRequest(this.bridge.request('idcheck:cancel', {}));
  }

  // ------------------------------------------------------------------ signing and documents

  async signDrawn(documentId: string, signature: DrawnSignature): Promise<DocumentInfo> {
    return this.applyDocument(await this.bridge.request('sign:draw', { documentId, signature }));
  }

  /** Citizen: tells the clerks that the signing of `documentId` is open (or closed) on this device; best effort. */
  signingPresence(documentId: string, open: boolean): void {
    if (open) this.signingHere.add(documentId);
    else this.signingHere.delete(documentId);
    this.bridge.request('sign:presence', { documentId, open }).catch(() => undefined);
  }

  /** A TAN for `documentId`: shown here (Hidden-TAN) or sent by SMS to the form's phone number. */
  async requestTan(documentId: string, channel: TanChannel = 'hidden'): Promise<TanIssued> {
    const issued = await this.bridge.request('sign:requestTan', { documentId, channel });
    this.store.setState({ tan: { ...issued, documentId } });
    return issued;
  }

  async confirmTan(documentId: string, tan: string): Promise<DocumentInfo> {
    const sealed = await this.bridge.request('sign:confirmTan', { documentId, tan });
    this.store.setState({ tan: null });
    return this.applyDocument(sealed);
  }

  /** The link to the citizen's documents page (all sealed documents of the case), for later. */
  documentsPageLink(): Promise<{ url: string; expiresAt: string }> {
    return this.bridge.request('case:documentsLink', {});
  }

  /** Asks the connector to mail the citizen that link (the room never sees the address). */
  mailDocumentsPageLink(): Promise<{ queued: true; expiresAt: string }> {
    return this.bridge.request('case:mailDocumentsLink', {});
  }

  documentLink(documentId: string): Promise<{ url: string; expiresAt: string }> {
    return this.bridge.request('document:link', { documentId });
  }

  /** Uploads a file with progress (0…1); resolves with the stored file (also added to the list) or rejects with an UploadError. */
  async upload(file: File, progress: (fraction: number) => void): Promise<CaseFileInfo> {
    const info = await uploadFile(this.bridge, file, progress);
    this.addFile(info);
    return info;
  }

  // ------------------------------------------------------------------ internals

  private schedule(key: string, delayMs: number): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.send(key);
      }, delayMs),
    );
  }

  /** Sends the pending value of `key` (one request per field at a time; a newer value follows). */
  private async send(key: string): Promise<void> {
    const running = this.inFlight.get(key);
    if (running) {
      await running;
      if (!(key in this.store.getState().drafts)) return;
    }
    const value = this.store.getState().drafts[key];
    if (value === undefined) return;
    const [formId, path] = splitKey(key);
    const form = this.form(formId);
    if (!form) return;
    const baseVersion = form.fields[path]?.version ?? 0;
    const task = (async () => {
      try {
        const update = await this.bridge.request('form:change', { formId, field: path, value, baseVersion });
        this.store.setState(({ drafts }) => (sameValue(drafts[key], value) ? { drafts: without(drafts, key) } : {}));
        this.applyUpdate(update);
      } catch (error) {
        // Offline: kept as a draft and sent again after `case:open`. Refused: shown at the field.
        if (error instanceof RequestError && error.code !== 'timeout') {
          this.store.setState(({ drafts, refused }) => ({
            drafts: without(drafts, key),
            refused: { ...refused, [key]: error.message },
          }));
        }
      }
    })();
    this.inFlight.set(key, task);
    await task;
    if (this.inFlight.get(key) === task) this.inFlight.delete(key);
  }

  private form(formId: string): FormState | undefined {
    return this.store.getState().snapshot?.forms.find((form) => form.id === formId);
  }

  private patchSnapshot(patch: (snapshot: CaseSnapshot) => Partial<CaseSnapshot>): void {
    this.store.setState(({ snapshot }) => (snapshot ? { snapshot: { ...snapshot, ...patch(snapshot) } } : {}));
  }

  private patchForm(formId: string, patch: (form: FormState) => Partial<FormState>): void {
    this.patchSnapshot(({ forms }) => ({
      forms: forms.map((form) => (form.id === formId ? { ...form, ...patch(form) } : form)),
    }));
  }

  private applyUpdate(update: FieldUpdate): void {
    this.patchForm(update.formId, (form) => {
      const existing = form.fields[update.field];
      if (existing && existing.version > update.version) return {};
      const fields = { ...form.fields };
      for (const removed of update.removed) delete fields[removed];
      if (update.value === null) delete fields[update.field];
      else
        fields[update.field] = {
          value: update.value,
          version: update.version,
          by: update.by,
          updatedAt: update.updatedAt,
        };
      return { fields, issues: update.issues, version: Math.max(form.version, update.formVersion) };
    });
    const key = fieldKey(update.formId, update.field);
    if (update.conflict) {
      const conflict: ShownConflict = { ...update.conflict, by: update.by };
      this.store.setState(({ conflicts }) => ({ conflicts: { ...conflicts, [key]: conflict } }));
    }
  }

  private applyDocument(document: DocumentInfo): DocumentInfo {
    this.patchSnapshot(({ documents }) => ({
      documents: documents.some((d) => d.id === document.id)
        ? documents.map((d) => (d.id === document.id ? document : d))
        : [...documents, document],
    }));
    if (document.status === 'sealed') {
      this.patchSnapshot(({ forms }) => ({
        forms: forms.map((form) =>
          form.id === document.formId ? { ...form, status: 'sealed', documentId: document.id } : form,
        ),
      }));
    }
    return document;
  }

  private addFile(file: CaseFileInfo): void {
    this.patchSnapshot(({ files, uploads }) =>
      files.some((f) => f.id === file.id)
        ? {}
        : { files: [...files, file], uploads: { ...uploads, usedBytes: uploads.usedBytes + file.size } },
    );
  }

  private async idRequest(request: Promise<IdCheckView>): Promise<IdCheckView> {
    const view = await request;
    this.patchSnapshot(() => ({ idCheck: view }));
    return view;
  }

  private onSignal(signal: CaseworkSignal): void {
    if (signal.kind === 'entered') {
      void this.open();
      return;
    }
    // `payment` is the fees panel's (fees-client.ts); the case client has no handler for it.
    const handler = (this.handlers as Partial<Record<string, (payload: unknown) => void>>)[signal.event];
    handler?.(signal.payload);
  }

  private readonly handlers: { [E in keyof Handlers]: (payload: Handlers[E]) => void } = {
    'case:agenda': (agenda) => this.patchSnapshot(() => ({ agenda })),
    'form:field': (update) => this.applyUpdate(update),
    'form:presence': (presence) =>
      this.patchSnapshot(({ presence: all }) => ({
        presence: [
          ...all.filter((p) => !(p.participantId === presence.participantId && p.formId === presence.formId)),
          ...(presence.field ? [presence] : []),
        ],
      })),
    'form:status': ({ formId, status, documentId }) => this.patchForm(formId, () => ({ status, documentId })),
    'idcheck:state': (view) => this.patchSnapshot(() => ({ idCheck: view })),
    'idcheck:stillRequested': (request) => void this.stills.answer(request),
    'idcheck:stillChunk': (chunk) => this.stills.relayedChunk(chunk),
    'idcheck:stillAnswer': (answer) => this.stills.answered(answer),
    'document:updated': (document) => void this.applyDocument(document),
    'sign:presence': ({ documentId, open }) =>
      this.store.setState(({ signingOpen }) => ({
        signingOpen: [...signingOpen.filter((id) => id !== documentId), ...(open ? [documentId] : [])],
      })),
    'file:added': (file) => this.addFile(file),
    'case:finished': ({ finishedAt }) => this.patchSnapshot(() => ({ finishedAt })),
  };
}

interface Handlers {
  'case:agenda': CaseSnapshot['agenda'];
  'form:field': FieldUpdate;
  'form:presence': FieldPresence;
  'form:status': { formId: string; status: FormState['status']; documentId: string | null };
  'idcheck:state': IdCheckView;
  'idcheck:stillRequested': StillRequest & { clerkId: string };
  'idcheck:stillChunk': StillChunk;
  'idcheck:stillAnswer': StillAnswer;
  'document:updated': DocumentInfo;
  'sign:presence': SigningPresence;
  'file:added': CaseFileInfo;
  'case:finished': { finishedAt: string };
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf('|');
  return [key.slice(0, at), key.slice(at + 1)];
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}

function sameValue(a: FieldValue | undefined, b: FieldValue): boolean {
  return Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((v, i) => v === b[i]) : a === b;
}
