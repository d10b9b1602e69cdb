/**
 * One other participant: their video large, their name, whether their microphone is off, and a plain
 * placeholder while their camera is off or the connection is being built. The <video> stays mounted in
 * every case because it also plays their sound.
 */
import type { JSX } from 'preact';
import type { RemotePeerState } from '../../state.ts';
import { useUi } from '../context.ts';
import { MicIcon } from './icons.tsx';
import { MediaVideo } from './MediaVideo.tsx';

export function RemoteTile({ peer }: { peer: RemotePeerState }): JSX.Element {
  const { t } = useUi();
  const name = peer.info.name || t(`role_${peer.info.role}`);
  const connecting = peer.connection === 'new' || peer.connection === 'connecting';
  const troubled = peer.connection === 'disconnected' || peer.connection === 'failed';
  const noPicture = !peer.video || peer.stream === null;
  const status = troubled ? t('peerReconnecting') : connecting ? t('peerConnecting') : noPicture ? t('cameraOff') : null;
  return (
    <figure class="va-tile">
      <MediaVideo
        stream={peer.stream}
        class="va-remote-video"
        label={t('remoteVideoLabel', { name })}
        hooks={{ 'data-testid': 'remote-video', 'data-participant': peer.info.id }}
      />
      {status ? (
        <div class="va-tile-status">
          <span class="va-avatar" aria-hidden="true">
            {name.trim().charAt(0).toUpperCase() || '?'}
          </span>
          <span>{status}</span>
        </div>
      ) : null}
      <figcaption class="va-tile-caption">
        <span class="va-tile-name">{name}</span>
        {peer.audio ? null : (
          <span class="va-tile-muted">
            <MicIcon off />
            <span class="va-visually-hidden">{t('peerMicOff')}</span>
          </span>
        )}
      </figcaption>
    </figure>
  );
}
