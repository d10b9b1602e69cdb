/**
 * What the citizen's device is doing with the photo the clerk asked for (ID check, "stills" mode), in a live
 * region outside the tabs, so it is seen and announced whichever tab is open.
 */
import type { JSX } from 'preact';
import type { StillState } from './still-exchange.ts';
import type { CaseTranslate } from './texts.ts';

export function CitizenStillStatus({ still, ct }: { still: StillState | null; ct: CaseTranslate }): JSX.Element {
  const mine = still?.side === 'citizen' ? still : null;
  const text = !mine
    ? ''
    : mine.phase === 'capturing'
      ? ct('idStillCapturing')
      : mine.phase === 'sending'
        ? ct('idStillSending', { percent: Math.floor(mine.progress * 100) })
        : mine.phase === 'sent'
          ? ct('idStillSent')
          : mine.reason === 'camera_off'
            ? ct('idStillCameraOff')
            : ct('idStillSendFailed');
  return (
    <p
      class={mine ? 'va-case-note' : 'va-visually-hidden'}
      role="status"
      aria-live="polite"
      data-testid="idcheck-still-status"
      data-phase={mine?.phase ?? ''}
      data-via={mine?.via ?? ''}
      data-reason={mine?.reason ?? ''}
    >
      {text}
    </p>
  );
}
