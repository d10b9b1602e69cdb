/**
 * The microphone level before joining (Web Audio analyser): a <meter> updated ten times a second straight
 * through its DOM node, so the page does not re-render for it.
 */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { watchLevel } from '../../media/level-meter.ts';
import { useUi } from '../context.ts';

export function LevelMeter({ stream, on }: { stream: MediaStream | null; on: boolean }): JSX.Element | null {
  const { t } = useUi();
  const meter = useRef<HTMLMeterElement>(null);
  const track = stream?.getAudioTracks()[0] ?? null;
  useEffect(() => {
    if (!track || !on) return;
    return watchLevel(track, (level) => {
      if (meter.current) meter.current.value = level;
    });
  }, [track, on]);
  if (!track) return null;
  return (
    <p class="va-level">
      <label for="va-level-meter">{t('micLevelLabel')}</label>
      <meter
        id="va-level-meter"
        ref={meter}
        class="va-level-meter"
        min={0}
        max={1}
        low={0.05}
        value={0}
        data-testid="mic-level"
      />
      <span class="va-hint">{on ? t('micLevelHint') : t('micLevelMuted')}</span>
    </p>
  );
}
