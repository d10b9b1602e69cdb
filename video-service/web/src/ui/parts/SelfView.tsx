/** The own camera picture (mirrored, muted), or a plain placeholder saying why there is none. */
import type { JSX } from 'preact';
import type { LocalMediaState } from '../../state.ts';
import { useUi } from '../context.ts';
import { MediaVideo } from './MediaVideo.tsx';

export function SelfView({ local, compact = false }: { local: LocalMediaState; compact?: boolean }): JSX.Element {
  const { t } = useUi();
  if (local.screen) {
    return (
      <figure class={`va-self va-self--screen ${compact ? 'va-self--compact' : ''}`}>
        <MediaVideo
          stream={local.screenStream}
          self
          class="va-self-video va-self-video--screen"
          label={t('screenShareSelfLabel')}
        />
      </figure>
    );
  }
  const showVideo = local.stream !== null && local.hasVideo && local.video;
  const placeholder = local.acquiring ? t('startingCamera') : !local.hasVideo ? t('noCamera') : t('cameraOff');
  return (
    <figure class={`va-self ${compact ? 'va-self--compact' : ''}`}>
      <MediaVideo
        stream={local.stream}
        self
        class={`va-self-video ${showVideo ? '' : 'va-hidden'}`}
        label={t('selfViewLabel')}
      />
      {showVideo ? null : (
        <div class="va-self-placeholder" role="img" aria-label={`${t('selfViewLabel')}: ${placeholder}`}>
          <span aria-hidden="true">{placeholder}</span>
        </div>
      )}
      {compact ? null : <figcaption class="va-visually-hidden">{t('selfViewLabel')}</figcaption>}
    </figure>
  );
}
