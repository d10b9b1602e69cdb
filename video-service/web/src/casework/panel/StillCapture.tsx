/**
 * The clerk's still of the citizen's video: drawn at the video's full resolution into a canvas in this
 * browser and zoomed there. Nothing is uploaded (there is no API for it), so the check also works from
 * stills when the connection is weak.
 */
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { useCase } from './case-context.ts';

export function StillCapture(): JSX.Element {
  const { ct, participants } = useCase();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [taken, setTaken] = useState<{ width: number; height: number } | null>(null);
  const [zoom, setZoom] = useState(1);
  const [missing, setMissing] = useState(false);
  const citizen = participants.find((peer) => peer.role !== 'clerk');
  const capture = (): void => {
    const selector = citizen ? `[data-testid="remote-video"][data-participant="${citizen.id}"]` : '[data-testid="remote-video"]';
    const video = document.querySelector<HTMLVideoElement>(selector);
    const target = canvas.current;
    if (!video || !target || video.videoWidth === 0) {
      setMissing(true);
      return;
    }
    target.width = video.videoWidth;
    target.height = video.videoHeight;
    target.getContext('2d')?.drawImage(video, 0, 0, video.videoWidth, video.videoHeight);
    setMissing(false);
    setTaken({ width: video.videoWidth, height: video.videoHeight });
  };
  return (
    <div class="va-still">
      <div class="va-case-row">
        <button type="button" class="va-case-button" onClick={capture} data-testid="idcheck-capture">{ct('idCapture')}</button>
        {taken ? (
          <label class="va-still-zoom">
            {ct('idZoom')}{' '}
            <input type="range" min={1} max={4} step={0.5} value={zoom} onInput={(e) => setZoom(Number(e.currentTarget.value))} data-testid="idcheck-zoom" />
            <span> {zoom}×</span>
          </label>
        ) : null}
      </div>
      <p class="va-field-help">{ct('idCaptureHint')}</p>
      {missing ? <p class="va-field-issue" role="alert">{ct('idNoVideo')}</p> : null}
      <div class="va-still-frame" hidden={!taken} tabIndex={taken ? 0 : -1} aria-label={ct('idStillLabel')}>
        <canvas
          ref={canvas}
          class="va-still-canvas"
          role="img"
          aria-label={taken ? `${ct('idStillLabel')} (${taken.width} × ${taken.height})` : ct('idStillLabel')}
          style={{ inlineSize: `${zoom * 100}%` }}
          data-testid="idcheck-still"
        />
      </div>
    </div>
  );
}
