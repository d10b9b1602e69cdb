/**
 * One RTCPeerConnection to one other admitted participant, negotiated with the W3C "perfect negotiation"
 * pattern (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example): both sides may offer at any
 * time; on a collision the impolite side ignores the other's offer and the polite side rolls back its own
 * (done implicitly by `setRemoteDescription`). Who is polite is agreed without talking: the participant
 * whose id sorts greater (`self.id > peer.id`).
 *
 * One addition to the example: signals from the peer are handled strictly one after another (a description
 * also waits for our answer to the one before), and a remote offer waits until our own
 * `setLocalDescription()` has finished. Seen in our browser tests (Chromium 156):
 * a remote offer applied while the own offer was still being set left the polite side without any ICE
 * candidates after the rollback, and that call never connected.
 *
 * Two more for a quick join (docs/signalling.md "Join latency"): the side that starts offers at once instead
 * of waiting for `negotiationneeded` (a task Chromium runs only after the page has drawn the call view), and
 * a connection can be made ahead of a newcomer's offer (`awaitOffer`) without offering itself, so that the
 * offer finds it ready. A `negotiationneeded` that is skipped comes again when the state is back at
 * `stable` if negotiation is still needed (W3C webrtc-pc, "update the negotiation-needed flag").
 */
import type {
  IceCandidate,
  MediaSettings,
  SessionDescription,
} from '@virtuelles-amt/video-service/contract/signalling';
import type { Outgoing } from './local-devices.ts';

/** How long ICE may stay 'disconnected' (often a short blip that heals by itself) before it is restarted. */
const DISCONNECTED_GRACE_MS = 2500;

export interface PeerLinkOptions {
  peerId: string;
  polite: boolean;
  media: MediaSettings | null;
  outgoing: Outgoing;
  /** This side starts the negotiation: it offers at once (`offerNow()`). */
  offerer: boolean;
  /**
   * The peer is about to offer (a newcomer): this side makes no offer of its own until the peer's first
   * description arrived or `offerNow()` is called. Ignored with `offerer`. Default false.
   */
  awaitOffer?: boolean;
  sendDescription(description: SessionDescription): void;
  sendCandidate(candidate: IceCandidate): void;
  /** The stream carrying the peer's tracks (the same object for all of them). */
  onRemoteStream(stream: MediaStream): void;
  onConnectionState(state: RTCPeerConnectionState): void;
  /** A data channel the peer opened on this connection (casework's ID-check stills). */
  onDataChannel?(channel: RTCDataChannel): void;
  /** An unused connection made ahead of time (PeerMesh.prepare); it is configured here. Default: a new one. */
  prepared?: RTCPeerConnection | null;
  /**
   * Called when our offer or answer is being made; the returned function once it has been sent and the
   * connection is up. The page holds its re-renders meanwhile (ui/render-gate.ts). Default: nothing.
   */
  hold?(): () => void;
}

export class PeerLink {
  readonly peerId: string;
  private readonly options: PeerLinkOptions;
  private readonly pc: RTCPeerConnection;
  /** One sender per kind; a new camera or the screen replaces its track (no renegotiation). */
  private readonly senders = new Map<string, RTCRtpSender>();
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  /** Since when the connection is broken (ICE disconnected/failed); null while fine. */
  brokenSince: number | null = null;
  private makingOffer = false;
  /** Our offer in progress (settles when `setLocalDescription()` is done). */
  private offering: Promise<void> = Promise.resolve();
  /** Signals from the peer, handled in arrival order. */
  private inbox: Promise<void> = Promise.resolve();
  /** Our answer in progress (settles once set and sent); the peer's next description waits for it. */
  private answering: Promise<void> = Promise.resolve();
  private ignoreOffer = false;
  /** Holds to end once the connection is up (or has failed). */
  private readonly untilConnected: (() => void)[] = [];
  /** The W3C example's `isSettingRemoteAnswerPending`: an answer is being applied right now. */
  private isSettingRemoteAnswerPending = false;
  /** See `PeerLinkOptions.awaitOffer`. */
  private waitingForOffer: boolean;
  private closed = false;

  constructor(options: PeerLinkOptions) {
    this.peerId = options.peerId;
    this.options = options;
    this.waitingForOffer = !options.offerer && options.awaitOffer === true;
    this.pc = connectionFor(options.media, options.prepared ?? null);
    // A spare connection comes with our tracks added: `setOutgoing` below updates those senders.
    for (const sender of this.pc.getSenders()) if (sender.track) this.senders.set(sender.track.kind, sender);
    this.pc.onnegotiationneeded = () => {
      if (this.waitingForOffer || this.makingOffer || this.pc.signalingState !== 'stable') return;
      this.offering = this.offer();
    };
    this.pc.onicecandidate = ({ candidate }) => {
      if (candidate && !this.closed) this.options.sendCandidate(candidate.toJSON() as IceCandidate);
    };
    this.pc.oniceconnectionstatechange = () => this.onIceState(this.pc.iceConnectionState);
    this.pc.onconnectionstatechange = () => {
      const state = this.pc.connectionState;
      if (state === 'connected' || state === 'failed' || state === 'closed')
        for (const release of this.untilConnected.splice(0)) release();
      this.options.onConnectionState(state);
    };
    this.pc.ontrack = ({ track, streams }) => {
      const stream = streams[0] ?? new MediaStream([track]);
      this.options.onRemoteStream(stream);
    };
    if (options.onDataChannel) this.pc.ondatachannel = ({ channel }) => options.onDataChannel?.(channel);
    this.setOutgoing(options.outgoing);
    if (options.offerer) this.offerNow();
  }

  /** Still waiting for the peer's first description (`awaitOffer`), without an offer of our own. */
  get awaitsOffer(): boolean {
    return this.waitingForOffer;
  }

  /**
   * Starts the negotiation from this side now (the newcomer, or when a newcomer's offer did not come).
   * Without a camera or microphone it still asks to receive them (recvonly transceivers, reused by
   * `addTrack` later), so an offer is made in every case.
   */
  offerNow(): void {
    this.waitingForOffer = false;
    if (this.closed || this.makingOffer || this.pc.signalingState !== 'stable') return;
    for (const kind of ['audio', 'video'] as const) {
      if (!this.senders.has(kind)) this.pc.addTransceiver(kind, { direction: 'recvonly' });
    }
    this.offering = this.offer();
  }

  /**
   * Sends these tracks: a kind sent before gets the new track with `replaceTrack` (another camera, the
   * screen), a kind not sent yet is added (e.g. the camera was allowed late).
   */
  setOutgoing(outgoing: Outgoing): void {
    if (this.closed) return;
    for (const kind of ['audio', 'video'] as const) {
      const track = outgoing[kind];
      const sender = this.senders.get(kind);
      if (sender) {
        if (sender.track !== track) void sender.replaceTrack(track).catch(() => undefined);
      } else if (track) {
        this.senders.set(kind, this.pc.addTrack(track, outgoing.stream ?? new MediaStream([track])));
      }
    }
  }

  /** Gathers new candidates and renegotiates (network change, broken path). */
  restartIce(): void {
    clearTimeout(this.restartTimer);
    if (!this.closed) this.pc.restartIce();
  }

  /**
   * A new data channel on this connection (renegotiated by perfect negotiation when it is the first); null
   * once closed. Used for the ID check's stills, which must not leave the two browsers.
   */
  openChannel(label: string): RTCDataChannel | null {
    return this.closed ? null : this.pc.createDataChannel(label, { ordered: true });
  }

  /** The connection's statistics (for the quality indicator); null once closed. */
  stats(): Promise<RTCStatsReport> | null {
    return this.closed ? null : this.pc.getStats();
  }

  /** Applies a description from the peer (after everything received before it); answers offers. */
  receiveDescription(description: SessionDescription): Promise<void> {
    this.waitingForOffer = false;
    // Held from the offer's arrival: re-renders queued by the notifications before it must not run first.
    const release = description.type === 'offer' ? this.hold() : noop;
    let answering = false;
    return this.enqueue(async () => {
      answering = await this.applyDescription(description, release);
    }).finally(() => {
      if (!answering) release();
    });
  }

  /** Adds a candidate from the peer (after everything received before it). */
  receiveCandidate(candidate: IceCandidate): Promise<void> {
    return this.enqueue(() => this.applyCandidate(candidate));
  }

  /** Closes the connection; safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const release of this.untilConnected.splice(0)) release();
    clearTimeout(this.restartTimer);
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.oniceconnectionstatechange = null;
    this.pc.onconnectionstatechange = null;
    this.pc.ontrack = null;
    this.pc.ondatachannel = null;
    this.pc.close();
  }

  /** A network change (Wi-Fi to mobile data) breaks the path: gather new candidates, keep the call. */
  private onIceState(state: RTCIceConnectionState): void {
    clearTimeout(this.restartTimer);
    if (state === 'connected' || state === 'completed') {
      this.brokenSince = null;
      return;
    }
    if (state !== 'disconnected' && state !== 'failed') return;
    this.brokenSince ??= Date.now();
    if (state === 'failed') this.restartIce();
    // The polite side waits twice as long: when both sides restart ICE at the same moment, Chromium sometimes
    // keeps decoding on the polite side but never draws again (seen in test/e2e/media-network-change.test.ts).
    else
      this.restartTimer = setTimeout(
        () => this.restartIce(),
        this.options.polite ? DISCONNECTED_GRACE_MS * 2 : DISCONNECTED_GRACE_MS,
      );
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.inbox = this.inbox.then(() => (this.closed ? undefined : task()));
    return this.inbox;
  }

  /** Returns whether an answer is under way; it calls `afterAnswer` once sent. */
  private async applyDescription(description: SessionDescription, afterAnswer: () => void): Promise<boolean> {
    const pc = this.pc;
    await this.answering;
    if (description.type === 'offer' && this.makingOffer) await this.offering;
    if (this.closed) return false;
    try {
      const readyForOffer = !this.makingOffer && (pc.signalingState === 'stable' || this.isSettingRemoteAnswerPending);
      const offerCollision = description.type === 'offer' && !readyForOffer;
      this.ignoreOffer = !this.options.polite && offerCollision;
      if (this.ignoreOffer) return false;
      this.isSettingRemoteAnswerPending = description.type === 'answer';
      await pc.setRemoteDescription(description);
      this.isSettingRemoteAnswerPending = false;
      if (description.type !== 'offer') return false;
      // The peer's candidates need not wait behind our answer on this page's main thread: the browser
      // applies them after the answer anyway (its operations chain), so the ICE checks start sooner.
      this.answering = this.answer().finally(() => this.whenConnected(afterAnswer));
      return true;
    } catch (error) {
      this.isSettingRemoteAnswerPending = false;
      if (!this.closed) console.warn('peer-link | description failed', this.peerId, (error as Error).name);
      return false;
    }
  }

  private async answer(): Promise<void> {
    try {
      await this.pc.setLocalDescription();
      this.sendLocalDescription();
    } catch (error) {
      if (!this.closed) console.warn('peer-link | answer failed', this.peerId, (error as Error).name);
    }
  }

  /** Failures for the candidates of an ignored offer are expected. */
  private async applyCandidate(candidate: IceCandidate): Promise<void> {
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (error) {
      if (!this.ignoreOffer && !this.closed)
        console.warn('peer-link | candidate failed', this.peerId, (error as Error).name);
    }
  }

  private async offer(): Promise<void> {
    const release = this.hold();
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.sendLocalDescription();
    } catch (error) {
      if (!this.closed) console.warn('peer-link | offer failed', this.peerId, (error as Error).name);
    } finally {
      this.makingOffer = false;
      this.whenConnected(release);
    }
  }

  /**
   * Ends a hold once the connection is up: until then every step of the set-up (the other side's description,
   * our candidates, the ICE checks' results, DTLS) is an event on this page's main thread that a re-render run
   * in between would delay by its length. Between "connected" and the first video frame the page has time.
   * At once when already connected (a renegotiation).
   */
  private whenConnected(release: () => void): void {
    if (this.closed || this.pc.connectionState === 'connected') release();
    else this.untilConnected.push(release);
  }

  private hold(): () => void {
    return this.options.hold?.() ?? noop;
  }

  private sendLocalDescription(): void {
    const local = this.pc.localDescription;
    if (!local || this.closed) return;
    this.options.sendDescription({ type: local.type, sdp: local.sdp });
  }
}

const noop = (): void => undefined;

/** The ICE configuration each spare connection was made with (see `readyConnection`). */
const madeFor = new WeakMap<RTCPeerConnection, string>();

/**
 * A connection for the next link, made ahead of time: `media`'s ICE servers and our tracks. Nothing is
 * gathered before it is negotiated, so it can wait unused for as long as needed.
 */
export function readyConnection(media: MediaSettings | null, outgoing: Outgoing): RTCPeerConnection {
  const config = configOf(media);
  const pc = new RTCPeerConnection(config);
  madeFor.set(pc, JSON.stringify(config));
  sendOutgoing(pc, outgoing);
  return pc;
}

/** Adds the tracks of the kinds an unused connection does not send yet (e.g. the devices opened after it was made). */
export function sendOutgoing(pc: RTCPeerConnection, outgoing: Outgoing): void {
  if (pc.signalingState !== 'stable' || pc.localDescription !== null) return;
  const sent = new Set(pc.getSenders().map((sender) => sender.track?.kind));
  for (const track of [outgoing.audio, outgoing.video]) {
    if (track && !sent.has(track.kind)) pc.addTrack(track, outgoing.stream ?? new MediaStream([track]));
  }
}

/** Whether a spare connection was made for `media`'s ICE servers and has not been used. */
export function isReadyFor(pc: RTCPeerConnection, media: MediaSettings | null): boolean {
  return (
    pc.signalingState === 'stable' &&
    pc.localDescription === null &&
    madeFor.get(pc) === JSON.stringify(configOf(media))
  );
}

function configOf(media: MediaSettings | null): RTCConfiguration {
  return {
    iceServers: (media?.iceServers ?? []).map((server) => ({
      urls: server.urls,
      ...(server.username === undefined ? {} : { username: server.username }),
      ...(server.credential === undefined ? {} : { credential: server.credential }),
    })),
    iceTransportPolicy: media?.iceTransportPolicy ?? 'all',
  };
}

/**
 * The connection for `media`'s ICE servers: the prepared one when it was made for them (a spare) or can still
 * take them (never negotiated, so nothing was gathered and `setConfiguration` may change servers and policy),
 * else a new one.
 */
function connectionFor(media: MediaSettings | null, prepared: RTCPeerConnection | null): RTCPeerConnection {
  const config = configOf(media);
  if (prepared && isReadyFor(prepared, media)) return prepared;
  if (prepared && prepared.signalingState === 'stable' && prepared.localDescription === null) {
    try {
      prepared.setConfiguration(config);
      return prepared;
    } catch {
      // A browser that refuses the change gets a fresh connection.
    }
  }
  prepared?.close();
  return new RTCPeerConnection(config);
}
