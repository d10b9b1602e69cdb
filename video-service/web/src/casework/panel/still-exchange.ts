/**
 * Both ends of the ID check's "stills" mode (lazy chunk), outside the components. The clerk asks
 * (`request()`); the citizen's device takes the picture and sends it (peer-to-peer data channel first, the
 * socket relay when there is no channel or it does not open); the clerk's browser assembles it and keeps it
 * in memory only. The state says what is happening on each side, for the live regions.
 */
import {
  STILL_CHUNK_BYTES,
  type IdCheckStep,
  type StillAnswer,
  type StillChunk,
  type StillFailure,
  type StillHeader,
  type StillRequest,
} from '@virtuelles-amt/video-service/contract/casework';
import type { CaseworkBridge } from '../bridge.ts';
import {
  IncomingStill,
  sendOverChannel,
  sendOverSocket,
  STILL_CHANNEL_LABEL,
  StillCaptureError,
  takeStill,
} from './still-transfer.ts';

/**
 * How long the clerk waits for the first sign from the citizen's device (its "capturing" comes within a
 * second when the request reached it) before saying the request was not answered.
 */
const FIRST_ANSWER_TIMEOUT_MS = 8000;
/** How long taking the picture may take once the device said it is on it. */
const CAPTURE_TIMEOUT_MS = 30_000;
/** How long the whole picture may take once it is coming (a few megabytes over a weak connection). */
const ANSWER_TIMEOUT_MS = 90_000;

export type StillVia = 'peer' | 'relay';

export interface CitizenStill {
  side: 'citizen';
  phase: 'capturing' | 'sending' | 'sent' | 'failed';
  step: IdCheckStep;
  via: StillVia | null;
  progress: number;
  /** Why it failed, when it did. */
  reason?: StillFailure;
}

export interface ReceivedImage {
  blob: Blob;
  width: number;
  height: number;
  source: StillHeader['source'];
}

export interface ClerkStill {
  side: 'clerk';
  /** `capturing`: the citizen's device has the request and is taking the picture. */
  phase: 'requested' | 'capturing' | 'receiving' | 'received' | 'failed';
  step: IdCheckStep;
  requestId: string;
  /** Why it failed: the citizen's device's reason, or `no_answer` (nothing came in time). */
  reason?: StillFailure | 'no_answer';
  via: StillVia | null;
  progress: number;
  image: ReceivedImage | null;
  /** How many stills this clerk asked for so far (tells one request's outcome from the previous one's). */
  serial: number;
}

export type StillState = CitizenStill | ClerkStill;

export class StillExchange {
  private readonly bridge: CaseworkBridge;
  private readonly changed: (state: StillState | null) => void;
  private state: StillState | null = null;
  private incoming: IncomingStill | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopChannels: (() => void) | null = null;

  constructor(bridge: CaseworkBridge, changed: (state: StillState | null) => void) {
    this.bridge = bridge;
    this.changed = changed;
  }

  start(): void {
    this.stopChannels ??= this.bridge.channels?.listen((_peerId, channel) => this.onChannel(channel)) ?? null;
  }

  stop(): void {
    this.stopChannels?.();
    this.stopChannels = null;
    clearTimeout(this.timer);
  }

  // ------------------------------------------------------------------ clerk

  /** Clerk: asks the citizen's device for a still of the current step. */
  async request(): Promise<void> {
    const request = await this.bridge.request('idcheck:requestStill', {});
    this.incoming = null;
    const serial = (this.state?.side === 'clerk' ? this.state.serial : 0) + 1;
    this.set({
      side: 'clerk',
      phase: 'requested',
      step: request.step,
      requestId: request.requestId,
      via: null,
      progress: 0,
      image: this.keptImage(),
      serial,
    });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.failClerk(request.requestId), FIRST_ANSWER_TIMEOUT_MS);
  }

  /** Clerk: the citizen's device has the request (taking the picture) or says why it cannot send one. */
  answered(answer: StillAnswer): void {
    const state = this.state;
    if (state?.side !== 'clerk' || state.requestId !== answer.requestId) return;
    if (answer.phase === 'failed') {
      if (state.phase === 'received') return;
      clearTimeout(this.timer);
      this.incoming = null;
      this.set({ ...state, phase: 'failed', reason: answer.reason ?? 'capture_failed' });
      return;
    }
    if (state.phase !== 'requested' && state.phase !== 'failed') return;
    const { reason: _earlier, ...rest } = state;
    this.set({ ...rest, phase: 'capturing' });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.failClerk(answer.requestId), CAPTURE_TIMEOUT_MS);
  }

  /** Clerk: a chunk relayed by the server. */
  relayedChunk(chunk: StillChunk): void {
    const incoming = this.accept(chunk, 'relay');
    if (!incoming) return;
    if (!incoming.add(chunk.seq * STILL_CHUNK_BYTES, chunk.data)) return this.failClerk(chunk.requestId);
    this.progressed(incoming);
  }

  /** A data channel the citizen opened: header first, then the bytes; answered "ok" when complete. */
  private onChannel(channel: RTCDataChannel): void {
    if (channel.label !== STILL_CHANNEL_LABEL) return;
    channel.binaryType = 'arraybuffer';
    let incoming: IncomingStill | null = null;
    channel.addEventListener('message', ({ data }) => {
      if (typeof data === 'string') {
        try {
          incoming = this.accept(JSON.parse(data) as StillHeader, 'peer');
        } catch {
          incoming = null;
        }
        if (!incoming) channel.close();
        return;
      }
      if (
        !incoming ||
        this.incoming !== incoming ||
        !(data instanceof ArrayBuffer) ||
        !incoming.add(incoming.offset, data)
      ) {
        channel.close();
        return;
      }
      this.progressed(incoming);
      if (incoming.complete) channel.send('ok');
    });
  }

  /** The still being received for the open request (a new one from the header), or null when not wanted. */
  private accept(header: StillHeader, via: StillVia): IncomingStill | null {
    const state = this.state;
    if (state?.side !== 'clerk' || state.requestId !== header.requestId || state.phase === 'received') return null;
    if (!this.incoming || state.via !== via) {
      this.incoming = new IncomingStill({
        requestId: header.requestId,
        step: header.step,
        mime: header.mime,
        width: header.width,
        height: header.height,
        bytes: header.bytes,
        source: header.source,
      });
      const { reason: _earlier, ...rest } = state;
      this.set({ ...rest, phase: 'receiving', via, progress: 0 });
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.failClerk(header.requestId), ANSWER_TIMEOUT_MS);
    }
    return this.incoming;
  }

  private progressed(incoming: IncomingStill): void {
    const state = this.state;
    if (state?.side !== 'clerk') return;
    if (!incoming.complete) {
      if (this.moved(incoming.fraction)) this.set({ ...state, progress: incoming.fraction });
      return;
    }
    clearTimeout(this.timer);
    const { width, height, source } = incoming.header;
    this.set({ ...state, phase: 'received', progress: 1, image: { blob: incoming.blob(), width, height, source } });
    this.incoming = null;
  }

  private failClerk(requestId: string): void {
    const state = this.state;
    if (
      state?.side === 'clerk' &&
      state.requestId === requestId &&
      state.phase !== 'received' &&
      state.phase !== 'failed'
    )
      this.set({ ...state, phase: 'failed', reason: 'no_answer' });
    this.incoming = null;
  }

  private keptImage(): ReceivedImage | null {
    return this.state?.side === 'clerk' ? this.state.image : null;
  }

  // ------------------------------------------------------------------ citizen

  /** Citizen: the clerk asked; take the picture and send it to them, telling them at once how it goes. */
  async answer(request: StillRequest & { clerkId: string }): Promise<void> {
    const base: CitizenStill = { side: 'citizen', phase: 'capturing', step: request.step, via: null, progress: 0 };
    const tell = (answer: Omit<StillAnswer, 'requestId'>): void =>
      void this.bridge
        .request('idcheck:stillAnswer', { requestId: request.requestId, ...answer })
        .catch(() => undefined);
    this.set(base);
    let stage: StillFailure = 'capture_failed';
    try {
      const track = this.bridge.cameraTrack();
      if (!track || track.readyState !== 'live') throw new StillCaptureError('no_camera');
      // A switched-off camera (a disabled track) would give a black picture.
      if (!track.enabled) throw new StillCaptureError('camera_off');
      tell({ phase: 'capturing' });
      const still = await takeStill(track, request.maxBytes);
      stage = 'send_failed';
      const bytes = new Uint8Array(await still.blob.arrayBuffer());
      const header: StillHeader = {
        requestId: request.requestId,
        step: request.step,
        mime: still.mime,
        width: still.width,
        height: still.height,
        bytes: bytes.length,
        source: still.source,
      };
      const progress = (via: StillVia) => (fraction: number) =>
        this.moved(fraction) && this.set({ ...base, phase: 'sending', via, progress: fraction });
      const channel = openChannel(this.bridge, request.clerkId);
      let sent = false;
      if (channel) {
        this.set({ ...base, phase: 'sending', via: 'peer' });
        sent = await sendOverChannel(channel, header, bytes, progress('peer')).then(
          () => true,
          () => false,
        );
      }
      if (!sent) {
        this.set({ ...base, phase: 'sending', via: 'relay' });
        await sendOverSocket(
          (chunk) => this.bridge.request('idcheck:stillChunk', chunk),
          header,
          bytes,
          progress('relay'),
        );
      }
      this.set({ ...base, phase: 'sent', via: sent ? 'peer' : 'relay', progress: 1 });
    } catch (error) {
      const reason = error instanceof StillCaptureError ? error.reason : stage;
      this.set({ ...base, phase: 'failed', reason });
      tell({ phase: 'failed', reason });
    }
  }

  /** Whether progress passed another tenth (the live regions are not told about every piece). */
  private moved(fraction: number): boolean {
    return Math.floor(fraction * 10) !== Math.floor((this.state?.progress ?? 0) * 10);
  }

  private set(state: StillState | null): void {
    this.state = state;
    this.changed(state);
  }
}

/** A data channel to the clerk, or null (no peer connection, an SFU call, or the browser refuses one). */
function openChannel(bridge: CaseworkBridge, clerkId: string): RTCDataChannel | null {
  try {
    return bridge.channels?.open(clerkId, STILL_CHANNEL_LABEL) ?? null;
  } catch {
    return null;
  }
}
