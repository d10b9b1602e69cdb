/**
 * A <video> showing a MediaStream. Sets `srcObject` only when the stream changes (re-setting it restarts
 * playback). When the browser blocks sound without a click (autoplay policy, e.g. after a reload), it plays
 * muted and offers a "turn sound on" button instead of staying silent without a word.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useUi } from '../context.ts';

export interface MediaVideoProps {
  stream: MediaStream | null;
  /** The own picture: muted (no echo) and mirrored. */
  self?: boolean;
  class: string;
  label: string;
  /** Loudspeaker for the sound (`setSinkId`, where the browser has it); null: the default. */
  sinkId?: string | null;
  /** Extra attributes for stable test hooks (`data-testid`, `data-participant`). */
  hooks?: Record<string, string>;
}

export function MediaVideo({ stream, self = false, class: className, label, sinkId = null, hooks = {} }: MediaVideoProps): JSX.Element {
  const { t } = useUi();
  const ref = useRef<HTMLVideoElement>(null);
  const [soundBlocked, setSoundBlocked] = useState(false);

  useEffect(() => {
    const video = ref.current;
    if (!video || video.srcObject === stream) return;
    video.srcObject = stream;
    if (!stream) return;
    video.play().catch((error: unknown) => {
      if (self || (error as { name?: string }).name !== 'NotAllowedError') return;
      video.muted = true;
      setSoundBlocked(true);
      void video.play().catch(() => undefined);
    });
  }, [stream, self]);

  useEffect(() => {
    const video = ref.current;
    if (self || !video || typeof video.setSinkId !== 'function') return;
    void video.setSinkId(sinkId ?? '').catch(() => undefined);
  }, [sinkId, self]);

  const enableSound = (): void => {
    const video = ref.current;
    if (!video) return;
    video.muted = false;
    void video.play().then(() => setSoundBlocked(false), () => undefined);
  };

  return (
    <>
      <video
        ref={ref}
        class={className}
        aria-label={label}
        autoplay
        playsInline
        muted={self}
        {...hooks}
      />
      {soundBlocked ? (
        <button type="button" class="va-button va-button--primary va-sound-button" onClick={enableSound}>
          {t('enableSound')}
        </button>
      ) : null}
    </>
  );
}
