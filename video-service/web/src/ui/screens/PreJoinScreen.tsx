/** Before joining: the appointment, the own camera picture, device problems, the notices, and "Join now". */
import type { JSX } from 'preact';
import type { RoomState } from '../../state.ts';
import { useUi } from '../context.ts';
import { AppointmentWhen } from '../parts/AppointmentWhen.tsx';
import { DeviceProblem } from '../parts/DeviceProblem.tsx';
import { DeviceToggles } from '../parts/DeviceToggles.tsx';
import { Heading } from '../parts/Heading.tsx';
import { Notices } from '../parts/Notices.tsx';
import { SelfView } from '../parts/SelfView.tsx';

export function PreJoinScreen({ state }: { state: RoomState }): JSX.Element {
  const { client, t } = useUi();
  const { appointment, local } = state;
  const waitsFirst = state.self !== null && state.self.role !== 'clerk';
  return (
    <div class="va-prejoin">
      <div class="va-prejoin-head">
        <p class="va-eyebrow">{t('yourAppointment')}</p>
        <Heading>{appointment?.title || t('appointmentFallbackTitle')}</Heading>
        {appointment ? <AppointmentWhen appointment={appointment} /> : null}
      </div>
      <div class="va-prejoin-media">
        <SelfView local={local} />
        <div class="va-device-controls" role="group" aria-label={t('deviceControlsLabel')}>
          <DeviceToggles local={local} />
        </div>
      </div>
      <div class="va-prejoin-body">
        <DeviceProblem local={local} />
        <Notices />
        <div class="va-join">
          <button
            type="button"
            class="va-button va-button--primary va-button--large"
            onClick={() => void client.join()}
            data-testid="join-button"
          >
            {t('joinButton')}
          </button>
          {waitsFirst ? <p class="va-hint">{t('joinWaitingHint')}</p> : null}
        </div>
      </div>
    </div>
  );
}
