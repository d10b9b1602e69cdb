/**
 * What the room needs from its media connections, whichever carries them: the peer-to-peer mesh
 * (peer-mesh.ts, what runs by default) or the SFU (sfu-links.ts, loaded only in `sfu` mode).
 * Both mirror the other participants into the store's `peers`.
 */
import type {
  MediaSettings,
  MediaState,
  ParticipantInfo,
  PeerInfo,
} from '@virtuelles-amt/video-service/contract/signalling';
import type { RemotePeerState, RoomState } from '../state.ts';
import type { Store } from '../store.ts';
import type { Outgoing } from './local-devices.ts';

/** Data channels on the peer-to-peer connections (the mesh only; the SFU carries no data channels here). */
export interface PeerChannels {
  /** A new data channel to `peerId` on the existing connection, or null when there is none. */
  open(peerId: string, label: string): RTCDataChannel | null;
  /** Channels the peers open to us; returns the function that stops listening. */
  listen(listener: (peerId: string, channel: RTCDataChannel) => void): () => void;
}

export interface MediaLinks {
  /** Who we are and how to connect (from the admitted snapshot). */
  configure(selfId: string, media: MediaSettings | null): void;
  /** Matches the connections to a snapshot's participant list. */
  sync(participants: PeerInfo[]): void;
  /** Someone (re)entered the call. */
  joined(peer: PeerInfo): void;
  /** Someone left; returns who it was. */
  left(id: string): ParticipantInfo | undefined;
  mediaState(id: string, state: MediaState | undefined): void;
  /** What this device sends changed (new camera, screen share, devices allowed late). */
  setOutgoing(outgoing: Outgoing): void;
  /** ICE restart on every connection (network change). */
  restartIce(): void;
  /** How long the longest-broken connection has been broken, in ms (0: all fine). */
  brokenFor(now: number): number;
  /** Statistics of every open connection (quality indicator). */
  stats(): Promise<RTCStatsReport[]>;
  /** Closes every connection (leaving, sent back to the lobby, before renegotiating after a reconnect). */
  closeAll(): void;
  /**
   * Optional: the tile of `participantId` is shown at `width`×`height` device pixels (the SFU picks the
   * simulcast layer from it; a peer-to-peer link sends one encoding and ignores it).
   */
  viewSize?(participantId: string, width: number, height: number): void;
  /** Optional: data channels to the peers (peer-to-peer only). */
  readonly channels?: PeerChannels;
}

export function blankPeer(info: ParticipantInfo): RemotePeerState {
  return { info, stream: null, audio: true, video: true, screen: false, connection: 'new', quality: null };
}

/** The media part of a peer's state, from `peer:media` or the snapshot. */
export function mediaPatch(state: MediaState): Partial<RemotePeerState> {
  return { audio: state.audio, video: state.video, screen: state.screen ?? false };
}

/** Changes one known peer in the store (unknown ids are ignored). */
export function patchPeer(store: Store<RoomState>, id: string, changes: Partial<RemotePeerState>): void {
  store.setState(({ peers }) => {
    const current = peers[id];
    return current ? { peers: { ...peers, [id]: { ...current, ...changes } } } : {};
  });
}
