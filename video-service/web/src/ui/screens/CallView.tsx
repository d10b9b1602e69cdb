/**
 * The call: the others' video in a responsive grid (up to four tiles), the own picture small, the
 * connection quality, the chat, and the controls — microphone, camera, switch camera, screen share, chat,
 * leave, and for clerks "end for everyone", the waiting room and the device check on request (they skip the
 * page before joining). Next to it the casework panel (agenda, form, ID check, documents), a lazy chunk
 * (casework/panel/). The panel comes second: its chunk is fetched
 * once the call's media has settled, and while a connection is being set up it does not follow the room's
 * changes (ui/media-settling.ts), so that people see each other sooner.
 */
import { Component, type ComponentChildren, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { RoomClient } from '../../room-client.ts';
import type { IdCheckOverlayView } from '../../casework/panel/IdCheckOverlay.tsx';
import type { RoomState } from '../../state.ts';
import { useUi } from '../context.ts';
import { ChatPanel } from '../parts/ChatPanel.tsx';
import { CallDeviceProblem, DeviceCheckButton, DeviceCheckDialog } from '../parts/DeviceCheckDialog.tsx';
import { DeviceToggles } from '../parts/DeviceToggles.tsx';
import { EndDialog } from '../parts/EndDialog.tsx';
import { Heading } from '../parts/Heading.tsx';
import { CaseIcon, ChatIcon, EndIcon, LeaveIcon, ScreenIcon, SwitchCameraIcon } from '../parts/icons.tsx';
import { Lobby } from '../parts/Lobby.tsx';
import { QualityBadge } from '../parts/QualityBadge.tsx';
import { RemoteTile } from '../parts/RemoteTile.tsx';
import { SelfView } from '../parts/SelfView.tsx';
import { useMediaSettling } from '../media-settling.ts';

/** Phones and tablets can swap front and back camera even when the browser lists only one. */
const touchDevice = (): boolean => (globalThis.navigator?.maxTouchPoints ?? 0) > 0;
type CaseworkPanelView = (props: { room: RoomState; onClose: () => void }) => JSX.Element;
/**
 * The casework panel is a lazy chunk: never before the call, and in the call only once the media settled
 * (loading, drawing and opening the case would otherwise slow down the connection set-up). Kept once loaded.
 */
let caseworkPanel: Promise<CaseworkPanelView> | undefined;
let loadedPanel: CaseworkPanelView | null = null;
let startCase: ((client: RoomClient) => void) | null = null;
/** The ID check's step over the citizen's call (in the same chunk). */
let idCheckOverlay: IdCheckOverlayView | null = null;
const loadCaseworkPanel = (): Promise<CaseworkPanelView> =>
  (caseworkPanel ??= import('../../casework/panel/CaseworkPanel.tsx').then((module) => {
    startCase = module.startCaseClient;
    idCheckOverlay = module.IdCheckOverlay;
    return (loadedPanel = module.CaseworkPanel);
  }));
/** Wide screens show the casework panel next to the video from the start; phones open it on demand. */
const wideScreen = (): boolean => globalThis.matchMedia?.('(min-width: 60rem)').matches ?? true;

const canShareScreen = (): boolean => typeof globalThis.navigator?.mediaDevices?.getDisplayMedia === 'function';

export function CallView({ state }: { state: RoomState }): JSX.Element {
  const { client, t } = useUi();
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [checkingDevices, setCheckingDevices] = useState(false);
  const [Panel, setPanel] = useState<CaseworkPanelView | null>(() => loadedPanel);
  const [caseOpen, setCaseOpen] = useState(wideScreen);
  const peers = Object.values(state.peers);
  const media = useMediaSettling(peers);
  useEffect(() => {
    if (!media.settledOnce || Panel) return;
    let live = true;
    loadCaseworkPanel().then(
      (view) => {
        // The case opens with the chunk, panel shown or not: requests of the clerk must reach a closed panel too.
        startCase?.(client);
        if (live) setPanel(() => view);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [media.settledOnce, Panel]);
  const isClerk = state.self?.role === 'clerk';
  const Overlay = idCheckOverlay;
  const selfId = state.self?.id ?? null;
  const title = state.appointment?.title || t('appointmentFallbackTitle');
  const { local } = state;
  // The clerk came straight in (no device check before): a device problem is said in the call, with the fix
  // (the dialog says it itself while open).
  const deviceProblem = isClerk && Boolean(local.problem) && !local.acquiring && !checkingDevices;
  const mayShare = isClerk || (selfId !== null && state.screenShareAllowed.includes(selfId));
  const canSwitch = local.hasVideo && !local.screen && (state.devices.cameras.length > 1 || touchDevice());
  return (
    <div class={`va-callcase ${caseOpen && Panel ? 'va-callcase--open' : ''}`}>
      <div
        class={`va-call ${isClerk ? 'va-call--clerk' : ''} ${state.chatOpen ? 'va-call--chat' : ''}`}
        data-testid="call-view"
      >
        <Heading hidden>{t('callTitle', { title })}</Heading>
        {isClerk ? <Lobby waiting={state.waiting} busy={state.admitting} /> : null}
        <div class="va-stage">
          <div class="va-stage-status">
            {peers.length > 0 ? <QualityBadge report={state.quality} testId="quality-indicator" /> : null}
            {local.screen ? <span class="va-sharing-note">{t('youAreSharing')}</span> : null}
          </div>
          {/* Always in the page, so that the notice is read when it appears (sfu:restart, media restoring). */}
          <div class="va-restoring-region" role="status" aria-live="polite">
            {state.mediaRestoring ? (
              <p class="va-restoring" data-testid="media-restoring">
                <span class="va-spinner" aria-hidden="true" />
                <span>{t('mediaRestoring')}</span>
              </p>
            ) : null}
          </div>
          <div class={`va-tiles va-tiles--${Math.min(peers.length, 4)}`}>
            {peers.length > 0 ? (
              peers.map((peer) => (
                <RemoteTile
                  key={peer.info.id}
                  peer={peer}
                  manage={isClerk && peer.info.role !== 'clerk'}
                  mayShare={state.screenShareAllowed.includes(peer.info.id)}
                  busy={state.admitting.includes(peer.info.id)}
                  speaking={state.activeSpeaker === peer.info.id}
                  sinkId={state.speakerId}
                  onPicture={media.pictured}
                />
              ))
            ) : (
              <p class="va-stage-empty">{isClerk ? t('nobodyHereClerk') : t('nobodyHereCitizen')}</p>
            )}
          </div>
          {Panel && Overlay && !isClerk ? <Overlay client={client} panelOpen={caseOpen} /> : null}
          <div class="va-pip">
            <SelfView local={local} compact />
          </div>
        </div>
        {state.chatOpen ? <ChatPanel messages={state.chat} selfId={selfId} /> : null}
        {state.notice || deviceProblem ? (
          <div class="va-call-notices">
            {state.notice ? (
              <p class="va-notice" role="alert">
                {t(state.notice)}
              </p>
            ) : null}
            {deviceProblem ? <CallDeviceProblem state={state} onOpen={() => setCheckingDevices(true)} /> : null}
          </div>
        ) : null}
        <div class="va-controls" role="group" aria-label={t('callControlsLabel')}>
          <DeviceToggles local={local} testIds />
          {canSwitch ? (
            <button
              type="button"
              class="va-toggle"
              onClick={() => void client.media.switchCamera()}
              data-testid="camera-switch"
            >
              <SwitchCameraIcon />
              <span class="va-toggle-label">{t('switchCamera')}</span>
            </button>
          ) : null}
          {mayShare && canShareScreen() ? (
            <button
              type="button"
              class="va-toggle va-toggle--latch"
              aria-pressed={local.screen}
              onClick={() => void client.media.toggleScreenShare()}
              data-testid="screen-share-toggle"
            >
              <ScreenIcon />
              <span class="va-toggle-label">{t('screenShare')}</span>
            </button>
          ) : null}
          <button
            type="button"
            class="va-toggle va-toggle--latch"
            aria-pressed={state.chatOpen}
            onClick={() => client.chat.toggle()}
            data-testid="chat-toggle"
          >
            <ChatIcon />
            <span class="va-toggle-label">{t('chatButton')}</span>
            {state.chatUnread > 0 ? (
              <span class="va-badge" data-testid="chat-unread">
                {state.chatUnread}
                <span class="va-visually-hidden"> {t('chatUnread')}</span>
              </span>
            ) : null}
          </button>
          {Panel ? (
            <button
              type="button"
              class="va-toggle va-toggle--latch"
              aria-pressed={caseOpen}
              onClick={() => setCaseOpen(!caseOpen)}
              data-testid="case-toggle"
            >
              <CaseIcon />
              <span class="va-toggle-label">{t('caseButton')}</span>
            </button>
          ) : null}
          <button
            type="button"
            class="va-toggle va-toggle--leave"
            onClick={() => void client.leave()}
            data-testid="leave-button"
          >
            <LeaveIcon />
            <span class="va-toggle-label">{t('leaveButton')}</span>
          </button>
          {isClerk ? <DeviceCheckButton onOpen={() => setCheckingDevices(true)} /> : null}
          {isClerk ? (
            <button
              type="button"
              class="va-toggle va-toggle--end"
              onClick={() => setConfirmEnd(true)}
              data-testid="end-button"
            >
              <EndIcon />
              <span class="va-toggle-label">{t('endButton')}</span>
            </button>
          ) : null}
        </div>
        {confirmEnd ? <EndDialog busy={state.admitting.includes('room')} onClose={() => setConfirmEnd(false)} /> : null}
        {checkingDevices ? <DeviceCheckDialog state={state} onClose={() => setCheckingDevices(false)} /> : null}
      </div>
      {Panel && caseOpen ? (
        <Hold hold={media.settling}>
          <Panel room={state} onClose={() => setCaseOpen(false)} />
        </Hold>
      ) : null}
    </div>
  );
}

/** Renders its children again only while `hold` is false (their own state changes still show at once). */
class Hold extends Component<{ hold: boolean; children: ComponentChildren }> {
  override shouldComponentUpdate(next: { hold: boolean }): boolean {
    return !next.hold;
  }

  override render(): ComponentChildren {
    return this.props.children;
  }
}
