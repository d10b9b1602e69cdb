/**
 * Wire types of the SFU signalling messages (contract/signalling.ts `sfu:*`), taken from mediasoup's own
 * type definitions so the server is type-checked against the real API.
 *
 * Client note: what the client SENDS (DTLS parameters, RTP parameters, RTP capabilities from
 * mediasoup-client) is assignable to these types as it is. What the server sends (router capabilities,
 * consumer RTP parameters) names a few header extensions mediasoup-client's narrower union does not list, so
 * the client passes those to `device.load()` / `transport.consume()` with one cast
 * (`as unknown as import('mediasoup-client/types').RtpCapabilities`). See docs/signalling.md "SFU".
 */
import type { types } from 'mediasoup';

export type SfuMediaKind = types.MediaKind;
export type SfuRtpCapabilities = types.RtpCapabilities;
export type SfuRtpParameters = types.RtpParameters;
export type SfuDtlsParameters = types.DtlsParameters;
export type SfuIceParameters = types.IceParameters;
export type SfuIceCandidate = types.IceCandidate;

/** Everything mediasoup-client's `device.createSendTransport()` / `createRecvTransport()` needs. */
export interface SfuTransportOptions {
  id: string;
  iceParameters: SfuIceParameters;
  iceCandidates: SfuIceCandidate[];
  dtlsParameters: SfuDtlsParameters;
  /** TURN servers for clients behind UDP-blocking firewalls (the same as the room's media settings). */
  iceServers: Array<{ urls: string[]; username?: string; credential?: string }>;
  iceTransportPolicy: 'all' | 'relay';
}

/** A producer of another participant, as announced and listed. */
export interface SfuProducerInfo {
  producerId: string;
  participantId: string;
  kind: SfuMediaKind;
  source: 'microphone' | 'camera' | 'screen';
  paused: boolean;
}

/** Everything mediasoup-client's `transport.consume()` needs. The consumer starts paused on the server. */
export interface SfuConsumerOptions {
  id: string;
  producerId: string;
  participantId: string;
  kind: SfuMediaKind;
  rtpParameters: SfuRtpParameters;
  /** `simulcast` when the producer sends several encodings. */
  type: types.ConsumerType;
  /** The producer itself is paused (muted) right now. */
  producerPaused: boolean;
}
