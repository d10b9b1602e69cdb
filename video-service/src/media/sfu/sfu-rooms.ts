/**
 * The SFU's per-room, per-participant media state over mediasoup (implements rooms/ports.ts `SfuPort`):
 * one send and one recv WebRtcTransport per participant (on the worker's WebRtcServer), producers tagged
 * with their source, consumers created PAUSED (mediasoup's advice: the client resumes once its consumer
 * exists, so no key frame is lost), ICE restart, and an ActiveSpeakerObserver per room.
 * See https://mediasoup.org/documentation/v3/communication-between-client-and-server/.
 *
 * A room whose worker died has lost every transport, producer and consumer: its state here is dropped and
 * the listener's `mediaLost` tells the participants to set up their media again (ADR 0175); the next
 * request makes the room a new router on a live worker.
 */
import type { types } from 'mediasoup';
import type { SfuConsumerOptions, SfuProducerInfo, SfuRtpCapabilities } from '../../contract/sfu.ts';
import { InvalidInput, InvalidState, NotFound } from '../../errors.ts';
import { errorFields, type Logger } from '../../log.ts';
import type { SfuListener, SfuPort, SfuSource } from '../../rooms/ports.ts';
import type { RoomRouters } from './room-routers.ts';

interface ProducerEntry {
  producer: types.Producer;
  source: SfuSource;
}

interface PeerMedia {
  transports: Map<string, { transport: types.WebRtcTransport; direction: 'send' | 'recv' }>;
  producers: Map<string, ProducerEntry>;
  consumers: Map<string, types.Consumer>;
  rtpCapabilities: SfuRtpCapabilities | undefined;
}

export class SfuRooms implements SfuPort {
  readonly #routers: RoomRouters;
  readonly #listener: SfuListener;
  readonly #log: Logger;
  /** room → participant id → media. */
  readonly #rooms = new Map<string, Map<string, PeerMedia>>();
  readonly #speakers = new Map<string, Promise<types.ActiveSpeakerObserver>>();

  readonly #stopWatching: () => void;

  constructor(routers: RoomRouters, listener: SfuListener, log: Logger) {
    this.#routers = routers;
    this.#listener = listener;
    this.#log = log;
    this.#stopWatching = routers.onRoomLost((room) => this.#lost(room));
  }

  async capabilities(room: string): Promise<SfuRtpCapabilities> {
    return (await this.#routers.routerFor(room)).rtpCapabilities;
  }

  async createTransport(
    room: string,
    participantId: string,
    input: { direction: 'send' | 'recv'; rtpCapabilities?: SfuRtpCapabilities },
  ) {
    const peer = this.#peer(room, participantId);
    for (const [id, entry] of peer.transports) {
      if (entry.direction === input.direction) {
        entry.transport.close();
        peer.transports.delete(id);
      }
    }
    if (input.rtpCapabilities) peer.rtpCapabilities = input.rtpCapabilities;
    const transport = await this.#routers.createPeerTransport(room, participantId);
    peer.transports.set(transport.id, { transport, direction: input.direction });
    transport.observer.once('close', () => peer.transports.delete(transport.id));
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
  }

  async connectTransport(
    room: string,
    participantId: string,
    transportId: string,
    dtlsParameters: types.DtlsParameters,
  ): Promise<void> {
    const { transport } = this.#transport(room, participantId, transportId);
    await checked(() => transport.connect({ dtlsParameters }));
  }

  async restartIce(room: string, participantId: string, transportId: string): Promise<types.IceParameters> {
    return this.#transport(room, participantId, transportId).transport.restartIce();
  }

  async produce(
    room: string,
    participantId: string,
    input: { transportId: string; kind: types.MediaKind; rtpParameters: types.RtpParameters; source: SfuSource },
  ) {
    const entry = this.#transport(room, participantId, input.transportId);
    if (entry.direction !== 'send') throw new InvalidState('Produce on your send transport.');
    const producer = await checked(() =>
      entry.transport.produce({
        kind: input.kind,
        rtpParameters: input.rtpParameters,
        appData: { participantId, source: input.source },
      }),
    );
    const peer = this.#peer(room, participantId);
    peer.producers.set(producer.id, { producer, source: input.source });
    producer.observer.once('close', () => {
      peer.producers.delete(producer.id);
      // With the worker dead every producer closes at once: `sfu:restart` says it for all of them.
      if (this.#routers.workerDied(room)) return;
      this.#listener.producerClosed(room, { producerId: producer.id, participantId });
    });
    if (producer.kind === 'audio') {
      void this.#speaker(room)
        .then((observer) => observer.addProducer({ producerId: producer.id }))
        .catch((error: unknown) =>
          this.#log.warn({ room, err: errorFields(error) }, 'produce() | active speaker observer failed'),
        );
    }
    this.#listener.producerAdded(room, info(participantId, producer, input.source));
    return producer.id;
  }

  async pauseProducer(room: string, participantId: string, producerId: string, paused: boolean): Promise<void> {
    const { producer } = this.#producer(room, participantId, producerId);
    if (paused) await producer.pause();
    else await producer.resume();
  }

  closeProducer(room: string, participantId: string, producerId: string): void {
    this.#producer(room, participantId, producerId).producer.close();
  }

  producers(room: string, exceptParticipantId: string): SfuProducerInfo[] {
    const result: SfuProducerInfo[] = [];
    for (const [participantId, peer] of this.#rooms.get(room) ?? []) {
      if (participantId === exceptParticipantId) continue;
      for (const { producer, source } of peer.producers.values()) result.push(info(participantId, producer, source));
    }
    return result;
  }

  async consume(
    room: string,
    participantId: string,
    input: { transportId: string; producerId: string },
  ): Promise<SfuConsumerOptions> {
    const peer = this.#peer(room, participantId);
    const entry = this.#transport(room, participantId, input.transportId);
    if (entry.direction !== 'recv') throw new InvalidState('Consume on your receive transport.');
    if (!peer.rtpCapabilities)
      throw new InvalidState('State your RTP capabilities (sfu:createTransport) before consuming.');
    const owner = this.#ownerOf(room, input.producerId);
    if (!owner || owner.participantId === participantId) throw new NotFound('No such producer of another participant.');
    const router = await this.#routers.routerFor(room);
    const rtpCapabilities = peer.rtpCapabilities;
    if (!(await checked(async () => router.canConsume({ producerId: input.producerId, rtpCapabilities })))) {
      throw new InvalidState('Your device cannot receive this producer (no common codec).');
    }
    const consumer = await entry.transport.consume({
      producerId: input.producerId,
      rtpCapabilities: peer.rtpCapabilities,
      paused: true,
      appData: { participantId, producerParticipantId: owner.participantId },
    });
    peer.consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => peer.consumers.delete(consumer.id));
    consumer.on('producerclose', () => this.#listener.consumerClosed(room, participantId, consumer.id));
    consumer.on('producerpause', () => this.#listener.consumerPaused(room, participantId, consumer.id, true));
    consumer.on('producerresume', () => this.#listener.consumerPaused(room, participantId, consumer.id, false));
    return {
      id: consumer.id,
      producerId: input.producerId,
      participantId: owner.participantId,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
      type: consumer.type,
      producerPaused: consumer.producerPaused,
    };
  }

  async resumeConsumer(room: string, participantId: string, consumerId: string): Promise<void> {
    await this.#consumer(room, participantId, consumerId).resume();
  }

  async setPreferredLayers(
    room: string,
    participantId: string,
    consumerId: string,
    layers: { spatialLayer: number; temporalLayer?: number },
  ): Promise<void> {
    const consumer = this.#consumer(room, participantId, consumerId);
    await checked(() => consumer.setPreferredLayers(layers));
  }

  /** Closes the participant's transports (and with them their producers and consumers). */
  removeParticipant(room: string, participantId: string): void {
    const peers = this.#rooms.get(room);
    const peer = peers?.get(participantId);
    if (!peers || !peer) return;
    peers.delete(participantId);
    for (const { transport } of peer.transports.values()) transport.close();
  }

  closeRoom(room: string): void {
    const peers = this.#rooms.get(room);
    this.#rooms.delete(room);
    this.#speakers.delete(room);
    for (const peer of peers?.values() ?? []) for (const { transport } of peer.transports.values()) transport.close();
    void this.#routers.closeRoom(room).catch(() => undefined);
  }

  close(): void {
    this.#stopWatching();
    for (const room of [...this.#rooms.keys()]) this.closeRoom(room);
  }

  /** The room's worker died: mediasoup has closed its transports already; forget them and say so. */
  #lost(room: string): void {
    const peers = this.#rooms.get(room);
    this.#rooms.delete(room);
    this.#speakers.delete(room);
    this.#log.warn(
      { room, participants: peers?.size ?? 0 },
      'worker died | room media lost; participants re-negotiate',
    );
    this.#listener.mediaLost(room);
  }

  #peer(room: string, participantId: string): PeerMedia {
    let peers = this.#rooms.get(room);
    if (!peers) {
      peers = new Map();
      this.#rooms.set(room, peers);
    }
    let peer = peers.get(participantId);
    if (!peer) {
      peer = { transports: new Map(), producers: new Map(), consumers: new Map(), rtpCapabilities: undefined };
      peers.set(participantId, peer);
    }
    return peer;
  }

  #transport(room: string, participantId: string, transportId: string) {
    const entry = this.#rooms.get(room)?.get(participantId)?.transports.get(transportId);
    if (!entry) throw new NotFound('No such transport of yours.');
    return entry;
  }

  #producer(room: string, participantId: string, producerId: string): ProducerEntry {
    const entry = this.#rooms.get(room)?.get(participantId)?.producers.get(producerId);
    if (!entry) throw new NotFound('No such producer of yours.');
    return entry;
  }

  #consumer(room: string, participantId: string, consumerId: string): types.Consumer {
    const consumer = this.#rooms.get(room)?.get(participantId)?.consumers.get(consumerId);
    if (!consumer) throw new NotFound('No such consumer of yours.');
    return consumer;
  }

  #ownerOf(room: string, producerId: string): { participantId: string } | undefined {
    for (const [participantId, peer] of this.#rooms.get(room) ?? [])
      if (peer.producers.has(producerId)) return { participantId };
    return undefined;
  }

  #speaker(room: string): Promise<types.ActiveSpeakerObserver> {
    let observer = this.#speakers.get(room);
    if (!observer) {
      observer = this.#routers.routerFor(room).then(async (router) => {
        const created = await router.createActiveSpeakerObserver({ interval: 300 });
        created.on('dominantspeaker', ({ producer }) => {
          const participantId = (producer.appData as { participantId?: string }).participantId ?? null;
          this.#listener.activeSpeaker(room, participantId);
        });
        return created;
      });
      observer.catch(() => this.#speakers.delete(room));
      this.#speakers.set(room, observer);
    }
    return observer;
  }
}

/**
 * mediasoup rejects malformed RTP/DTLS details with a TypeError (and unsupported codecs with an
 * UnsupportedError): those are the client's mistake, so they become `InvalidInput`.
 */
async function checked<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof TypeError || (error instanceof Error && error.name === 'UnsupportedError')) {
      throw new InvalidInput(`The SFU refused the parameters: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

function info(participantId: string, producer: types.Producer, source: SfuSource): SfuProducerInfo {
  return { producerId: producer.id, participantId, kind: producer.kind, source, paused: producer.paused };
}
