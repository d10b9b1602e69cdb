/**
 * The citizen's waiting room: what is happening ("the clerk will let you in" / "has not arrived yet"),
 * when the appointment starts, the clerk's estimated waiting time, what the clerk wrote, whether they were sent back, the own picture, and —
 * when the network blocks the relay for picture and sound — what to do while there is still time.
 */
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import type { WaitingEstimate } from '@virtuelles-amt/video-service/contract/signalling';
import { formatAppointmentStart, formatClockIn, formatMinutes } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/index.ts';
import type { RoomState } from '../../state.ts';
import { useNow, useUi } from '../context.ts';
import { AppointmentWhen } from '../parts/AppointmentWhen.tsx';
import { networkAdvice } from '../parts/ConnectionCheck.tsx';
import { DeviceToggles } from '../parts/DeviceToggles.tsx';
import { Heading } from '../parts/Heading.tsx';
import { SelfView } from '../parts/SelfView.tsx';

export function WaitingRoomScreen({ state }: { state: RoomState }): JSX.Element {
  const { client, t, lang } = useUi();
  const { appointment, local } = state;
  const now = useNow(30_000);
  const startsLater = appointment !== null && Date.parse(appointment.start) > now;
  // A tab that came straight here (reload) skipped the device check: check the network path now.
  useEffect(() => void client.checks.ensure(), [client]);
  const advice = networkAdvice(state.checks.media, t);
  const estimate = waitingEstimateText(state.waitingEstimate, t, lang, appointment?.tz);
  return (
    <div class="va-waiting" data-testid="waiting-room">
      <div class="va-waiting-info">
        <span class="va-pulse" aria-hidden="true" />
        <Heading>{t('waitingTitle')}</Heading>
        {state.returnedToLobby ? (
          <p class="va-callout va-callout--info" data-testid="returned-notice">
            {t('waitingReturned')}
          </p>
        ) : null}
        <p
          class="va-lead"
          aria-live="polite"
          data-testid="waiting-status"
          data-clerk-present={String(state.clerkPresent)}
        >
          {state.clerkPresent ? t('waitingText') : t('waitingNoClerk')}
        </p>
        {startsLater && appointment ? (
          <p data-testid="waiting-starts-at">
            {t('waitingStartsAt', { time: formatAppointmentStart(appointment, lang) })}
          </p>
        ) : null}
        <p>{t('waitingKeepOpen')}</p>
        <div aria-live="polite" data-testid="waiting-network" data-status={state.checks.media}>
          {advice ? (
            <div class={`va-callout ${state.checks.media === 'fail' ? 'va-callout--problem' : 'va-callout--warning'}`}>
              <p>
                <strong>{t(`checkMedia_${state.checks.media}`)}</strong> {advice}
              </p>
              <button type="button" class="va-button va-button--quiet" onClick={() => void client.checks.run()}>
                {t('checksAgain')}
              </button>
            </div>
          ) : null}
        </div>
        <div aria-live="polite" data-testid="waiting-estimate">
          {estimate ? <p class="va-callout va-callout--info">{estimate}</p> : null}
        </div>
        {state.lobbyMessages.length > 0 ? (
          <section class="va-quote" aria-labelledby="va-lobby-messages">
            <h2 id="va-lobby-messages" class="va-quote-label">
              {t('lobbyMessagesTitle')}
            </h2>
            <ul class="va-quote-list" data-testid="lobby-messages">
              {state.lobbyMessages.map((message) => (
                <li key={message.id}>{message.text}</li>
              ))}
            </ul>
          </section>
        ) : null}
        {appointment ? (
          <div class="va-waiting-appointment">
            <h2 class="va-eyebrow">{t('yourAppointment')}</h2>
            <p class="va-waiting-title">{appointment.title || t('appointmentFallbackTitle')}</p>
            <AppointmentWhen appointment={appointment} />
          </div>
        ) : null}
      </div>
      <div class="va-waiting-media">
        <SelfView local={local} />
        <div class="va-device-controls" role="group" aria-label={t('deviceControlsLabel')}>
          <DeviceToggles local={local} />
        </div>
        <button type="button" class="va-button va-button--quiet" onClick={() => void client.leave()}>
          {t('leaveWaitingRoom')}
        </button>
      </div>
    </div>
  );
}

/**
 * "Voraussichtliche Wartezeit: etwa 10 Minuten (Stand 10:42)" in the page's language; '' without an estimate.
 * Its live region stays in the page while empty, so screen readers announce the first estimate too.
 */
export function waitingEstimateText(
  estimate: WaitingEstimate | null,
  t: Translate,
  lang: string,
  timeZone: string | undefined,
): string {
  if (!estimate) return '';
  // In the appointment's zone, like the appointment's own time on this screen (a citizen abroad sees one clock).
  const time = formatClockIn(estimate.sentAt, lang, timeZone);
  return estimate.minutes === 0
    ? t('waitingEstimateNow', { time })
    : t('waitingEstimate', { duration: formatMinutes(estimate.minutes, lang), time });
}
