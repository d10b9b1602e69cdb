/**
 * The person's own media verbs (STYLE.md 8): microphone and camera on/off, another camera or microphone,
 * the other camera of a phone, the loudspeaker, and the screen share. Every change the others should know
 * of is announced with `media:state` (through `announce`).
 */
import type { RoomState } from '../state.ts';
import type { Store } from '../store.ts';
import type { LocalDevices } from './local-devices.ts';

export class MediaControls {
  private readonly store: Store<RoomState>;
  private readonly devices: LocalDevices;
  private readonly announce: () => void;
  private readonly mayShareScreen: () => boolean;

  constructor(store: Store<RoomState>, devices: LocalDevices, announce: () => void, mayShareScreen: () => boolean) {
    this.store = store;
    this.devices = devices;
    this.announce = announce;
    this.mayShareScreen = mayShareScreen;
  }

  /** Opens camera and microphone for the self view; again after a device problem. */
  preview(): Promise<void> {
    return this.devices.open();
  }

  toggleMic(): void {
    this.devices.toggleAudio();
    this.announce();
  }

  /** Camera on/off (a disabled track sends black frames). */
  toggleCamera(): void {
    this.devices.toggleVideo();
    this.announce();
  }

  /** Front ↔ back camera on a phone, or the next camera. */
  switchCamera(): Promise<void> {
    return this.devices.switchCamera();
  }

  selectCamera(id: string): Promise<void> {
    return this.devices.selectCamera(id);
  }

  selectMicrophone(id: string): Promise<void> {
    return this.devices.selectMicrophone(id);
  }

  /** The loudspeaker for the others' sound (`setSinkId`); '' = the default. */
  selectSpeaker(id: string): void {
    this.store.setState({ speakerId: id || null });
  }

  /** Starts or stops sharing the screen (clerks always; others when the clerk allows it). */
  async toggleScreenShare(): Promise<void> {
    if (this.store.getState().local.screen) return this.devices.stopScreenShare();
    if (!this.mayShareScreen()) return;
    if (!(await this.devices.startScreenShare())) this.store.setState({ notice: 'noticeScreenShareFailed' });
  }
}
