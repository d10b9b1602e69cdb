/**
 * The peer-to-peer mesh: one PeerLink per other admitted participant, kept in step with the room and
 * mirrored into the store's `peers` for the call view.
 *
 * Who offers: the newcomer (it connects to everyone in its snapshot, offering at once). The others, told
 * by `peer:joined`, make their connection right away but wait briefly for that offer and answer it, so the
 * usual join needs one offer/answer exchange, no collision, and no connection set-up while the offer waits;
 * if no offer comes in time they offer themselves. Perfect negotiation keeps every other ordering correct too.
 */
import type {
  IceCandidate,
  MediaSettings,
  MediaState,
  ParticipantInfo,
  PeerInfo,
  SessionDescription,
} from '@virtuelles-amt/video-service/contract/signalling';
import type { RemotePeerState, RoomState } from '../state.ts';
import type { Store } from '../store.ts';
import type { Outgoing } from './local-devices.ts';
import { blankPeer, mediaPatch, patchPeer, type MediaLinks, type PeerChannels } from './media-links.ts';
import { isReadyFor, PeerLink, readyConnection, sendOutgoing } from './peer-link.ts';

export interface MeshSignals {
  description(to: string, description: SessionDescription): void;
  candidate(to: string, candidate: IceCandidate): void;
}

type Signal = { description: SessionDescription } | { candidate: IceCandidate };

/** How long a `peer:joined` waits for the newcomer's offer before offering itself. */
const NEWCOMER_OFFER_WAIT_MS = 1500;
const EARLY_PEERS_MAX = 8;
const EARLY_SIGNALS_MAX = 64;
/** After a link took the spare: the next one is made once that link connected, or after this long. */
const SPARE_AFTER_USE_MS = 3000;

export class PeerMesh implements MediaLinks {
  private readonly store: Store<RoomState>;
  private readonly signals: MeshSignals;
  private readonly links = new Map<string, PeerLink>();
  /**
   * Newcomers whose offer we wait for (their link exists): ends the wait — stops the timer that makes us offer
   * instead, and lets the page re-render again (see `joined`).
   */
  private readonly expected = new Map<string, () => void>();
  /**
   * Signals from peers without a link yet (an offer can overtake `peer:joined` or our own snapshot),
   * replayed in order when the link is made. Bounded; dropped when the mesh is reset.
   */
  private readonly early = new Map<string, Signal[]>();
  /** A connection made ahead of time for the next link (see `prepare` and `makeSpare`). */
  private prepared: RTCPeerConnection | null = null;
  private spareTimer: ReturnType<typeof setTimeout> | undefined;
  /** This page keeps a spare connection (a clerk's, while admitted). */
  private keepSpare = false;
  private selfId = '';
  private media: MediaSettings | null = null;
  private outgoing: Outgoing = { stream: null, audio: null, video: null };
  private readonly channelListeners = new Set<(peerId: string, channel: RTCDataChannel) => void>();
  /** Data channels on the links (casework's ID-check stills). */
  readonly channels: PeerChannels = {
    open: (peerId, label) => this.links.get(peerId)?.openChannel(label) ?? null,
    listen: (listener) => {
      this.channelListeners.add(listener);
      return () => void this.channelListeners.delete(listener);
    },
  };

  /** See PeerLinkOptions.hold. */
  private readonly hold: (() => () => void) | undefined;

  constructor(store: Store<RoomState>, signals: MeshSignals, hold?: () => () => void) {
    this.store = store;
    this.signals = signals;
    this.hold = hold;
  }

  /**
   * Makes the next link's RTCPeerConnection now, while waiting for the admission or for the re-join:
   * creating one takes from a few to tens of milliseconds of the page's main thread (Chromium), which would
   * otherwise lie between the admission and the offer. Our tracks are added as soon as the devices are open
   * (`setOutgoing`); the ICE servers come with the snapshot. Nothing is gathered or sent until it is used.
   */
  prepare(): void {
    if (this.prepared || typeof RTCPeerConnection !== 'function') return;
    try {
      this.prepared = new RTCPeerConnection();
      sendOutgoing(this.prepared, this.outgoing);
    } catch {
      this.prepared?.close();
      this.prepared = null;
    }
  }

  /** Closes the prepared connection (leaving, or the room runs the SFU). */
  release(): void {
    clearTimeout(this.spareTimer);
    this.keepSpare = false;
    this.prepared?.close();
    this.prepared = null;
  }

  /** Who we are and how to connect (from the admitted snapshot). */
  configure(selfId: string, media: MediaSettings | null): void {
    this.selfId = selfId;
    this.media = media;
    // Only a clerk lets newcomers in (and a clerk's page takes a reloading citizen back); elsewhere a spare
    // would only be one more connection to close when the page goes.
    this.keepSpare = this.store.getState().self?.role === 'clerk';
    // At once: a clerk who enters while someone waits may admit them within a moment.
    this.spareSoon(0, false);
  }

  /** Matches the mesh to a snapshot's participant list; we are the newcomer and offer. */
  sync(participants: PeerInfo[]): void {
    const present = new Set(participants.map((participant) => participant.id));
    for (const id of [...this.links.keys(), ...this.expected.keys()]) if (!present.has(id)) this.drop(id);
    for (const participant of participants) {
      this.ensure(participant, true);
      this.mediaState(participant.id, participant.media);
    }
  }

  /**
   * A participant (re)connected: a fresh connection replaces any older one, made now so that their offer
   * finds it ready; it waits for that offer instead of offering itself.
   */
  joined(peer: PeerInfo): void {
    this.drop(peer.id, false);
    const info: ParticipantInfo = { id: peer.id, role: peer.role, name: peer.name };
    this.store.setState(({ peers }) => ({ peers: { ...peers, [peer.id]: blankPeer(info) } }));
    this.mediaState(peer.id, peer.media);
    const offered = this.early.get(peer.id)?.some((signal) => 'description' in signal) ?? false;
    const link = this.ensure(info, false, !offered);
    if (offered) return;
    // Their offer follows within a round trip: the re-renders of this notification (the new tile, the
    // waiting list) wait until it has been answered, instead of running just when it arrives.
    const release = this.hold?.();
    const timer = setTimeout(() => {
      this.stopWaiting(peer.id);
      link.offerNow();
    }, NEWCOMER_OFFER_WAIT_MS);
    this.expected.set(peer.id, () => {
      clearTimeout(timer);
      release?.();
    });
  }

  /** A participant left; returns who it was. */
  left(id: string): ParticipantInfo | undefined {
    const info = this.store.getState().peers[id]?.info;
    this.drop(id);
    return info;
  }

  mediaState(id: string, state: MediaState | undefined): void {
    if (state) this.patch(id, mediaPatch(state));
  }

  description(from: string, description: SessionDescription): void {
    const link = this.links.get(from);
    if (link) {
      // The link holds the page's re-renders for its answer first, then the wait for this offer ends.
      void link.receiveDescription(description);
      this.stopWaiting(from);
      return;
    }
    this.keepEarly(from, { description });
  }

  candidate(from: string, candidate: IceCandidate | null): void {
    if (!candidate) return;
    const link = this.links.get(from);
    if (link) void link.receiveCandidate(candidate);
    else this.keepEarly(from, { candidate });
  }

  setOutgoing(outgoing: Outgoing): void {
    this.outgoing = outgoing;
    for (const link of this.links.values()) link.setOutgoing(outgoing);
    // The connection prepared for a re-join gets the tracks now, not between the snapshot and the offer; a
    // spare's senders get newer tracks when a link takes it (PeerLink adopts and updates them).
    if (this.prepared) sendOutgoing(this.prepared, outgoing);
  }

  restartIce(): void {
    for (const link of this.links.values()) link.restartIce();
  }

  brokenFor(now: number): number {
    let longest = 0;
    for (const link of this.links.values())
      if (link.brokenSince !== null) longest = Math.max(longest, now - link.brokenSince);
    return longest;
  }

  async stats(): Promise<RTCStatsReport[]> {
    const pending = [...this.links.values()].map((link) => link.stats());
    const settled = await Promise.allSettled(pending.filter((report) => report !== null));
    return settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  }

  /** Closes every connection (leaving, or before renegotiating after a reconnect). */
  closeAll(): void {
    clearTimeout(this.spareTimer);
    this.keepSpare = false;
    for (const link of this.links.values()) link.close();
    for (const id of [...this.expected.keys()]) this.stopWaiting(id);
    this.links.clear();
    this.early.clear();
    if (Object.keys(this.store.getState().peers).length > 0) this.store.setState({ peers: {} });
  }

  /** The link to `info.id`, made if missing; `offerer`: we start the negotiation (see PeerLinkOptions). */
  private ensure(info: ParticipantInfo, offerer: boolean, awaitOffer = false): PeerLink {
    const id = info.id;
    this.stopWaiting(id);
    const existing = this.links.get(id);
    if (existing) {
      this.patch(id, { info });
      if (offerer && existing.awaitsOffer) existing.offerNow();
      return existing;
    }
    const link: PeerLink = new PeerLink({
      peerId: id,
      polite: this.selfId > id,
      media: this.media,
      outgoing: this.outgoing,
      offerer,
      awaitOffer,
      prepared: this.takePrepared(),
      ...(this.hold ? { hold: this.hold } : {}),
      sendDescription: (description) => this.signals.description(id, description),
      sendCandidate: (candidate) => this.signals.candidate(id, candidate),
      onRemoteStream: (stream) => {
        if (this.links.get(id) === link) this.patch(id, { stream });
      },
      onConnectionState: (connection) => {
        if (this.links.get(id) !== link) return;
        this.patch(id, { connection });
        if (connection === 'connected') this.spareSoon(0);
      },
      onDataChannel: (channel) => {
        for (const listener of [...this.channelListeners]) listener(id, channel);
      },
    });
    this.links.set(id, link);
    this.store.setState(({ peers }) => ({ peers: { ...peers, [id]: { ...blankPeer(info), ...pick(peers[id]) } } }));
    for (const signal of this.early.get(id) ?? []) {
      void ('description' in signal
        ? link.receiveDescription(signal.description)
        : link.receiveCandidate(signal.candidate));
    }
    this.early.delete(id);
    return link;
  }

  private takePrepared(): RTCPeerConnection | null {
    const prepared = this.prepared;
    this.prepared = null;
    // The next newcomer (an interpreter, the same citizen after a reload) finds one ready too, made once this
    // connection is up (see onConnectionState) or after a while.
    this.spareSoon(SPARE_AFTER_USE_MS);
    return prepared;
  }

  /**
   * Makes a spare connection for the next participant who joins (on entering the call, later in a quiet
   * moment): with this admission's ICE servers and our tracks already added. The clerk's page thus has nothing
   * to build when the citizen it admits arrives with an offer (creating a connection and adding the tracks took
   * 5–15 ms of its main thread right then; docs/signalling.md "Join latency"). It stays idle: nothing is
   * gathered or sent before it is used for a link and negotiated. Only a clerk's page keeps one, only while
   * admitted (`configure`); closed on leaving.
   */
  private spareSoon(delayMs: number, idle = true): void {
    clearTimeout(this.spareTimer);
    if (!this.keepSpare) return;
    this.spareTimer = setTimeout(() => (idle ? whenIdle(() => this.makeSpare()) : this.makeSpare()), delayMs);
  }

  private makeSpare(): void {
    if (!this.keepSpare || typeof RTCPeerConnection !== 'function') return;
    const current = this.prepared;
    if (current && isReadyFor(current, this.media)) return;
    try {
      this.prepared = readyConnection(this.media, this.outgoing);
      current?.close();
    } catch {
      // Without a spare the link makes its connection itself.
    }
  }

  private stopWaiting(id: string): void {
    this.expected.get(id)?.();
    this.expected.delete(id);
  }

  private keepEarly(from: string, signal: Signal): void {
    if (!this.early.has(from) && this.early.size >= EARLY_PEERS_MAX) return;
    const kept = this.early.get(from) ?? [];
    if (kept.length < EARLY_SIGNALS_MAX) kept.push(signal);
    this.early.set(from, kept);
  }

  /** Closes the link to `id`; `forgetEarly: false` keeps signals that overtook a `peer:joined`. */
  private drop(id: string, forgetEarly = true): void {
    this.links.get(id)?.close();
    this.links.delete(id);
    this.stopWaiting(id);
    if (forgetEarly) this.early.delete(id);
    this.store.setState(({ peers }) => {
      if (!(id in peers)) return {};
      const { [id]: _gone, ...rest } = peers;
      return { peers: rest };
    });
  }

  private patch(id: string, changes: Partial<RemotePeerState>): void {
    patchPeer(this.store, id, changes);
  }
}

/** What a peer already told us (media state, quality) survives the link being made. */
function pick(peer: RemotePeerState | undefined): Partial<RemotePeerState> {
  return peer ? { audio: peer.audio, video: peer.video, screen: peer.screen, quality: peer.quality } : {};
}

/** Runs `task` when the page's main thread is idle (within a second), or soon where the browser cannot tell. */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1000 });
  else setTimeout(task, 50);
}
