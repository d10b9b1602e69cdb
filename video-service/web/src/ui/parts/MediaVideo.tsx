/**
 * A <video> showing a MediaStream. Sets `srcObject` only when the stream changes (re-setting it restarts
 * playback), right after the render rather than after the next paint (a layout effect): a remote stream
 * often arrives together with the connection, and its first picture cannot show before the element has it.
 * When the browser blocks sound without a click (autoplay policy, e.g. after a reload), it plays muted and
 * offers a "turn sound on" button instead of staying silent without a word.
 */
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
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
  /** Called once per stream when its first picture is shown (keep it stable: a new function listens again). */
  onPicture?: (stream: MediaStream) => void;
  /** Called with the element's size in device pixels whenever it changes (the latest function is called). */
  onSize?: (width: number, height: number) => void;
}

export function MediaVideo({
  stream,
  self = false,
  class: className,
  label,
  sinkId = null,
  hooks = {},
  onPicture,
  onSize,
}: MediaVideoProps): JSX.Element {
  const { t } = useUi();
  const ref = useRef<HTMLVideoElement>(null);
  const [soundBlocked, setSoundBlocked] = useState(false);
  const sizeListener = useRef(onSize);
  sizeListener.current = onSize;
  const wantsSize = onSize !== undefined;

  useEffect(() => {
    const video = ref.current;
    if (!video || !wantsSize || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const ratio = globalThis.devicePixelRatio || 1;
      const { width, height } = entry.contentRect;
      sizeListener.current?.(Math.round(width * ratio), Math.round(height * ratio));
    });
    observer.observe(video);
    return () => observer.disconnect();
  }, [wantsSize]);

  useLayoutEffect(() => {
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

  useLayoutEffect(() => {
    const video = ref.current;
    if (!video || !stream || !onPicture) return;
    let done = false;
    const shown = (): void => {
      if (done) return;
      done = true;
      onPicture(stream);
    };
    // The frame callback fires with the first picture drawn; `loadeddata` (a little later) where it is missing.
    if (typeof video.requestVideoFrameCallback === 'function') {
      const handle = video.requestVideoFrameCallback(shown);
      return () => {
        done = true;
        video.cancelVideoFrameCallback(handle);
      };
    }
    video.addEventListener('loadeddata', shown, { once: true });
    return () => {
      done = true;
      video.removeEventListener('loadeddata', shown);
    };
  }, [stream, onPicture]);

  useEffect(() => {
    const video = ref.current;
    if (self || !video || typeof video.setSinkId !== 'function') return;
    void video.setSinkId(sinkId ?? '').catch(() => undefined);
  }, [sinkId, self]);

  const enableSound = (): void => {
    const video = ref.current;
    if (!video) return;
    video.muted = false;
    void video.play().then(
      () => setSoundBlocked(false),
      () => undefined,
    );
  };

  return (
    <>
      <video ref={ref} class={className} aria-label={label} autoplay playsInline muted={self} {...hooks} />
      {soundBlocked ? (
        <button type="button" class="va-button va-button--primary va-sound-button" onClick={enableSound}>
          {t('enableSound')}
        </button>
      ) : null}
    </>
  );
}
