/**
 * The SFU media engine (loaded lazily by sfu-links.ts, together with mediasoup-client, as a separate chunk
 * that only SFU rooms fetch): one send and one receive transport to the room's mediasoup router instead of
 * a peer connection per participant (docs/signalling.md, "SFU"). The handler is detected from the browser;
 * where detection fails (HeadlessChrome, unusual user agents) Chrome111 is named.
 *
 * Flow: capabilities (the browser's own probed alongside, sfu-device.ts) → `device.load()` → send and recv
 * transports → produce microphone and camera (the camera always as simulcast, ADR 0195) → consume every
 * producer of the others (the server creates consumers paused: resume once the client side exists) → ask for
 * the simulcast layer each tile's size needs (sfu-layers.ts) → ICE restart on a broken transport. One engine
 * lives for one admitted stay; `close()` ends it (a rejoin makes a new one, and so does `sfu:restart`: the
 * server lost the room's media). `onFlowing` is called once every transport with something on it has
 * connected — the page takes its "restoring" notice away then.
 */
import type { Device, types } from 'mediasoup-client';
import type { RequestPayload } from '../signalling/room-socket.ts';
import type { RoomState } from '../state.ts';
import type { Store } from '../store.ts';
import type { Outgoing } from './local-devices.ts';
import { patchPeer } from './media-links.ts';
import { browserDevice } from './sfu-device.ts';
import { LayerPreferences } from './sfu-layers.ts';
import type { SfuRequest } from './sfu-request.ts';

type Kind = 'audio' | 'video';

/**
 * Two simulcast layers (half and full size), from the first other participant on (ADR 0195). Two, not
 * three: Chromium sends at most two for a 640×480 camera (its resolution-based layer limit) and drops the
 * *top* one of three, which capped every picture at 320×240 (measured: r2 had no frames).: the SFU forwards the one each
 * viewer's tile needs (sfu-layers.ts) and bandwidth allows. Sent as simulcast from the start, a camera never
 * has to be produced anew when a third person joins, so the others' pictures run on uninterrupted.
 */
const SIMULCAST: RTCRtpEncodingParameters[] = [
  { rid: 'r0', scaleResolutionDownBy: 2, maxBitrate: 300_000 },
  { rid: 'r1', maxBitrate: 1_200_000 },
];

/** Makes the mediasoup-client Device (tests: one with mediasoup-client's FakeHandler, outside a browser). */
export type DeviceFactory = () => Device;

export class SfuEngine {
  private readonly store: Store<RoomState>;
  private readonly request: SfuRequest;
  private device: Device | null = null;
  private send: types.Transport | null = null;
  private recv: types.Transport | null = null;
  private readonly producers = new Map<Kind, types.Producer>();
  private readonly consumers = new Map<string, { consumer: types.Consumer; participantId: string }>();
  /** Producers being consumed right now (the list at start and a `newProducer` can name the same one). */
  private readonly consuming = new Set<string>();
  /**
   * Producers closed while their consume was in flight: a camera re-sent as simulcast when a third person
   * joins closes its producer, and the close can overtake the consume's answer. Without this the dead
   * consumer's track stayed in the tile's stream, ahead of the new one, and the tile showed no frames.
   */
  private readonly closedProducers = new Set<string>();
  /** The same for consumers the server closed (`sfu:consumerClosed`) before their consume was answered here. */
  private readonly closedConsumers = new Set<string>();
  private outgoing: Outgoing;
  private readonly makeDevice: DeviceFactory;
  private readonly layers: LayerPreferences;
  private closed = false;
  private started = false;
  /** Called once when media flows (see the file's comment); null: nobody waits for it. */
  private onFlowing: (() => void) | null = null;
  brokenSince: number | null = null;

  constructor(
    store: Store<RoomState>,
    request: SfuRequest,
    outgoing: Outgoing,
    makeDevice: DeviceFactory = browserDevice,
    onFlowing: (() => void) | null = null,
  ) {
    this.store = store;
    this.request = request;
    this.outgoing = outgoing;
    this.makeDevice = makeDevice;
    this.onFlowing = onFlowing;
    this.layers = new LayerPreferences(request);
  }

  async start(): Promise<void> {
    // Made first: the browser's capability probe (if any) runs while the request is under way.
    const device = this.makeDevice();
    const { routerRtpCapabilities } = await this.request('sfu:capabilities', {});
    await device.load({ routerRtpCapabilities: routerRtpCapabilities as unknown as types.RtpCapabilities });
    const sendOptions = await this.request('sfu:createTransport', { direction: 'send' });
    const recvOptions = await this.request('sfu:createTransport', {
      direction: 'recv',
      rtpCapabilities:
        device.recvRtpCapabilities as unknown as RequestPayload<'sfu:createTransport'>['rtpCapabilities'],
    });
    if (this.closed) return;
    this.device = device;
    this.send = this.transport(device, sendOptions, 'send');
    this.recv = this.transport(device, recvOptions, 'recv');
    const producing = (['audio', 'video'] as const).map((kind) => this.produce(kind));
    const others = await this.request('sfu:producers', {});
    // Waited for only to know when media flows; a failed one is retried by nothing here but does not stop the rest.
    await Promise.allSettled([...producing, ...others.map((producer) => this.consume(producer.producerId))]);
    this.started = true;
    this.checkFlowing();
  }

  setOutgoing(outgoing: Outgoing): void {
    this.outgoing = outgoing;
    for (const kind of ['audio', 'video'] as const) {
      const producer = this.producers.get(kind);
      const track = outgoing[kind];
      if (producer && producer.track !== track) void producer.replaceTrack({ track }).catch(() => undefined);
      else if (!producer && track) void this.produce(kind);
    }
  }

  restartIce(): void {
    for (const transport of [this.send, this.recv]) {
      if (!transport || transport.closed) continue;
      this.request('sfu:restartIce', { transportId: transport.id })
        .then(({ iceParameters }) => transport.restartIce({ iceParameters }))
        .catch(() => undefined);
    }
  }

  stats(): Promise<RTCStatsReport[]> {
    const open = [this.send, this.recv].filter(
      (transport): transport is types.Transport => transport !== null && !transport.closed,
    );
    return Promise.all(open.map((transport) => transport.getStats()));
  }

  /** The tile of `participantId` is shown at `width`×`height` device pixels (see sfu-layers.ts). */
  viewSize(participantId: string, width: number, height: number): void {
    this.layers.size(participantId, width, height);
  }

  consume = async (producerId: string): Promise<void> => {
    const recv = this.recv;
    if (!recv || this.consuming.has(producerId) || this.closedProducers.has(producerId)) return;
    if ([...this.consumers.values()].some((entry) => entry.consumer.producerId === producerId)) return;
    this.consuming.add(producerId);
    try {
      const options = await this.request('sfu:consume', { transportId: recv.id, producerId });
      const consumer = await recv.consume({
        id: options.id,
        producerId: options.producerId,
        kind: options.kind,
        rtpParameters: options.rtpParameters as unknown as types.RtpParameters,
      });
      if (this.closedProducers.has(producerId) || this.closedConsumers.has(consumer.id) || recv.closed) {
        consumer.close();
        return;
      }
      this.consumers.set(consumer.id, { consumer, participantId: options.participantId });
      this.attach(options.participantId);
      await this.request('sfu:resumeConsumer', { consumerId: consumer.id });
      if (consumer.kind === 'video')
        this.layers.added(consumer.id, options.participantId, options.type === 'simulcast');
      this.checkFlowing();
    } finally {
      this.consuming.delete(producerId);
    }
  };

  /** Drops consumers matching the producer, the consumer id, or the participant. */
  drop(match: { producerId?: string; consumerId?: string; participantId?: string }): void {
    if (match.producerId) this.closedProducers.add(match.producerId);
    if (match.consumerId) this.closedConsumers.add(match.consumerId);
    for (const [id, entry] of this.consumers) {
      if (
        id !== match.consumerId &&
        entry.consumer.producerId !== match.producerId &&
        entry.participantId !== match.participantId
      )
        continue;
      this.consumers.delete(id);
      this.layers.removed(id);
      entry.consumer.close();
      this.attach(entry.participantId);
    }
  }

  close(): void {
    this.closed = true;
    this.onFlowing = null;
    this.layers.close();
    this.send?.close();
    this.recv?.close();
    this.producers.clear();
    this.consumers.clear();
    this.closedProducers.clear();
    this.closedConsumers.clear();
  }

  private transport(device: Device, options: unknown, direction: 'send' | 'recv'): types.Transport {
    const settings = options as types.TransportOptions;
    const transport =
      direction === 'send' ? device.createSendTransport(settings) : device.createRecvTransport(settings);
    transport.on('connect', ({ dtlsParameters }, done, fail) => {
      this.request('sfu:connectTransport', { transportId: transport.id, dtlsParameters }).then(() => done(), fail);
    });
    transport.on('produce', ({ kind, rtpParameters }, done, fail) => {
      const source = kind === 'audio' ? 'microphone' : 'camera';
      this.request('sfu:produce', { transportId: transport.id, kind, rtpParameters, source }).then(
        ({ producerId }) => done({ id: producerId }),
        fail,
      );
    });
    transport.on('connectionstatechange', (state) => {
      if (state === 'connected') {
        this.brokenSince = null;
        this.checkFlowing();
      }
      if (state === 'disconnected' || state === 'failed') this.brokenSince ??= Date.now();
      if (state === 'failed') this.restartIce();
      if (direction !== 'recv') return;
      const connection: RTCPeerConnectionState = state === 'new' ? 'connecting' : state;
      for (const id of Object.keys(this.store.getState().peers)) patchPeer(this.store, id, { connection });
    });
    return transport;
  }

  /** Media flows: every transport that carries a producer or consumer is connected. */
  private checkFlowing(): void {
    if (!this.started || !this.onFlowing || this.closed) return;
    const connected = (transport: types.Transport | null) => transport?.connectionState === 'connected';
    if (this.producers.size > 0 && !connected(this.send)) return;
    if (this.consumers.size > 0 && !connected(this.recv)) return;
    const flowing = this.onFlowing;
    this.onFlowing = null;
    flowing();
  }

  private async produce(kind: Kind): Promise<void> {
    const track = this.outgoing[kind];
    if (!this.send || !this.device?.canProduce(kind) || !track || this.producers.has(kind)) return;
    const producer = await this.send.produce({
      track,
      stopTracks: false,
      ...(kind === 'video' ? { encodings: SIMULCAST } : {}),
    });
    this.producers.set(kind, producer);
  }

  /** The participant's stream, made anew from their consumers' tracks (a new object re-renders the tile). */
  private attach(participantId: string): void {
    // One track per kind, the newest live one: a <video> shows the first video track of its stream.
    const newest = new Map<string, MediaStreamTrack>();
    for (const { consumer, participantId: owner } of this.consumers.values()) {
      if (owner === participantId && !consumer.closed && consumer.track.readyState === 'live')
        newest.set(consumer.kind, consumer.track);
    }
    const tracks = [...newest.values()];
    patchPeer(this.store, participantId, {
      stream: tracks.length > 0 ? new MediaStream(tracks) : null,
      connection: 'connected',
    });
  }
}
