/**
 * SFU mode (the snapshot says `media.mode === 'sfu'`): one send and one receive transport to the room's
 * mediasoup router instead of a peer connection per participant (docs/signalling.md, "SFU").
 *
 * mediasoup-client (~40 KB gzipped) is imported only here, with a dynamic `import()`, so it is a separate
 * chunk that only SFU rooms load — never part of the join page's initial JavaScript. The handler is detected
 * from the browser; where detection fails (HeadlessChrome, unusual user agents) Chrome111 is named.
 *
 * Flow: capabilities → `device.load()` → send and recv transports → produce microphone and camera
 * (simulcast when more than two take part) → consume every producer of the others (the server creates
 * consumers paused: resume once the client side exists) → ICE restart on a broken transport.
 */
import type { types } from 'mediasoup-client';
import type { MediaSettings, MediaState, ParticipantInfo, PeerInfo, SfuProducerInfo, SfuTransportOptions } from '../../../src/contract/signalling.ts';
import type { DataOf, RequestName, RequestPayload } from '../signalling/room-socket.ts';
import type { RoomState } from '../state.ts';
import type { Store } from '../store.ts';
import type { Outgoing } from './local-devices.ts';
import { blankPeer, mediaPatch, patchPeer, type MediaLinks } from './media-links.ts';

export type SfuRequest = <E extends RequestName>(event: E, payload: RequestPayload<E>) => Promise<DataOf<E>>;

type Kind = 'audio' | 'video';

/** Three simulcast layers; the server forwards the one each receiver can take. */
const SIMULCAST: RTCRtpEncodingParameters[] = [
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 400_000 },
  { rid: 'r2', maxBitrate: 1_200_000 },
];

export class SfuLinks implements MediaLinks {
  private readonly store: Store<RoomState>;
  private readonly request: SfuRequest;
  private device: types.Device | null = null;
  private send: types.Transport | null = null;
  private recv: types.Transport | null = null;
  private readonly producers = new Map<Kind, types.Producer>();
  private readonly consumers = new Map<string, { consumer: types.Consumer; participantId: string }>();
  private outgoing: Outgoing = { stream: null, audio: null, video: null };
  private starting: Promise<void> | null = null;
  /** Bumped by closeAll(): late answers of an earlier start are dropped. */
  private generation = 0;
  private brokenSince: number | null = null;

  constructor(store: Store<RoomState>, request: SfuRequest) {
    this.store = store;
    this.request = request;
  }

  configure(_selfId: string, _media: MediaSettings | null): void {
    // Transports carry their own ICE servers (sfu:createTransport).
  }

  sync(participants: PeerInfo[]): void {
    const peers: RoomState['peers'] = {};
    for (const participant of participants) {
      const { media, ...info } = participant;
      peers[info.id] = { ...blankPeer(info), ...this.store.getState().peers[info.id], info, ...mediaPatch(media) };
    }
    this.store.setState({ peers });
    this.starting ??= this.start().catch((error: unknown) => {
      console.warn('sfu | start failed', (error as Error).name);
      this.brokenSince ??= Date.now();
    });
  }

  joined(peer: PeerInfo): void {
    const { media, ...info } = peer;
    this.store.setState(({ peers }) => ({ peers: { ...peers, [info.id]: { ...blankPeer(info), ...mediaPatch(media), connection: this.state() } } }));
    void this.resimulcast();
  }

  left(id: string): ParticipantInfo | undefined {
    const info = this.store.getState().peers[id]?.info;
    for (const [consumerId, entry] of this.consumers) if (entry.participantId === id) this.dropConsumer(consumerId);
    this.store.setState(({ peers }) => {
      const { [id]: _gone, ...rest } = peers;
      return { peers: rest };
    });
    return info;
  }

  mediaState(id: string, state: MediaState | undefined): void {
    if (state) patchPeer(this.store, id, mediaPatch(state));
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

  brokenFor(now: number): number {
    return this.brokenSince === null ? 0 : now - this.brokenSince;
  }

  async stats(): Promise<RTCStatsReport[]> {
    const open = [this.send, this.recv].filter((transport): transport is types.Transport => transport !== null && !transport.closed);
    return Promise.all(open.map((transport) => transport.getStats()));
  }

  closeAll(): void {
    this.generation += 1;
    this.send?.close();
    this.recv?.close();
    this.send = this.recv = this.device = null;
    this.producers.clear();
    this.consumers.clear();
    this.starting = null;
    this.brokenSince = null;
    if (Object.keys(this.store.getState().peers).length > 0) this.store.setState({ peers: {} });
  }

  /** `sfu:newProducer`: receive it. */
  newProducer(producer: SfuProducerInfo): void {
    if (this.recv) void this.consume(producer.producerId);
  }

  /** `sfu:producerClosed` / `sfu:consumerClosed`: drop the consumer(s). */
  producerClosed(producerId: string): void {
    for (const [consumerId, entry] of this.consumers) if (entry.consumer.producerId === producerId) this.dropConsumer(consumerId);
  }

  consumerClosed(consumerId: string): void {
    this.dropConsumer(consumerId);
  }

  private async start(): Promise<void> {
    const generation = this.generation;
    const { Device } = await import('mediasoup-client');
    const { routerRtpCapabilities } = await this.request('sfu:capabilities', {});
    let device: types.Device;
    try {
      device = new Device();
    } catch {
      device = new Device({ handlerName: 'Chrome111' });
    }
    await device.load({ routerRtpCapabilities: routerRtpCapabilities as unknown as types.RtpCapabilities });
    const sendOptions = await this.request('sfu:createTransport', { direction: 'send' });
    const recvOptions = await this.request('sfu:createTransport', {
      direction: 'recv',
      rtpCapabilities: device.recvRtpCapabilities as unknown as RequestPayload<'sfu:createTransport'>['rtpCapabilities'],
    });
    if (generation !== this.generation) return;
    this.device = device;
    this.send = this.transport(device, sendOptions, 'send');
    this.recv = this.transport(device, recvOptions, 'recv');
    this.setOutgoing(this.outgoing);
    for (const producer of await this.request('sfu:producers', {})) void this.consume(producer.producerId);
    this.markPeers('connected');
  }

  private transport(device: types.Device, options: SfuTransportOptions, direction: 'send' | 'recv'): types.Transport {
    const settings = options as unknown as types.TransportOptions;
    const transport = direction === 'send' ? device.createSendTransport(settings) : device.createRecvTransport(settings);
    transport.on('connect', ({ dtlsParameters }, done, fail) => {
      this.request('sfu:connectTransport', { transportId: transport.id, dtlsParameters }).then(() => done(), fail);
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, done, fail) => {
      const source = appData.source === 'screen' ? 'screen' : kind === 'audio' ? 'microphone' : 'camera';
      this.request('sfu:produce', { transportId: transport.id, kind, rtpParameters, source }).then(({ producerId }) => done({ id: producerId }), fail);
    });
    transport.on('connectionstatechange', (state) => {
      if (state === 'connected') this.brokenSince = null;
      if (state === 'disconnected' || state === 'failed') this.brokenSince ??= Date.now();
      if (state === 'failed') this.restartIce();
      if (direction === 'recv') this.markPeers(state === 'new' || state === 'closed' ? 'connecting' : state);
    });
    return transport;
  }

  private async produce(kind: Kind): Promise<void> {
    const track = this.outgoing[kind];
    if (!this.send || !this.device?.canProduce(kind) || !track || this.producers.has(kind)) return;
    const simulcast = kind === 'video' && Object.keys(this.store.getState().peers).length > 1;
    const producer = await this.send.produce({
      track,
      stopTracks: false,
      ...(simulcast ? { encodings: SIMULCAST } : {}),
      appData: { simulcast },
    });
    this.producers.set(kind, producer);
  }

  /** A third participant arrived: send the camera again, now as simulcast. */
  private async resimulcast(): Promise<void> {
    const video = this.producers.get('video');
    if (!video || video.appData.simulcast || Object.keys(this.store.getState().peers).length < 2) return;
    this.producers.delete('video');
    video.close();
    await this.request('sfu:closeProducer', { producerId: video.id }).catch(() => undefined);
    await this.produce('video');
  }

  private async consume(producerId: string): Promise<void> {
    const recv = this.recv;
    if (!recv) return;
    const options = await this.request('sfu:consume', { transportId: recv.id, producerId });
    const consumer = await recv.consume({
      id: options.id,
      producerId: options.producerId,
      kind: options.kind,
      rtpParameters: options.rtpParameters as unknown as types.RtpParameters,
    });
    this.consumers.set(consumer.id, { consumer, participantId: options.participantId });
    this.attach(options.participantId);
    await this.request('sfu:resumeConsumer', { consumerId: consumer.id });
  }

  private dropConsumer(consumerId: string): void {
    const entry = this.consumers.get(consumerId);
    if (!entry) return;
    this.consumers.delete(consumerId);
    entry.consumer.close();
    this.attach(entry.participantId);
  }

  /** The participant's stream, made anew from their consumers' tracks (a new object re-renders the tile). */
  private attach(participantId: string): void {
    const tracks = [...this.consumers.values()].filter((entry) => entry.participantId === participantId).map((entry) => entry.consumer.track);
    patchPeer(this.store, participantId, { stream: tracks.length > 0 ? new MediaStream(tracks) : null });
  }

  private state(): RTCPeerConnectionState {
    const state = this.recv?.connectionState;
    return !state || state === 'new' ? 'connecting' : state;
  }

  private markPeers(connection: RTCPeerConnectionState): void {
    for (const id of Object.keys(this.store.getState().peers)) patchPeer(this.store, id, { connection });
  }
}
