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
  // While the devices start, neither "on" nor "off" is true yet: no red "off" look.
  const offClass = (on: boolean): string => (on || local.acquiring ? '' : 'va-toggle--off');
  return (
    <>
      <button
        type="button"
        class={`va-toggle ${offClass(micOn)}`}
        aria-pressed={micOn}
        disabled={!local.hasAudio}
        onClick={() => client.media.toggleMic()}
        data-testid={testIds ? 'mic-toggle' : undefined}
      >
        <MicIcon off={!micOn} />
        <span class="va-toggle-label">{t('micLabel')}</span>
      </button>
      <button
        type="button"
        class={`va-toggle ${offClass(cameraOn)}`}
        aria-pressed={cameraOn}
        disabled={!local.hasVideo}
        onClick={() => client.media.toggleCamera()}
        data-testid={testIds ? 'camera-toggle' : undefined}
      >
        <CameraIcon off={!cameraOn} />
        <span class="va-toggle-label">{t('cameraLabel')}</span>
      </button>
    </>
  );
}
