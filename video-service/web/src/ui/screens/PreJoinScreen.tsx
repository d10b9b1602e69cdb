/**
 * Before joining (the device and connection check): the appointment, the own picture with the
 * microphone level, device choice and loudspeaker test, the connection check, browser advice, the notices
 * with the required confirmation, and "Join now". Opened before the room opens (screen `early`), the same
 * page shows a countdown instead of the notices and "Join now"; at the opening they take its place without
 * the picture going away (issue 11, item 14).
 */
import type { JSX } from 'preact';
import { callImpossible } from '../../checks/connectivity.ts';
import type { RoomState } from '../../state.ts';
import { useUi } from '../context.ts';
import { AppointmentWhen } from '../parts/AppointmentWhen.tsx';
import { BrowserAdvice } from '../parts/BrowserAdvice.tsx';
import { ConnectionCheck } from '../parts/ConnectionCheck.tsx';
import { DeviceProblem } from '../parts/DeviceProblem.tsx';
import { DeviceSettings, SpeakerTest } from '../parts/DeviceSettings.tsx';
import { DeviceToggles } from '../parts/DeviceToggles.tsx';
import { Heading } from '../parts/Heading.tsx';
import { LevelMeter } from '../parts/LevelMeter.tsx';
import { Notices } from '../parts/Notices.tsx';
import { OpeningCountdown } from '../parts/OpeningCountdown.tsx';
import { SelfView } from '../parts/SelfView.tsx';

export function PreJoinScreen({ state }: { state: RoomState }): JSX.Element {
  const { t } = useUi();
  const { appointment, local } = state;
  return (
    <div class="va-prejoin" data-testid="device-check">
      <div class="va-prejoin-head">
        <p class="va-eyebrow">{t('yourAppointment')}</p>
        <Heading>{appointment?.title || t('appointmentFallbackTitle')}</Heading>
        {appointment ? (
          <AppointmentWhen appointment={appointment} />
        ) : state.early ? (
          <AppointmentWhen appointment={state.early} />
        ) : null}
        {/* Above the picture on a phone: what the person waits for comes first. */}
        {state.screen === 'early' && state.early ? <OpeningCountdown early={state.early} /> : null}
      </div>
      <div class="va-prejoin-media">
        <SelfView local={local} />
        <div class="va-device-controls" role="group" aria-label={t('deviceControlsLabel')}>
          <DeviceToggles local={local} />
        </div>
        <LevelMeter stream={local.stream} on={local.audio} />
        <SpeakerTest state={state} />
        <DeviceSettings state={state} />
      </div>
      <div class="va-prejoin-body">
        <BrowserAdvice advice={state.checks.advice} />
        <DeviceProblem local={local} />
        <ConnectionCheck state={state} />
        {state.screen === 'early' && state.early ? null : <JoinPart state={state} />}
      </div>
    </div>
  );
}

/** The notices with the citizen's confirmation, and "Join now". */
function JoinPart({ state }: { state: RoomState }): JSX.Element {
  const clerk = state.self?.role === 'clerk';
  const { client, t } = useUi();
  const waitsFirst = state.self !== null && state.self.role !== 'clerk';
  const impossible = callImpossible(state.checks.advice);
  return (
    <>
      {/* The notices (§ 201 StGB, privacy) are the citizen's and guest's; the clerk knows them from the job. */}
      {clerk ? null : <Notices privacyUrl={state.privacyUrl} />}
      <div class="va-join">
        {/* The notice is the citizen's and guest's to confirm; the clerk has agreed to it with their job. */}
        {clerk ? null : (
          <p class={`va-consent ${state.consentMissing ? 'va-consent--missing' : ''}`}>
            <input
              id="va-consent"
              type="checkbox"
              checked={state.consent}
              required
              aria-invalid={state.consentMissing}
              aria-describedby={state.consentMissing ? 'va-consent-error' : undefined}
              onChange={(event) => client.setConsent(event.currentTarget.checked)}
              data-testid="consent-checkbox"
            />
            <label for="va-consent">{t('consentLabel')}</label>
          </p>
        )}
        {state.consentMissing ? (
          <p id="va-consent-error" class="va-field-error" role="alert" data-testid="consent-error">
            {t('consentMissing')}
          </p>
        ) : null}
        <button
          type="button"
          class="va-button va-button--primary va-button--large"
          onClick={() => {
            if (!state.consent && !clerk) document.getElementById('va-consent')?.focus();
            void client.join();
          }}
          disabled={impossible}
          data-testid="join-button"
        >
          {t('joinButton')}
        </button>
        {waitsFirst ? <p class="va-hint">{t('joinWaitingHint')}</p> : null}
      </div>
    </>
  );
}
