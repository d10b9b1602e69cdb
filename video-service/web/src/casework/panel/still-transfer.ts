/**
 * The ID check's "stills" mode (lazy chunk). With a weak connection the remote video is blurry, so the clerk
 * asks the citizen's device for a picture at its camera's full resolution: `ImageCapture.takePhoto()` where
 * the browser has it, otherwise a frame of the camera track at its native settings. The picture goes to the
 * clerk's browser only: over an RTCDataChannel of the call's peer connection when there is one (header as
 * JSON, then binary pieces, then the clerk's "ok"), otherwise in chunks through the socket, which the server
 * forwards without storing. Nothing here ever uploads or keeps the picture anywhere else.
 */
import {
  STILL_CHUNK_BYTES,
  STILL_MAX_BYTES,
  STILL_MIME_TYPES,
  type StillChunk,
  type StillFailure,
  type StillHeader,
  type StillMime,
} from '@virtuelles-amt/video-service/contract/casework';

export const STILL_CHANNEL_LABEL = 'va-idcheck-still';
/** Pieces on the data channel: small enough for every browser's SCTP stack. */
const CHANNEL_PIECE_BYTES = 16 * 1024;
/** Pause sending while this much is queued on the channel. */
const CHANNEL_HIGH_WATER = 1024 * 1024;
/** A channel that is not open by then is given up for the socket. */
const CHANNEL_OPEN_TIMEOUT_MS = 5000;
/** How long the sender waits for the clerk's "ok" after the last piece. */
const CHANNEL_ACK_TIMEOUT_MS = 30_000;

export interface TakenStill {
  blob: Blob;
  width: number;
  height: number;
  mime: StillMime;
  source: 'photo' | 'frame';
}

/** The W3C Image Capture API (https://w3c.github.io/mediacapture-image/), not in TypeScript's DOM types. */
interface ImageCaptureLike {
  takePhoto(): Promise<Blob>;
  grabFrame(): Promise<ImageBitmap>;
}
type ImageCaptureConstructor = new (track: MediaStreamTrack) => ImageCaptureLike;

/**
 * How long `takePhoto()` may take before a frame of the track is used instead: some phone cameras never
 * answer it (or only after restarting the camera at photo resolution), and the clerk is waiting.
 */
const PHOTO_TIMEOUT_MS = 8000;

/** Why no still could be taken (sent to the clerk as the failure's reason). */
export class StillCaptureError extends Error {
  readonly reason: StillFailure;

  constructor(reason: StillFailure) {
    super(`still: ${reason}`);
    this.reason = reason;
  }
}

/** `promise`, or a rejection after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

const isStillMime = (type: string): type is StillMime => (STILL_MIME_TYPES as readonly string[]).includes(type);

/** A full-resolution picture from the camera track (the photo when possible, else a frame at native size). */
export async function takeStill(track: MediaStreamTrack, maxBytes = STILL_MAX_BYTES): Promise<TakenStill> {
  const Capture = (globalThis as unknown as { ImageCapture?: ImageCaptureConstructor }).ImageCapture;
  if (Capture) {
    try {
      const blob = await within(new Capture(track).takePhoto(), PHOTO_TIMEOUT_MS);
      if (isStillMime(blob.type) && blob.size <= maxBytes) {
        const bitmap = await createImageBitmap(blob);
        const { width, height } = bitmap;
        bitmap.close();
        return { blob, width, height, mime: blob.type, source: 'photo' };
      }
    } catch {
      // No photo capability on this camera (or it is busy): a frame of the track follows.
    }
  }
  const frame = await frameOf(track, Capture).catch(() => {
    throw new StillCaptureError('capture_failed');
  });
  const canvas = document.createElement('canvas');
  canvas.width = frame.width;
  canvas.height = frame.height;
  canvas.getContext('2d')!.drawImage(frame, 0, 0);
  for (const quality of [0.92, 0.8, 0.6, 0.4]) {
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
    if (blob && blob.size <= maxBytes)
      return { blob, width: canvas.width, height: canvas.height, mime: 'image/jpeg', source: 'frame' };
  }
  throw new StillCaptureError('too_large');
}

async function frameOf(
  track: MediaStreamTrack,
  Capture: ImageCaptureConstructor | undefined,
): Promise<CanvasImageSource & { width: number; height: number }> {
  if (Capture) {
    try {
      return await within(new Capture(track).grabFrame(), PHOTO_TIMEOUT_MS);
    } catch {
      // Falls back to a video element below.
    }
  }
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  await within(video.play(), PHOTO_TIMEOUT_MS);
  if (video.videoWidth === 0)
    await within(new Promise((resolve) => video.addEventListener('resize', resolve, { once: true })), PHOTO_TIMEOUT_MS);
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')!.drawImage(video, 0, 0);
  video.srcObject = null;
  return canvas;
}

function waitFor(channel: RTCDataChannel, event: 'open' | 'bufferedamountlow', timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`data channel: no ${event}`)), timeoutMs);
    const done = (error?: Error): void => {
      clearTimeout(timer);
      channel.removeEventListener(event, ok);
      channel.removeEventListener('close', closed);
      if (error) reject(error);
      else resolve();
    };
    const ok = (): void => done();
    const closed = (): void => done(new Error('data channel closed'));
    channel.addEventListener(event, ok);
    channel.addEventListener('close', closed);
  });
}

/** Sends the still on an (opening) data channel; resolves when the clerk's browser confirmed it. */
export async function sendOverChannel(
  channel: RTCDataChannel,
  header: StillHeader,
  bytes: Uint8Array,
  progress: (fraction: number) => void,
): Promise<void> {
  channel.binaryType = 'arraybuffer';
  try {
    if (channel.readyState !== 'open') await waitFor(channel, 'open', CHANNEL_OPEN_TIMEOUT_MS);
    const confirmed = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('data channel: not confirmed')), CHANNEL_ACK_TIMEOUT_MS);
      channel.addEventListener('message', ({ data }) => {
        if (data === 'ok') {
          clearTimeout(timer);
          resolve();
        }
      });
      channel.addEventListener('close', () => reject(new Error('data channel closed')));
    });
    channel.bufferedAmountLowThreshold = CHANNEL_HIGH_WATER / 4;
    channel.send(JSON.stringify(header));
    for (let offset = 0; offset < bytes.length; offset += CHANNEL_PIECE_BYTES) {
      if (channel.bufferedAmount > CHANNEL_HIGH_WATER)
        await waitFor(channel, 'bufferedamountlow', CHANNEL_ACK_TIMEOUT_MS);
      channel.send(bytes.slice(offset, offset + CHANNEL_PIECE_BYTES));
      progress(Math.min(1, (offset + CHANNEL_PIECE_BYTES) / bytes.length));
    }
    await confirmed;
  } finally {
    channel.close();
  }
}

/** Sends the still through the socket in `STILL_CHUNK_BYTES` chunks, one after another. */
export async function sendOverSocket(
  send: (chunk: StillChunk) => Promise<unknown>,
  header: StillHeader,
  bytes: Uint8Array,
  progress: (fraction: number) => void,
): Promise<void> {
  for (let seq = 0; seq * STILL_CHUNK_BYTES < bytes.length; seq += 1) {
    const data = bytes.slice(seq * STILL_CHUNK_BYTES, (seq + 1) * STILL_CHUNK_BYTES);
    await send({ ...header, seq, data });
    progress(Math.min(1, ((seq + 1) * STILL_CHUNK_BYTES) / bytes.length));
  }
}

/** A still arriving in the clerk's browser (from either path); `complete` once every byte is there. */
export class IncomingStill {
  readonly header: StillHeader;
  private readonly bytes: Uint8Array<ArrayBuffer>;
  private received = 0;

  constructor(header: StillHeader) {
    if (
      !Number.isInteger(header.bytes) ||
      header.bytes <= 0 ||
      header.bytes > STILL_MAX_BYTES ||
      !isStillMime(header.mime)
    )
      throw new Error('not a still');
    this.header = header;
    this.bytes = new Uint8Array(header.bytes);
  }

  /** Adds bytes at `offset`; false when they do not fit. */
  add(offset: number, data: ArrayBuffer | Uint8Array): boolean {
    const piece = data instanceof Uint8Array ? data : new Uint8Array(data);
    if (offset < 0 || offset + piece.length > this.bytes.length) return false;
    this.bytes.set(piece, offset);
    this.received += piece.length;
    return true;
  }

  get offset(): number {
    return this.received;
  }

  get fraction(): number {
    return this.received / this.bytes.length;
  }

  get complete(): boolean {
    return this.received >= this.bytes.length;
  }

  blob(): Blob {
    return new Blob([this.bytes], { type: this.header.mime });
  }
}

/** Whether to offer stills from the citizen's camera: the connection to them is weak (`fair` or `poor`). */
export function stillsAdvised(level: 'good' | 'fair' | 'poor' | null | undefined): boolean {
  return level === 'fair' || level === 'poor';
}
