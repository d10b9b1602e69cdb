/**
 * Why the page cannot open the room, in plain language, and what to do: the link refused (expired, not
 * open yet with the opening time, revoked, invalid, missing), the service unreachable, or busy (too many new
 * sessions from this address: the page tries again by itself).
 */
import type { JSX } from 'preact';
import { formatMoment } from '../../i18n/format.ts';
import type { RoomState } from '../../state.ts';
import { useUi } from '../context.ts';
import { Heading } from '../parts/Heading.tsx';

export function RefusedScreen({ state }: { state: RoomState }): JSX.Element {
  const { client, t, lang } = useUi();
  const refusal = state.refusal ?? { reason: 'invalid', opensAt: null, autoRetry: false };
  const reason = refusal.reason;
  const opensAt = refusal.opensAt ? formatMoment(refusal.opensAt, lang) : '';
  const text =
    reason === 'not_yet_valid' && !opensAt
      ? t('refusedTextNoTime_not_yet_valid')
      : t(`refusedText_${reason}`, { opensAt });
  const help =
    reason === 'not_yet_valid' && refusal.autoRetry ? t('refusedHelpAuto_not_yet_valid') : t(`refusedHelp_${reason}`);
  return (
    <div class="va-message va-message--problem" data-testid="error-message" data-reason={reason}>
      <Heading>{t(`refusedTitle_${reason}`)}</Heading>
      <p>{text}</p>
      <p class="va-message-help">{help}</p>
      {refusal.autoRetry ? (
        <button type="button" class="va-button" onClick={() => void client.retry()}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}

export function UnavailableScreen({ state }: { state: RoomState }): JSX.Element {
  const { client, t } = useUi();
  const busy = state.notice === 'noticeBusy';
  return (
    <div class="va-message va-message--problem" data-testid="error-message" data-reason={busy ? 'busy' : 'unavailable'}>
      <Heading>{t(busy ? 'busyTitle' : 'unavailableTitle')}</Heading>
      <p>{state.notice ? t(state.notice) : t('unavailableText')}</p>
      <button type="button" class="va-button va-button--primary" onClick={() => void client.retry()}>
        {t('retry')}
      </button>
    </div>
  );
}
