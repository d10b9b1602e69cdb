/**
 * The connection check before joining: the browser, the connection to the video service, and the network
 * path for picture and sound (TURN relay reachable). Each line says its result in words (and an icon), not by
 * colour alone; a blocked network path also says what to do. The list is a polite live region, so results
 * are read out as they arrive.
 */
import type { JSX } from 'preact';
import type { CheckStatus } from '../../checks/connectivity.ts';
import type { RoomState } from '../../state.ts';
import { useUi } from '../context.ts';
import { StatusIcon } from './icons.tsx';

/**
 * `inCall`: shown in the call's device check (a clerk's), where "checked as soon as you enter" would be wrong:
 * without ICE servers to probe, the call's own quality indicator is the measure.
 */
export function ConnectionCheck({ state, inCall = false }: { state: RoomState; inCall?: boolean }): JSX.Element {
  const { client, t } = useUi();
  const { checks } = state;
  const browser: Exclude<CheckStatus, 'pending'> = checks.advice.some(
    (advice) => advice === 'no_webrtc' || advice === 'insecure',
  )
    ? 'fail'
    : checks.advice.length > 0
      ? 'warn'
      : 'ok';
  const signalling = checks.signalling === 'later' ? 'pending' : checks.signalling;
  const rows: Array<{ id: string; status: CheckStatus; label: string; advice?: string | undefined }> = [
    { id: 'browser', status: browser, label: t(`checkBrowser_${browser}`) },
    { id: 'signalling', status: signalling, label: t(`checkSignalling_${signalling}`) },
    {
      id: 'media',
      status: checks.media,
      label: inCall && checks.media === 'later' ? t('checkMedia_inCall') : t(`checkMedia_${checks.media}`),
      advice: networkAdvice(checks.media, t),
    },
  ];
  const running = checks.signalling === 'pending' || checks.media === 'pending';
  return (
    <section class="va-panel" aria-labelledby="va-checks-title" data-testid="connectivity-check">
      <h2 id="va-checks-title" class="va-panel-title">
        {t('checksTitle')}
      </h2>
      <ul class="va-checks" aria-live="polite">
        {rows.map((row) => (
          <li
            key={row.id}
            class={`va-check va-check--${row.status}`}
            data-testid={`check-${row.id}`}
            data-status={row.status}
          >
            <StatusIcon status={row.status} />
            <div>
              <span>{row.label}</span>
              {row.advice ? (
                <p class="va-check-advice" data-testid={`check-${row.id}-advice`}>
                  {row.advice}
                </p>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      <button
        type="button"
        class="va-button va-button--quiet"
        disabled={running}
        onClick={() => void client.checks.run()}
      >
        {t('checksAgain')}
      </button>
    </section>
  );
}

/** What to do when the network blocks the relay (`warn`: may still work directly; `fail`: no call possible). */
export function networkAdvice(status: CheckStatus, t: ReturnType<typeof useUi>['t']): string | undefined {
  if (status === 'warn') return t('checkMediaAdvice_warn');
  if (status === 'fail') return t('checkMediaAdvice_fail');
  return undefined;
}
