/**
 * A stand-in SFU for machines without a mediasoup worker: it sits behind the video service's SFU port, checks
 * that every transport, producer and consumer belongs to whoever names it, reports producers like the real
 * one, and records what it was asked (`calls`). Its answers are the parameters mediasoup-client's own tests use
 * (`mediasoup-client/fakeParameters`), so the room UI's SFU engine with mediasoup-client's FakeHandler can run
 * the whole flow against it in Node (test/video-service/web/sfu-engine.test.ts). No media flows.
 */
import {
  generateConsumerRemoteParameters,
  generateRouterRtpCapabilities,
  generateTransportRemoteParameters,
} from 'mediasoup-client/fakeParameters';
import type {
  SfuConsumerOptions,
  SfuProducerInfo,
  SfuRtpCapabilities,
  SfuRtpParameters,
} from '../../video-service/src/contract/sfu.ts';
import { NotFound } from '../../video-service/src/errors.ts';
import type { SfuListener, SfuPort } from '../../video-service/src/rooms/ports.ts';

export interface StandInSfu extends SfuPort {
  /**
   * What was asked, in order: `createTransport <participant> <direction>`, `connect <participant> <transport>`,
   * `produce <participant> <kind> <encodings>`, `closeProducer <participant> <producer>`,
   * `consume <participant> <consumer>`, `resume <participant> <consumer>`, `restartIce <participant> <transport>`,
   * `remove <participant>`, `closeRoom <room>`.
   */
  calls: string[];
}

export function standInSfu(listener: SfuListener): StandInSfu {
  const producers = new Map<string, SfuProducerInfo>();
  const transports = new Map<string, string>();
  const consumers = new Map<string, string>();
  /** Producers sent with more than one encoding: their consumers are `simulcast`. */
  const simulcast = new Set<string>();
  let next = 0;
  const own = <T>(map: Map<string, T>, id: string, check: (v: T) => boolean, what: string): T => {
    const value = map.get(id);
    if (value === undefined || !check(value)) throw new NotFound(`No such ${what} of yours.`);
    return value;
  };
  const calls: string[] = [];
  return {
    calls,
    async capabilities() {
      return generateRouterRtpCapabilities() as unknown as SfuRtpCapabilities;
    },
    async createTransport(room, participantId, input) {
      const id = `t${++next}`;
      transports.set(id, `${room}/${participantId}`);
      calls.push(`createTransport ${participantId} ${input.direction}`);
      const { iceParameters, iceCandidates, dtlsParameters } = generateTransportRemoteParameters();
      return { id, iceParameters, iceCandidates, dtlsParameters } as unknown as Awaited<
        ReturnType<SfuPort['createTransport']>
      >;
    },
    async connectTransport(room, participantId, transportId) {
      own(transports, transportId, (v) => v === `${room}/${participantId}`, 'transport');
      calls.push(`connect ${participantId} ${transportId}`);
    },
    async restartIce(room, participantId, transportId) {
      own(transports, transportId, (v) => v === `${room}/${participantId}`, 'transport');
      calls.push(`restartIce ${participantId} ${transportId}`);
      return { usernameFragment: `u${++next}`, password: `p${next}`, iceLite: true };
    },
    async produce(room, participantId, input) {
      own(transports, input.transportId, (v) => v === `${room}/${participantId}`, 'transport');
      const info: SfuProducerInfo = {
        producerId: `p${++next}`,
        participantId,
        kind: input.kind,
        source: input.source,
        paused: false,
      };
      producers.set(info.producerId, info);
      if (((input.rtpParameters as SfuRtpParameters).encodings?.length ?? 0) > 1) simulcast.add(info.producerId);
      calls.push(
        `produce ${participantId} ${input.kind} ${(input.rtpParameters as SfuRtpParameters).encodings?.length ?? 0}`,
      );
      listener.producerAdded(room, info);
      return info.producerId;
    },
    async pauseProducer(_room, participantId, producerId) {
      own(producers, producerId, (p) => p.participantId === participantId, 'producer');
    },
    closeProducer(room, participantId, producerId) {
      own(producers, producerId, (p) => p.participantId === participantId, 'producer');
      producers.delete(producerId);
      calls.push(`closeProducer ${participantId} ${producerId}`);
      listener.producerClosed(room, { producerId, participantId });
    },
    producers(_room, except) {
      return [...producers.values()].filter((p) => p.participantId !== except);
    },
    async consume(room, participantId, input) {
      own(transports, input.transportId, (v) => v === `${room}/${participantId}`, 'transport');
      const producer = own(producers, input.producerId, (p) => p.participantId !== participantId, 'producer');
      const id = `c${++next}`;
      consumers.set(id, participantId);
      calls.push(`consume ${participantId} ${id}`);
      const { rtpParameters } = generateConsumerRemoteParameters({
        id,
        codecMimeType: producer.kind === 'audio' ? 'audio/opus' : 'video/VP8',
      });
      const options: SfuConsumerOptions = {
        id,
        producerId: producer.producerId,
        participantId: producer.participantId,
        kind: producer.kind,
        rtpParameters: rtpParameters as unknown as SfuRtpParameters,
        type: simulcast.has(producer.producerId) ? 'simulcast' : 'simple',
        producerPaused: false,
      };
      return options;
    },
    async resumeConsumer(_room, participantId, consumerId) {
      own(consumers, consumerId, (p) => p === participantId, 'consumer');
      calls.push(`resume ${participantId} ${consumerId}`);
    },
    async setPreferredLayers(_room, participantId, consumerId, layers) {
      own(consumers, consumerId, (p) => p === participantId, 'consumer');
      calls.push(`layers ${participantId} ${consumerId} ${layers.spatialLayer}`);
    },
    removeParticipant(room, participantId) {
      calls.push(`remove ${participantId}`);
      for (const p of [...producers.values()]) {
        if (p.participantId !== participantId) continue;
        producers.delete(p.producerId);
        listener.producerClosed(room, { producerId: p.producerId, participantId });
      }
    },
    closeRoom(room) {
      calls.push(`closeRoom ${room}`);
    },
    close() {},
  };
}
