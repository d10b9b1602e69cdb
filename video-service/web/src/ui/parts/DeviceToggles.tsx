/**
 * Microphone and camera switches: toggle buttons with a constant label and `aria-pressed` = "is on"
 * (https://www.w3.org/WAI/ARIA/apg/patterns/button/). `testIds` gives the call view its stable hooks.
 */
import type { JSX } from 'preact';
import type { LocalMediaState } from '../../state.ts';
import { useUi } from '../context.ts';
import { CameraIcon, MicIcon } from './icons.tsx';

export function DeviceToggles({ local, testIds = false }: { local: LocalMediaState; testIds?: boolean }): JSX.Element {
  const { client, t } = useUi();
  const micOn = local.hasAudio && local.audio;
  const cameraOn = local.hasVideo && local.video;
  return (
    <>
      <button
        type="button"
        class={`va-toggle ${micOn ? '' : 'va-toggle--off'}`}
        aria-pressed={micOn}
        disabled={!local.hasAudio}
        onClick={() => client.toggleMic()}
        data-testid={testIds ? 'mic-toggle' : undefined}
      >
        <MicIcon off={!micOn} />
        <span class="va-toggle-label">{t('micLabel')}</span>
      </button>
      <button
        type="button"
        class={`va-toggle ${cameraOn ? '' : 'va-toggle--off'}`}
        aria-pressed={cameraOn}
        disabled={!local.hasVideo}
        onClick={() => client.toggleCamera()}
        data-testid={testIds ? 'camera-toggle' : undefined}
      >
        <CameraIcon off={!cameraOn} />
        <span class="va-toggle-label">{t('cameraLabel')}</span>
      </button>
    </>
  );
}
