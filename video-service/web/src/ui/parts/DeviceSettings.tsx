/** Choosing camera, microphone and loudspeaker (before joining, and in the call's device check), and the loudspeaker test. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { DeviceOption } from '../../media/device-list.ts';
import type { RoomState } from '../../state.ts';
import { useUi } from '../context.ts';
import type { MessageKey } from '../../i18n/index.ts';

interface PickerProps {
  id: string;
  label: MessageKey;
  fallback: MessageKey;
  options: DeviceOption[];
  value: string | null;
  onPick: (id: string) => void;
}

function DevicePicker({ id, label, fallback, options, value, onPick }: PickerProps): JSX.Element | null {
  const { t } = useUi();
  if (options.length === 0) return null;
  return (
    <p class="va-field">
      <label for={id}>{t(label)}</label>
      <select
        id={id}
        class="va-select"
        value={value ?? options[0]?.id}
        onChange={(event) => onPick(event.currentTarget.value)}
        data-testid={id.replace('va-', '')}
      >
        {options.map((option, index) => (
          <option key={option.id} value={option.id}>
            {option.label || t(fallback, { number: index + 1 })}
          </option>
        ))}
      </select>
    </p>
  );
}

/** Wide screens show the device lists at once; on phones they wait behind "choose devices" (short page). */
const wideScreen = (): boolean => globalThis.matchMedia?.('(min-width: 48rem)').matches ?? true;

export function SpeakerTest({ state }: { state: RoomState }): JSX.Element {
  const { client, t } = useUi();
  const speakerTest = state.checks.speakerTest;
  return (
    <p class="va-speaker-test">
      <button
        type="button"
        class="va-button va-button--quiet"
        onClick={() => void client.checks.testSpeaker()}
        disabled={speakerTest === 'playing'}
        data-testid="speaker-test"
        data-state={speakerTest}
      >
        {t('speakerTestButton')}
      </button>
      <span role="status" class="va-hint">
        {speakerTest === 'idle' ? '' : t(`speakerTest_${speakerTest}`)}
      </span>
    </p>
  );
}

/** `expanded`: open on every screen (the device check in the call is there for the lists). */
export function DeviceSettings({ state, expanded = false }: { state: RoomState; expanded?: boolean }): JSX.Element {
  const { client, t } = useUi();
  const { devices, local } = state;
  const [open] = useState(() => expanded || wideScreen());
  return (
    <details class="va-panel va-devices" open={open}>
      <summary class="va-panel-title">{t('devicesTitle')}</summary>
      <DevicePicker
        id="va-camera-select"
        label="cameraSelect"
        fallback="cameraNumbered"
        options={devices.cameras}
        value={local.cameraId}
        onPick={(id) => void client.media.selectCamera(id)}
      />
      <DevicePicker
        id="va-microphone-select"
        label="microphoneSelect"
        fallback="microphoneNumbered"
        options={devices.microphones}
        value={local.microphoneId}
        onPick={(id) => void client.media.selectMicrophone(id)}
      />
      <DevicePicker
        id="va-speaker-select"
        label="speakerSelect"
        fallback="speakerNumbered"
        options={devices.speakers}
        value={state.speakerId}
        onPick={(id) => client.media.selectSpeaker(id)}
      />
    </details>
  );
}
