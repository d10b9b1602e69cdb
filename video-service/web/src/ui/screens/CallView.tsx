/**
 * The call: the others' video large, the own picture small, the controls; for clerks also the waiting
 * room with an admit button per waiting person.
 */
import type { JSX } from 'preact';
import type { RoomState } from '../../state.ts';
import { useUi } from '../context.ts';
import { DeviceToggles } from '../parts/DeviceToggles.tsx';
import { Heading } from '../parts/Heading.tsx';
import { LeaveIcon } from '../parts/icons.tsx';
import { Lobby } from '../parts/Lobby.tsx';
import { RemoteTile } from '../parts/RemoteTile.tsx';
import { SelfView } from '../parts/SelfView.tsx';

export function CallView({ state }: { state: RoomState }): JSX.Element {
  const { client, t } = useUi();
  const peers = Object.values(state.peers);
  const isClerk = state.self?.role === 'clerk';
  const title = state.appointment?.title || t('appointmentFallbackTitle');
  return (
    <div class={`va-call ${isClerk ? 'va-call--clerk' : ''}`} data-testid="call-view">
      <Heading hidden>{t('callTitle', { title })}</Heading>
      {isClerk ? <Lobby waiting={state.waiting} admitting={state.admitting} /> : null}
      <div class={`va-stage va-stage--${Math.min(peers.length, 4)}`}>
        {peers.length > 0 ? (
          peers.map((peer) => <RemoteTile key={peer.info.id} peer={peer} />)
        ) : (
          <p class="va-stage-empty">{isClerk ? t('nobodyHereClerk') : t('nobodyHereCitizen')}</p>
        )}
        <div class="va-pip">
          <SelfView local={state.local} compact />
        </div>
      </div>
      {state.notice ? (
        <p class="va-notice" role="alert">
          {t(state.notice)}
        </p>
      ) : null}
      <div class="va-controls" role="group" aria-label={t('callControlsLabel')}>
        <DeviceToggles local={state.local} testIds />
        <button type="button" class="va-toggle va-toggle--leave" onClick={() => void client.leave()} data-testid="leave-button">
          <LeaveIcon />
          <span class="va-toggle-label">{t('leaveButton')}</span>
        </button>
      </div>
    </div>
  );
}
