/**
 * "Geräte prüfen" in the call (issue 13): a clerk's link goes straight into the call, so the device check of the
 * page before joining — own picture, microphone level, camera/microphone/loudspeaker choice, loudspeaker test,
 * connection check — opens on request, over the running call. A modal <dialog>: the call behind it is inert
 * (the focus stays inside), Escape closes it, and the focus goes back to what opened it. Part of the call
 * view's chunk, so it costs the page before the call nothing. Test hooks: `device-check-button`,
 * `device-check-dialog`, `device-check-close`, `call-device-problem`.
 */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { RoomState } from '../../state.ts';
import { useUi } from '../context.ts';
import { ConnectionCheck } from './ConnectionCheck.tsx';
import { DeviceProblem } from './DeviceProblem.tsx';
import { DeviceSettings, SpeakerTest } from './DeviceSettings.tsx';
import { LevelMeter } from './LevelMeter.tsx';
import { SelfView } from './SelfView.tsx';

/** Camera and sliders: the icon of the call's "check devices" control (decorative, the label names it). */
function DevicesIcon(): JSX.Element {
  return (
    <svg class="va-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d="M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1" />
      <circle cx="15" cy="6" r="2" />
      <circle cx="9" cy="12" r="2" />
      <circle cx="17" cy="18" r="2" />
    </svg>
  );
}

/** The control in the call's bar that opens the check. */
export function DeviceCheckButton({ onOpen }: { onOpen: () => void }): JSX.Element {
  const { t } = useUi();
  return (
    <button type="button" class="va-toggle" aria-haspopup="dialog" onClick={onOpen} data-testid="device-check-button">
      <DevicesIcon />
      <span class="va-toggle-label">{t('deviceCheckButton')}</span>
    </button>
  );
}

/**
 * Camera or microphone could not be opened on entering: the clerk is in the call anyway. Short on purpose (a
 * phone's call has no room for the whole explanation above its controls): what is wrong, that the call goes on,
 * the retry, and the device check, which says why and how to fix it. Shown in the call's notice area.
 */
export function CallDeviceProblem({ state, onOpen }: { state: RoomState; onOpen: () => void }): JSX.Element | null {
  const { client, t } = useUi();
  const { local } = state;
  if (!local.problem || local.acquiring) return null;
  return (
    <div class="va-callout va-callout--warning" role="alert" data-testid="call-device-problem">
      <p>
        <strong>{t('deviceProblemTitle')}</strong>
        <br />
        {t('deviceProblemInCall')}
      </p>
      <div class="va-callout-actions">
        <button type="button" class="va-button" onClick={() => void client.media.preview()}>
          {t('retry')}
        </button>
        <button type="button" class="va-button" aria-haspopup="dialog" onClick={onOpen}>
          {t('deviceCheckButton')}
        </button>
      </div>
    </div>
  );
}

const FOCUSABLE = 'a[href], button:not([disabled]), select:not([disabled]), input:not([disabled]), summary';

/**
 * Tab from the last control goes to the first, Shift+Tab from the first to the last: a modal <dialog> makes the
 * call inert, but the browser would still let the focus leave the page for its own toolbar.
 */
function keepFocusInside(event: KeyboardEvent): void {
  if (event.key !== 'Tab') return;
  const dialog = event.currentTarget as HTMLElement;
  const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (!first || !last) return;
  if (event.shiftKey ? document.activeElement === first : document.activeElement === last) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
}

export function DeviceCheckDialog({ state, onClose }: { state: RoomState; onClose: () => void }): JSX.Element {
  const { client, t } = useUi();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    // Where the focus was (the button that opened it): given back on closing, also when the dialog is unmounted
    // by a screen change rather than closed.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal?.();
    // The network may have changed since the call began: the check runs afresh each time it is opened.
    void client.checks.run();
    return () => {
      element?.close?.();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  const { local } = state;
  return (
    <dialog
      ref={dialog}
      class="va-dialog va-device-dialog"
      aria-labelledby="va-device-check-title"
      onClose={onClose}
      onCancel={onClose}
      onKeyDown={keepFocusInside}
      data-testid="device-check-dialog"
    >
      <h2 id="va-device-check-title" class="va-dialog-title">
        {t('deviceCheckButton')}
      </h2>
      <div class="va-device-dialog-body">
        <div class="va-device-dialog-media">
          <SelfView local={local} />
          <LevelMeter stream={local.stream} on={local.audio} />
          <SpeakerTest state={state} />
        </div>
        <div class="va-device-dialog-settings">
          <DeviceProblem local={local} hint="deviceProblemInCall" />
          <DeviceSettings state={state} expanded />
          <ConnectionCheck state={state} inCall />
        </div>
      </div>
      <div class="va-form-actions">
        <button
          type="button"
          class="va-button va-button--primary"
          onClick={() => dialog.current?.close()}
          data-testid="device-check-close"
        >
          {t('deviceCheckClose')}
        </button>
      </div>
    </dialog>
  );
}
