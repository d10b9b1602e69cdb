/**
 * The casework side panel next to the video (lazy chunk): tabs for the agenda, the form, the ID check and
 * the documents and files. The clerk leads; both sides see the same case. Opens the case on mount and
 * again whenever the participant (re)enters the call.
 */
import { Component, type ComponentChildren, type JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { RoomClient } from '../../room-client.ts';
import type { RoomState } from '../../state.ts';
import { useUi } from '../../ui/context.ts';
import { AgendaTab } from './AgendaTab.tsx';
import type { CaseState } from './case-client.ts';
import { caseClientOf } from './case-clients.ts';
export { IdCheckOverlay } from './IdCheckOverlay.tsx';
import { CaseContext, useCase, type CaseUi, type Participant } from './case-context.ts';
import { DocumentsTab } from './DocumentsTab.tsx';
import { FeesTab } from './FeesTab.tsx';
import { FormTab } from './FormTab.tsx';
import { IdCheckTab } from './IdCheckTab.tsx';
import { CitizenStillStatus } from './CitizenStillStatus.tsx';
import { stillsAdvised } from './still-transfer.ts';
import { useSettledNotice } from './settled-notice.ts';
import { caseTranslator, loadCaseTexts, type CaseTextKey } from './texts.ts';

/**
 * Starts the room's case client without the panel (issue 11, items 9 and 10): the case is opened as soon as
 * this chunk is loaded, so the ID check's steps and the clerk's still requests reach a phone whose panel
 * is closed. Safe to call again.
 */
export function startCaseClient(client: RoomClient): void {
  caseClientOf(client).start();
}

const TABS = [
  { id: 'agenda', label: 'tabAgenda', View: AgendaTab },
  { id: 'form', label: 'tabForm', View: FormTab },
  { id: 'idcheck', label: 'tabIdCheck', View: IdCheckTab },
  { id: 'documents', label: 'tabDocuments', View: DocumentsTab },
  { id: 'fees', label: 'tabFees', View: FeesTab },
] as const satisfies readonly { id: string; label: CaseTextKey; View: () => JSX.Element }[];
type TabId = (typeof TABS)[number]['id'];

export function CaseworkPanel({ room, onClose }: { room: RoomState; onClose: () => void }): JSX.Element {
  const { client, lang } = useUi();
  const cases = caseClientOf(client);
  const [state, setState] = useState<CaseState>(cases.store.getState());
  const [tab, setTab] = useState<TabId>('agenda');
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    const unsubscribe = cases.store.subscribe(setState);
    cases.start();
    setState(cases.store.getState());
    const flush = (): void => cases.flushAll();
    addEventListener('pagehide', flush);
    return () => {
      unsubscribe();
      removeEventListener('pagehide', flush);
    };
  }, [cases]);
  // Languages other than German and English are chunks of their own: German shows until one arrives.
  const [textsLoaded, setTextsLoaded] = useState(0);
  useEffect(() => {
    let current = true;
    loadCaseTexts(lang).then(
      () => current && setTextsLoaded((n) => n + 1),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [lang]);
  const ct = useMemo(() => caseTranslator(lang), [lang, textsLoaded]);
  const selfId = room.self?.id ?? '';
  const role = room.self?.role ?? 'guest';
  // The room state changes many times a second (quality, speakers); the panel needs only who is there.
  const participantsKey = Object.values(room.peers)
    .map(({ info }) => `${info.id}\u0000${info.role}\u0000${info.name}`)
    .join('\u0001');
  const participants = useMemo<Participant[]>(
    () =>
      participantsKey
        ? participantsKey.split('\u0001').map((entry) => {
            const [id, role, name] = entry.split('\u0000') as [string, Participant['role'], string];
            return { id, role, name };
          })
        : [],
    [participantsKey],
  );
  const weakConnection =
    stillsAdvised(room.quality?.level) ||
    Object.values(room.peers).some((peer) => peer.info.role === 'citizen' && stillsAdvised(peer.quality?.level));
  const ui = useMemo<CaseUi>(
    () => ({
      weakConnection,
      cases,
      state,
      participants,
      ct,
      lang,
      role,
      selfId,
      who: (id) => {
        const peer = participants.find((p) => p.id === id);
        if (peer) return peer.name || ct(peer.role === 'clerk' ? 'whoClerk' : 'whoCitizen');
        if (id.startsWith('clerk-')) return ct('whoClerk');
        if (id.startsWith('citizen-')) return ct('whoCitizen');
        return ct('whoSomeone');
      },
      fail: (error) =>
        setFailure(ct('actionFailed', { message: error instanceof Error ? error.message : String(error) })),
    }),
    [cases, state, participants, ct, lang, role, selfId, weakConnection],
  );

  const onKey = (event: KeyboardEvent): void => {
    const index = TABS.findIndex((t) => t.id === tab);
    // In a right-to-left language the next tab is on the left (WAI-ARIA tabs pattern).
    const forward = document.documentElement.dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const backward = forward === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight';
    const next = event.key === forward ? index + 1 : event.key === backward ? index - 1 : null;
    if (next === null) return;
    event.preventDefault();
    const target = TABS[(next + TABS.length) % TABS.length]!;
    setTab(target.id);
    document.getElementById(`va-case-tab-${target.id}`)?.focus();
  };

  return (
    <CaseContext.Provider value={ui}>
      <aside class="va-case" aria-label={ct('panelLabel')} data-testid="case-panel">
        <div class="va-case-head">
          <h2 class="va-case-title">{ct('panelLabel')}</h2>
          <button
            type="button"
            class="va-case-close"
            onClick={onClose}
            aria-label={ct('panelToggle')}
            data-testid="case-close"
          >
            ×
          </button>
        </div>
        <div class="va-case-tabs" role="tablist" aria-label={ct('panelLabel')} onKeyDown={onKey}>
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`va-case-tab-${t.id}`}
              aria-selected={t.id === tab}
              // Only while the panels exist (they appear once the case has loaded): a reference to a missing id is invalid ARIA.
              aria-controls={state.status === 'ready' && state.snapshot ? `va-case-panel-${t.id}` : undefined}
              tabIndex={t.id === tab ? 0 : -1}
              class="va-case-tab"
              onClick={() => setTab(t.id)}
              data-testid={`case-tab-${t.id}`}
            >
              {ct(t.label)}
            </button>
          ))}
        </div>
        {failure ? (
          <p class="va-case-alert" role="alert" data-testid="case-error">
            {failure}
            <button type="button" class="va-case-link" onClick={() => setFailure(null)}>
              OK
            </button>
          </p>
        ) : null}
        {role === 'citizen' && tab !== 'documents' && awaitsSignature(state) ? (
          <SignPrompt onGo={() => goSign(setTab)} />
        ) : null}
        {role === 'clerk' ? null : <CitizenStill state={state} />}
        {state.snapshot?.finishedAt ? <p class="va-case-note">{ct('finished')}</p> : null}
        {state.status === 'ready' && state.snapshot ? (
          TABS.map((t) => (
            <div
              key={t.id}
              class="va-case-body"
              role="tabpanel"
              id={`va-case-panel-${t.id}`}
              aria-labelledby={`va-case-tab-${t.id}`}
              hidden={t.id !== tab}
              data-testid={`case-panel-${t.id}`}
            >
              <Gate ui={ui}>
                <t.View />
              </Gate>
            </div>
          ))
        ) : (
          <div class="va-case-body">
            {state.status === 'failed' ? (
              <p>
                {ct('loadFailed')}{' '}
                <button type="button" class="va-case-button" onClick={() => void cases.open()}>
                  {ct('retry')}
                </button>
              </p>
            ) : (
              <p>{ct('loading')}</p>
            )}
          </div>
        )}
      </aside>
    </CaseContext.Provider>
  );
}

/** Re-renders a tab only when the case view changed, not on every change of the room around it. */
class Gate extends Component<{ ui: CaseUi; children: ComponentChildren }> {
  override shouldComponentUpdate(next: { ui: CaseUi }): boolean {
    return next.ui !== this.props.ui;
  }

  override render(): ComponentChildren {
    return this.props.children;
  }
}

/** A document of this case waits for the citizen's signature (and the case is not finished). */
function awaitsSignature(state: CaseState): boolean {
  return (
    !state.snapshot?.finishedAt &&
    (state.snapshot?.documents.some((doc) => doc.status === 'awaiting_signature') ?? false)
  );
}

/** To the signing, from whichever tab: the documents tab, focus on the first way to sign. */
function goSign(setTab: (tab: TabId) => void): void {
  setTab('documents');
  // After the tab change has rendered (Preact renders on a later tick).
  setTimeout(
    () => document.querySelector<HTMLElement>('[data-testid="signing"] [data-testid="sign-method-draw"]')?.focus(),
    50,
  );
}

/**
 * What is asked of the citizen next (issue 11, item 13): a signature, shown above every tab but the one where
 * the signing is, with one button straight to it. A status, so a screen reader hears it once when it appears.
 */
function SignPrompt({ onGo }: { onGo: () => void }): JSX.Element {
  const { ct } = useCase();
  return (
    <p class="va-case-prompt" role="status" data-testid="sign-prompt">
      <span>{ct('signPromptText')}</span>
      <button type="button" class="va-case-button" onClick={onGo} data-testid="sign-prompt-go">
        {ct('signPromptButton')}
      </button>
    </p>
  );
}

/** The citizen's photo notice; once the photo has arrived it can be dismissed and goes by itself (issue 11, item 13). */
function CitizenStill({ state }: { state: CaseState }): JSX.Element {
  const { ct } = useCase();
  const [still, dismiss] = useSettledNotice(
    state.still,
    (s) => s.side === 'citizen' && s.phase === 'sent',
    state.snapshot?.idCheck?.step ?? null,
  );
  const arrived = still?.side === 'citizen' && still.phase === 'sent';
  return (
    <div class="va-case-notice">
      <CitizenStillStatus still={still} ct={ct} />
      {arrived ? (
        <button type="button" class="va-case-link" onClick={dismiss} data-testid="notice-dismiss">
          {ct('noticeDismiss')}
        </button>
      ) : null}
    </div>
  );
}
