/**
 * The person's camera, microphone and screen share as the room uses them: opened once (again after a
 * problem), switched on and off by enabling the tracks (instant, no renegotiation), a different camera or
 * microphone swapped in as a new track (the peer connections replace the track they send), stopped when
 * leaving. Mirrors everything into the store's `local` and `devices`.
 */
import type { MediaState } from '@virtuelles-amt/video-service/contract/signalling';
import type { LocalMediaState, RoomState } from '../state.ts';
import type { Store } from '../store.ts';
import { listDevices } from './device-list.ts';
import { acquireLocalMedia, constraintsFor, stopStream, type DeviceChoice } from './local-media.ts';

/** What this device sends to the others: one audio and one video track (the screen while sharing). */
export interface Outgoing {
  stream: MediaStream | null;
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
}

type Kind = 'audio' | 'video';

export class LocalDevices {
  private readonly store: Store<RoomState>;
  private readonly onOutgoing: (outgoing: Outgoing) => void;
  private wanted = false;
  private opening: Promise<void> | null = null;
  private facing: 'user' | 'environment' = 'user';

  /** `onOutgoing` hears of every change of what is sent (new stream, other camera, screen share on/off). */
  constructor(store: Store<RoomState>, onOutgoing: (outgoing: Outgoing) => void) {
    this.store = store;
    this.onOutgoing = onOutgoing;
    globalThis.navigator?.mediaDevices?.addEventListener?.('devicechange', () => void this.refreshList());
  }

  private get state(): LocalMediaState {
    return this.store.getState().local;
  }

  /** Opens camera and microphone unless they are open and fine; resolves when done. */
  open(): Promise<void> {
    this.wanted = true;
    if (this.state.stream && !this.state.problem) return Promise.resolve();
    this.opening ??= this.acquire().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  /** What the others should be told (`media:state`): the screen counts as a picture. */
  mediaState(): MediaState {
    const local = this.state;
    return {
      audio: local.audio && local.hasAudio,
      video: (local.video && local.hasVideo) || local.screen,
      screen: local.screen,
    };
  }

  outgoing(): Outgoing {
    const { stream, screen, screenStream } = this.state;
    const camera = stream?.getVideoTracks()[0] ?? null;
    return {
      stream,
      audio: stream?.getAudioTracks()[0] ?? null,
      video: screen ? (screenStream?.getVideoTracks()[0] ?? camera) : camera,
    };
  }

  toggleAudio(): void {
    const audio = !this.state.audio;
    for (const track of this.state.stream?.getAudioTracks() ?? []) track.enabled = audio;
    this.set({ audio });
  }

  toggleVideo(): void {
    const video = !this.state.video;
    for (const track of this.state.stream?.getVideoTracks() ?? []) track.enabled = video;
    this.set({ video });
  }

  /** Uses another camera (null: the default). */
  selectCamera(id: string | null): Promise<void> {
    return this.replace('video', { cameraId: id });
  }

  selectMicrophone(id: string | null): Promise<void> {
    return this.replace('audio', { microphoneId: id });
  }

  /**
   * The next camera: front ↔ back on a phone (to show an ID card). With several cameras listed it takes
   * the next one; with one listed it asks for the other facing mode, which phones without labels need.
   */
  switchCamera(): Promise<void> {
    const cameras = this.store.getState().devices.cameras;
    if (cameras.length > 1) {
      const current = this.state.stream?.getVideoTracks()[0]?.getSettings().deviceId ?? this.state.cameraId;
      const index = cameras.findIndex((camera) => camera.id === current);
      return this.selectCamera(cameras[(index + 1) % cameras.length]!.id);
    }
    this.facing = this.facing === 'user' ? 'environment' : 'user';
    return this.replace('video', { cameraId: null, facingMode: this.facing });
  }

  /** Shares the screen instead of the camera picture; false when the person cancelled or it is impossible. */
  async startScreenShare(): Promise<boolean> {
    if (this.state.screen) return true;
    let screen: MediaStream;
    try {
      screen = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    } catch {
      return false;
    }
    const track = screen.getVideoTracks()[0];
    if (!track) return false;
    // The browser's own "stop sharing" bar ends the track.
    track.addEventListener('ended', () => this.stopScreenShare());
    this.set({ screen: true, screenStream: screen });
    this.publish();
    return true;
  }

  stopScreenShare(): void {
    if (!this.state.screen) return;
    stopStream(this.state.screenStream);
    this.set({ screen: false, screenStream: null });
    this.publish();
  }

  /** Stops every track (camera light off); a later `open()` starts them again. */
  stop(): void {
    this.wanted = false;
    stopStream(this.state.stream);
    stopStream(this.state.screenStream);
    this.set({
      stream: null,
      hasAudio: false,
      hasVideo: false,
      problem: null,
      acquiring: false,
      screen: false,
      screenStream: null,
    });
  }

  private choice(): DeviceChoice {
    return { cameraId: this.state.cameraId, microphoneId: this.state.microphoneId };
  }

  private async acquire(): Promise<void> {
    const previous = this.state;
    stopStream(previous.stream);
    this.set({ stream: null, acquiring: true, problem: null });
    const { stream, problem } = await acquireLocalMedia(undefined, this.choice());
    if (!this.wanted) {
      stopStream(stream);
      this.set({ acquiring: false });
      return;
    }
    // Keep the person's choice (e.g. microphone off) when the devices are opened again.
    for (const track of stream?.getAudioTracks() ?? []) track.enabled = previous.audio;
    for (const track of stream?.getVideoTracks() ?? []) track.enabled = previous.video;
    for (const track of stream?.getTracks() ?? []) this.watch(track);
    const ids = {
      cameraId: stream?.getVideoTracks()[0]?.getSettings().deviceId ?? previous.cameraId,
      microphoneId: stream?.getAudioTracks()[0]?.getSettings().deviceId ?? previous.microphoneId,
    };
    this.set({ stream, problem, acquiring: false, ...this.presence(stream), ...ids });
    this.publish();
    void this.refreshList();
  }

  /** Swaps the track of one kind for a newly opened one, keeping the other. */
  private async replace(kind: Kind, change: DeviceChoice): Promise<void> {
    if (!this.wanted) return;
    const choice = { ...this.choice(), ...change };
    const stream = this.state.stream;
    // Phones often cannot open a second camera while one is open: stop the old one first.
    for (const track of stream?.getTracks() ?? []) if (track.kind === kind) track.stop();
    const track = (await this.openTrack(kind, choice)) ?? (await this.openTrack(kind, {}));
    if (!this.wanted) {
      track?.stop();
      return;
    }
    const local = this.state;
    if (track) {
      track.enabled = kind === 'audio' ? local.audio : local.video;
      this.watch(track);
    }
    const kept = local.stream?.getTracks().filter((other) => other.kind !== kind) ?? [];
    const next = new MediaStream([...kept, ...(track ? [track] : [])]);
    const id = track?.getSettings().deviceId ?? null;
    this.set({ stream: next, ...this.presence(next), ...(kind === 'video' ? { cameraId: id } : { microphoneId: id }) });
    this.publish();
  }

  private async openTrack(kind: Kind, choice: DeviceChoice): Promise<MediaStreamTrack | null> {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ [kind]: constraintsFor(kind, choice) });
      return stream.getTracks()[0] ?? null;
    } catch {
      return null;
    }
  }

  /** A device that goes away (unplugged; iOS takes the camera while the page is in the background) is opened again. */
  private watch(track: MediaStreamTrack): void {
    track.addEventListener('ended', () => {
      if (this.wanted && this.state.stream?.getTracks().includes(track)) void this.replace(track.kind as Kind, {});
    });
  }

  private presence(stream: MediaStream | null): Partial<LocalMediaState> {
    return {
      hasAudio: (stream?.getAudioTracks().length ?? 0) > 0,
      hasVideo: (stream?.getVideoTracks().length ?? 0) > 0,
    };
  }

  private async refreshList(): Promise<void> {
    this.store.setState({ devices: await listDevices() });
  }

  private publish(): void {
    this.onOutgoing(this.outgoing());
  }

  private set(changes: Partial<LocalMediaState>): void {
    this.store.setState(({ local }) => ({ local: { ...local, ...changes } }));
  }
}
