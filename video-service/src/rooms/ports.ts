/**
 * What the room use cases need from the outside, as small interfaces: reaching connections (socket.io in
 * signalling/), keeping presence (this process or Redis, cluster/), recording event webhooks (events/) and
 * the SFU (media/sfu/). The use cases never import socket.io, Redis or mediasoup.
 */
import type { ServerToClientEvents } from '../contract/signalling.ts';
import type { OutboxRepository } from '../events/ports.ts';
import type { VideoEventData, VideoEventType } from '../contract/events.ts';
import type {
  SfuConsumerOptions,
  SfuDtlsParameters,
  SfuIceParameters,
  SfuMediaKind,
  SfuProducerInfo,
  SfuRtpCapabilities,
  SfuRtpParameters,
  SfuTransportOptions,
} from '../contract/sfu.ts';
import type { Member } from './room-state.ts';

export type NotificationArgs<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>;

export interface RoomNotifier {
  /** Delivers a notification to one connection, on whichever process holds it (no-op when it is gone). */
  send<E extends keyof ServerToClientEvents>(connectionId: string, event: E, ...args: NotificationArgs<E>): void;
  /** Closes a connection for good (it must not reconnect by itself). */
  close(connectionId: string): void;
  /** Every connection authenticated for the room (joined or not). */
  sendToRoom<E extends keyof ServerToClientEvents>(room: string, event: E, ...args: NotificationArgs<E>): void;
  closeRoom(room: string): void;
  /** Every connection authenticated with the session. */
  sendToSession<E extends keyof ServerToClientEvents>(sessionId: string, event: E, ...args: NotificationArgs<E>): void;
  closeSession(sessionId: string): void;
}

/** Presence shared by every process that serves the room. */
export interface PresenceStore {
  /** Exclusive access to one room across all processes sharing the store; resolves to the release function. */
  lock(room: string): Promise<() => Promise<void>>;
  load(room: string): Promise<Member[]>;
  /** Stores changed members and deletes removed ones. */
  save(room: string, changed: Member[], removed: string[]): Promise<void>;
  /** Which of `nodes` are alive (their heartbeat is fresh). */
  liveNodes(nodes: string[]): Promise<Set<string>>;
  close(): Promise<void>;
}

/** Writes event webhooks to the outbox (in the caller's transaction when given its repository). */
export interface RoomEvents {
  record<T extends VideoEventType>(outbox: OutboxRepository, type: T, data: VideoEventData[T]): Promise<void>;
}

/** The SFU as the rooms see it: a participant who leaves the call loses their transports; an ended room its router. */
export interface RoomSfu {
  removeParticipant(room: string, participantId: string): void;
  closeRoom(room: string): void;
}

export type SfuSource = SfuProducerInfo['source'];

/**
 * The SFU's operations for one participant of one room (media/sfu/sfu-rooms.ts implements it with
 * mediasoup). Unknown transports, producers or consumers are `NotFound`; wrong moments `InvalidState`.
 */
export interface SfuPort extends RoomSfu {
  capabilities(room: string): Promise<SfuRtpCapabilities>;
  createTransport(
    room: string,
    participantId: string,
    input: { direction: 'send' | 'recv'; rtpCapabilities?: SfuRtpCapabilities },
  ): Promise<Omit<SfuTransportOptions, 'iceServers' | 'iceTransportPolicy'>>;
  connectTransport(
    room: string,
    participantId: string,
    transportId: string,
    dtlsParameters: SfuDtlsParameters,
  ): Promise<void>;
  restartIce(room: string, participantId: string, transportId: string): Promise<SfuIceParameters>;
  produce(
    room: string,
    participantId: string,
    input: { transportId: string; kind: SfuMediaKind; rtpParameters: SfuRtpParameters; source: SfuSource },
  ): Promise<string>;
  pauseProducer(room: string, participantId: string, producerId: string, paused: boolean): Promise<void>;
  closeProducer(room: string, participantId: string, producerId: string): void;
  /** Producers of everyone but `exceptParticipantId`. */
  producers(room: string, exceptParticipantId: string): SfuProducerInfo[];
  consume(
    room: string,
    participantId: string,
    input: { transportId: string; producerId: string },
  ): Promise<SfuConsumerOptions>;
  resumeConsumer(room: string, participantId: string, consumerId: string): Promise<void>;
  setPreferredLayers(
    room: string,
    participantId: string,
    consumerId: string,
    layers: { spatialLayer: number; temporalLayer?: number },
  ): Promise<void>;
  close(): void;
}

/** What the SFU reports back; the rooms turn these into notifications for admitted participants. */
export interface SfuListener {
  producerAdded(room: string, producer: SfuProducerInfo): void;
  producerClosed(room: string, producer: { producerId: string; participantId: string }): void;
  consumerClosed(room: string, participantId: string, consumerId: string): void;
  consumerPaused(room: string, participantId: string, consumerId: string, paused: boolean): void;
  activeSpeaker(room: string, participantId: string | null): void;
  /** The room's media went down with its worker: everyone admitted sets up their transports again. */
  mediaLost(room: string): void;
}
