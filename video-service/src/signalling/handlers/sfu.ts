/**
 * `sfu:*` requests (admitted participants, SFU mode only). Payload shapes are checked here with bounded
 * sizes; mediasoup validates the RTP details itself (its TypeErrors become `invalid_input` in the SFU).
 * Every call acts only on the caller's own transports, producers and consumers (rooms/sfu-media.ts).
 */
import { z } from 'zod';
import type { SfuDtlsParameters, SfuRtpCapabilities, SfuRtpParameters } from '../../contract/sfu.ts';
import { consumeSfu, createSfuTransport, listSfuProducers, produceSfu, sfuFor } from '../../rooms/sfu-media.ts';
import { senderOf, type Handler } from './context.ts';
import { emptyPayload, parsePayload } from './parse.ts';

const id = z.string().min(1).max(128);
const looseList = (max: number) => z.array(z.looseObject({})).max(max);

/** mediasoup's RtpCapabilities: codecs and header extensions (details validated by mediasoup). */
const rtpCapabilities = z.looseObject({ codecs: looseList(64).optional(), headerExtensions: looseList(64).optional() });
/** mediasoup's RtpParameters (details validated by mediasoup). */
const rtpParameters = z.looseObject({
  mid: z.string().max(64).optional(),
  codecs: looseList(16),
  headerExtensions: looseList(32).optional(),
  encodings: looseList(8).optional(),
  rtcp: z.looseObject({}).optional(),
});
const dtlsParameters = z.object({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(
      z.object({
        algorithm: z.enum(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']),
        value: z.string().min(1).max(256),
      }),
    )
    .min(1)
    .max(8),
});

const transportSchema = z.object({ direction: z.enum(['send', 'recv']), rtpCapabilities: rtpCapabilities.optional() });
const connectSchema = z.object({ transportId: id, dtlsParameters });
const transportIdSchema = z.object({ transportId: id });
const produceSchema = z.object({
  transportId: id,
  kind: z.enum(['audio', 'video']),
  rtpParameters,
  source: z.enum(['microphone', 'camera', 'screen']),
});
const producerPauseSchema = z.object({ producerId: id, paused: z.boolean() });
const producerSchema = z.object({ producerId: id });
const consumeSchema = z.object({ transportId: id, producerId: id });
const consumerSchema = z.object({ consumerId: id });
const layersSchema = z.object({
  consumerId: id,
  spatialLayer: z.number().int().min(0).max(3),
  temporalLayer: z.number().int().min(0).max(3).optional(),
});

export const sfuCapabilities: Handler<'sfu:capabilities'> = async ({ socket, rooms }, payload) => {
  parsePayload(emptyPayload, payload);
  const { sfu, room } = await sfuFor(rooms, senderOf(socket));
  return { routerRtpCapabilities: await sfu.capabilities(room) };
};

export const sfuCreateTransport: Handler<'sfu:createTransport'> = async ({ socket, rooms }, payload) => {
  const input = parsePayload(transportSchema, payload);
  return createSfuTransport(rooms, senderOf(socket), {
    direction: input.direction,
    ...(input.rtpCapabilities ? { rtpCapabilities: input.rtpCapabilities as SfuRtpCapabilities } : {}),
  });
};

export const sfuConnectTransport: Handler<'sfu:connectTransport'> = async ({ socket, rooms }, payload) => {
  const { transportId, dtlsParameters: dtls } = parsePayload(connectSchema, payload);
  const { sfu, room, participantId } = await sfuFor(rooms, senderOf(socket));
  await sfu.connectTransport(room, participantId, transportId, dtls as SfuDtlsParameters);
  return null;
};

export const sfuRestartIce: Handler<'sfu:restartIce'> = async ({ socket, rooms }, payload) => {
  const { transportId } = parsePayload(transportIdSchema, payload);
  const { sfu, room, participantId } = await sfuFor(rooms, senderOf(socket));
  return { iceParameters: await sfu.restartIce(room, participantId, transportId) };
};

export const sfuProduce: Handler<'sfu:produce'> = async ({ socket, rooms }, payload) => {
  const input = parsePayload(produceSchema, payload);
  return produceSfu(rooms, senderOf(socket), { ...input, rtpParameters: input.rtpParameters as SfuRtpParameters });
};

export const sfuPauseProducer: Handler<'sfu:pauseProducer'> = async ({ socket, rooms }, payload) => {
  const { producerId, paused } = parsePayload(producerPauseSchema, payload);
  const { sfu, room, participantId } = await sfuFor(rooms, senderOf(socket));
  await sfu.pauseProducer(room, participantId, producerId, paused);
  return null;
};

export const sfuCloseProducer: Handler<'sfu:closeProducer'> = async ({ socket, rooms }, payload) => {
  const { producerId } = parsePayload(producerSchema, payload);
  const { sfu, room, participantId } = await sfuFor(rooms, senderOf(socket));
  sfu.closeProducer(room, participantId, producerId);
  return null;
};

export const sfuProducers: Handler<'sfu:producers'> = async ({ socket, rooms }, payload) => {
  parsePayload(emptyPayload, payload);
  return listSfuProducers(rooms, senderOf(socket));
};

export const sfuConsume: Handler<'sfu:consume'> = async ({ socket, rooms }, payload) => {
  return consumeSfu(rooms, senderOf(socket), parsePayload(consumeSchema, payload));
};

export const sfuResumeConsumer: Handler<'sfu:resumeConsumer'> = async ({ socket, rooms }, payload) => {
  const { consumerId } = parsePayload(consumerSchema, payload);
  const { sfu, room, participantId } = await sfuFor(rooms, senderOf(socket));
  await sfu.resumeConsumer(room, participantId, consumerId);
  return null;
};

export const sfuSetPreferredLayers: Handler<'sfu:setPreferredLayers'> = async ({ socket, rooms }, payload) => {
  const { consumerId, spatialLayer, temporalLayer } = parsePayload(layersSchema, payload);
  const { sfu, room, participantId } = await sfuFor(rooms, senderOf(socket));
  await sfu.setPreferredLayers(room, participantId, consumerId, {
    spatialLayer,
    ...(temporalLayer === undefined ? {} : { temporalLayer }),
  });
  return null;
};
