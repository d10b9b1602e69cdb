/**
 * One other participant: their video large (their screen when they share it), their name, whether their
 * microphone is off, their connection quality (clerks), and a plain placeholder while their camera is off
 * or the connection is being built. The <video> stays mounted in every case because it also plays their
 * sound. Clerks get the actions for citizens and guests: allow screen sharing, send back to the waiting room.
 */
import type { JSX } from 'preact';
import type { RemotePeerState } from '../../state.ts';
import { useUi } from '../context.ts';
import { MicIcon } from './icons.tsx';
import { MediaVideo } from './MediaVideo.tsx';
import { QualityBadge } from './QualityBadge.tsx';

export interface RemoteTileProps {
  peer: RemotePeerState;
  /** The viewer is a clerk and this is a citizen or guest: show the clerk's actions. */
  manage: boolean;
  mayShare: boolean;
  busy: boolean;
  speaking: boolean;
  sinkId: string | null;
  /** Called once per stream when its first picture is shown (a stable function). */
  onPicture?: (stream: MediaStream) => void;
}

export function RemoteTile({
  peer,
  manage,
  mayShare,
  busy,
  speaking,
  sinkId,
  onPicture,
}: RemoteTileProps): JSX.Element {
  const { client, t } = useUi();
  const name = peer.info.name || t(`role_${peer.info.role}`);
  const connecting = peer.connection === 'new' || peer.connection === 'connecting';
  const troubled = peer.connection === 'disconnected' || peer.connection === 'failed';
  const noPicture = !peer.video || peer.stream === null;
  const status = troubled
    ? t('peerReconnecting')
    : connecting
      ? t('peerConnecting')
      : noPicture
        ? t('cameraOff')
        : null;
  const hooks = (testId: string) => ({ 'data-testid': testId, 'data-participant': peer.info.id });
  return (
    <figure
      class={`va-tile ${peer.screen ? 'va-tile--screen' : ''} ${speaking ? 'va-tile--speaking' : ''}`}
      data-testid="remote-tile"
      data-participant={peer.info.id}
    >
      <MediaVideo
        stream={peer.stream}
        class="va-remote-video"
        label={peer.screen ? t('remoteScreenLabel', { name }) : t('remoteVideoLabel', { name })}
        sinkId={sinkId}
        hooks={hooks('remote-video')}
        onPicture={onPicture}
        onSize={(width, height) => client.tileSize(peer.info.id, width, height)}
      />
      {status ? (
        <div class="va-tile-status">
          <span class="va-avatar" aria-hidden="true">
            {name.trim().charAt(0).toUpperCase() || '?'}
          </span>
          <span>{status}</span>
        </div>
      ) : null}
      {manage ? (
        <div class="va-tile-actions">
          <button
            type="button"
            class="va-chip"
            aria-pressed={mayShare}
            disabled={busy}
            onClick={() => void client.clerk.allowScreenShare(peer.info.id, !mayShare)}
            {...hooks('screen-permission-toggle')}
          >
            {t('allowScreenShare')}
            <span class="va-visually-hidden">: {name}</span>
          </button>
          <button
            type="button"
            class="va-chip"
            disabled={busy}
            onClick={() => void client.clerk.returnToLobby(peer.info.id)}
            aria-label={t('returnButtonLabel', { name })}
            {...hooks('return-button')}
          >
            {t('returnButton')}
          </button>
        </div>
      ) : null}
      <figcaption class="va-tile-caption">
        <span class="va-tile-name">{peer.screen ? t('sharingScreen', { name }) : name}</span>
        {peer.audio ? null : (
          <span class="va-tile-muted">
            <MicIcon off />
            <span class="va-visually-hidden">{t('peerMicOff')}</span>
          </span>
        )}
        {peer.quality ? <QualityBadge report={peer.quality} compact testId="peer-quality" /> : null}
      </figcaption>
    </figure>
  );
}
