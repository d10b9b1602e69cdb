/**
 * The clerk's stills of the citizen's ID document, kept in this browser only and zoomed here. Two sources:
 * a frame of the remote video (instant, but blurry on a weak connection), or — "stills" mode — a photo the
 * citizen's device takes at its camera's full resolution and sends straight to this browser (peer-to-peer,
 * or relayed by the server without storing). The mode is offered first when the connection is weak.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useCase } from './case-context.ts';
import type { ClerkStill } from './still-exchange.ts';
import type { CaseTextKey } from './texts.ts';

type Shown = { width: number; height: number; source: 'video' | 'camera' };

export function StillCapture(): JSX.Element {
  const { ct, cases, fail, participants, state, weakConnection } = useCase();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [taken, setTaken] = useState<Shown | null>(null);
  const [zoom, setZoom] = useState(1);
  const [missing, setMissing] = useState(false);
  const citizen = participants.find((peer) => peer.role !== 'clerk');
  const still = state.still?.side === 'clerk' ? state.still : null;
  const image = still?.image ?? null;

  useEffect(() => {
    const target = canvas.current;
    if (!image || !target) return;
    let cancelled = false;
    void createImageBitmap(image.blob).then((bitmap) => {
      if (!cancelled) {
        target.width = bitmap.width;
        target.height = bitmap.height;
        target.getContext('2d')?.drawImage(bitmap, 0, 0);
        setTaken({ width: bitmap.width, height: bitmap.height, source: 'camera' });
      }
      bitmap.close();
    }, fail);
    return () => {
      cancelled = true;
    };
  }, [image]);

  const capture = (): void => {
    const selector = citizen
      ? `[data-testid="remote-video"][data-participant="${citizen.id}"]`
      : '[data-testid="remote-video"]';
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
    setTaken({ width: video.videoWidth, height: video.videoHeight, source: 'video' });
  };
  const requestButton = (
    <button
      type="button"
      class={weakConnection ? 'va-case-button' : 'va-case-button va-case-button--secondary'}
      onClick={() => void cases.stills.request().catch(fail)}
      data-testid="idcheck-request-still"
    >
      {ct('idRequestStill')}
    </button>
  );
  return (
    <div class="va-still">
      {weakConnection ? (
        <p class="va-case-note" role="status" data-testid="idcheck-weak">
          {ct('idWeak')}
        </p>
      ) : null}
      <div class="va-case-row">
        {weakConnection ? requestButton : null}
        <button
          type="button"
          class={weakConnection ? 'va-case-button va-case-button--secondary' : 'va-case-button'}
          onClick={capture}
          data-testid="idcheck-capture"
        >
          {ct('idCapture')}
        </button>
        {weakConnection ? null : requestButton}
        {taken ? (
          <label class="va-still-zoom">
            {ct('idZoom')}{' '}
            <input
              type="range"
              min={1}
              max={4}
              step={0.5}
              value={zoom}
              onInput={(e) => setZoom(Number(e.currentTarget.value))}
              data-testid="idcheck-zoom"
            />
            <span> {zoom}×</span>
          </label>
        ) : null}
      </div>
      <p class="va-field-help">
        {ct('idCaptureHint')} {ct('idRequestHint')}
      </p>
      <p
        class="va-field-help"
        role="status"
        aria-live="polite"
        data-testid="idcheck-still-progress"
        data-phase={still?.phase ?? ''}
        data-via={still?.via ?? ''}
        data-serial={still?.serial ?? 0}
        data-reason={still?.phase === 'failed' ? (still.reason ?? '') : ''}
      >
        {still ? progressText(still, ct) : ''}
      </p>
      {still?.phase === 'failed' ? (
        <div class="va-case-row">
          <button
            type="button"
            class="va-case-button"
            onClick={() => void cases.stills.request().catch(fail)}
            data-testid="idcheck-still-retry"
          >
            {ct('idStillRetry')}
          </button>
        </div>
      ) : null}
      {missing ? (
        <p class="va-field-issue" role="alert">
          {ct('idNoVideo')}
        </p>
      ) : null}
      <div class="va-still-frame" hidden={!taken} tabIndex={taken ? 0 : -1} aria-label={ct('idStillLabel')}>
        <canvas
          ref={canvas}
          class="va-still-canvas"
          role="img"
          aria-label={taken ? `${ct('idStillLabel')} (${taken.width} × ${taken.height})` : ct('idStillLabel')}
          style={{ inlineSize: `${zoom * 100}%` }}
          data-testid="idcheck-still"
          data-source={taken?.source ?? ''}
        />
      </div>
    </div>
  );
}

function progressText(still: ClerkStill, ct: ReturnType<typeof useCase>['ct']): string {
  switch (still.phase) {
    case 'requested':
      return ct('idStillRequested');
    case 'capturing':
      return ct('idStillTaking');
    case 'receiving':
      return ct('idStillReceiving', { percent: Math.floor(still.progress * 100) });
    case 'received':
      return ct('idStillReceived', {
        width: still.image!.width,
        height: still.image!.height,
        via: ct(still.via === 'peer' ? 'idViaPeer' : 'idViaRelay'),
      });
    case 'failed':
      return ct(FAILURE_TEXTS[still.reason ?? 'send_failed']);
  }
}

/** What the clerk reads for each reason (the citizen's device's, or `no_answer` after the wait). */
const FAILURE_TEXTS = {
  no_answer: 'idStillNoAnswer',
  camera_off: 'idStillCameraOffClerk',
  no_camera: 'idStillNoCamera',
  capture_failed: 'idStillCaptureFailed',
  too_large: 'idStillTooLarge',
  send_failed: 'idStillFailed',
} as const satisfies Record<NonNullable<ClerkStill['reason']>, CaseTextKey>;
