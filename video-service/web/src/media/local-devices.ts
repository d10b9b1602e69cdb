/**
 * The person's camera and microphone as the room uses them: opened once (again after a problem),
 * switched on and off by enabling the tracks (so switching back is instant and needs no renegotiation),
 * stopped when leaving. Mirrors everything into the store's `local`.
 */
import type { LocalMediaState, RoomState } from '../state.ts';
import type { Store } from '../store.ts';
import { acquireLocalMedia, stopStream } from './local-media.ts';

export class LocalDevices {
  private readonly store: Store<RoomState>;
  private readonly onStream: (stream: MediaStream | null) => void;
  private wanted = false;
  private opening: Promise<void> | null = null;

  /** `onStream` hears of every newly opened stream (to send it to the peers). */
  constructor(store: Store<RoomState>, onStream: (stream: MediaStream | null) => void) {
    this.store = store;
    this.onStream = onStream;
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

  /** What the others should be told (`media:state`). */
  mediaState(): { audio: boolean; video: boolean } {
    const local = this.state;
    return { audio: local.audio && local.hasAudio, video: local.video && local.hasVideo };
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

  /** Stops every track (camera light off); a later `open()` starts them again. */
  stop(): void {
    this.wanted = false;
    stopStream(this.state.stream);
    this.set({ stream: null, hasAudio: false, hasVideo: false, problem: null, acquiring: false });
  }

  private async acquire(): Promise<void> {
    const previous = this.state;
    stopStream(previous.stream);
    this.set({ stream: null, acquiring: true, problem: null });
    const { stream, problem } = await acquireLocalMedia();
    if (!this.wanted) {
      stopStream(stream);
      this.set({ acquiring: false });
      return;
    }
    // Keep the person's choice (e.g. microphone off) when the devices are opened again.
    for (const track of stream?.getAudioTracks() ?? []) track.enabled = previous.audio;
    for (const track of stream?.getVideoTracks() ?? []) track.enabled = previous.video;
    this.set({
      stream,
      problem,
      acquiring: false,
      hasAudio: (stream?.getAudioTracks().length ?? 0) > 0,
      hasVideo: (stream?.getVideoTracks().length ?? 0) > 0,
    });
    this.onStream(stream);
  }

  private set(changes: Partial<LocalMediaState>): void {
    this.store.setState(({ local }) => ({ local: { ...local, ...changes } }));
  }
}
