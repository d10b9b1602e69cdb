/**
 * Every socket.io message between the room UI and the video service, typed once and shared by server
 * and client. docs/signalling.md describes the same map in prose; keep the two together.
 *
 * Requests (client → server) carry an acknowledgement callback that always receives a `Reply`.
 * Notifications (server → client) have no reply.
 */
import type { AppointmentInfo, Role } from './join-token.ts';
import type { CaseworkClientToServerEvents, CaseworkServerToClientEvents } from './casework.ts';
import type { PaymentServerToClientEvents } from './payments.ts';
import type { Ack } from './reply.ts';
import type {
  SfuConsumerOptions,
  SfuDtlsParameters,
  SfuIceParameters,
  SfuMediaKind,
  SfuProducerInfo,
  SfuRtpCapabilities,
  SfuRtpParameters,
  SfuTransportOptions,
} from './sfu.ts';

export type * from './sfu.ts';
export type { Ack, Reply, SignalError, SignalErrorCode, SignalRefusalReason } from './reply.ts';

export interface ParticipantInfo {
  /** The token's `sub`: stable across reloads and devices. */
  id: string;
  role: Role;
  name: string;
}

/** An admitted participant as the others see them: who, and whether microphone, camera and screen share are on. */
export interface PeerInfo extends ParticipantInfo {
  media: MediaState;
}

/**
 * The waiting person's own connectivity check (docs/signalling.md "Connectivity check"): `ok` a TURN relay is
 * reachable; `warn` no relay (a call may still work directly); `fail` no call possible on this network.
 */
export type NetworkCheck = 'ok' | 'warn' | 'fail';

export interface WaitingEntry extends ParticipantInfo {
  /** ISO time since when this person waits (kept across reloads, reconnects and restarts). */
  since: string;
  /** False while the person is in the short reconnect grace (e.g. reloading); the place is kept. */
  connected: boolean;
  /** What the person's connectivity check found (`lobby:network`); null until their page reported it. */
  network: NetworkCheck | null;
}

export interface IceServerInfo {
  urls: string[];
  username?: string;
  credential?: string;
}

export type MediaMode = 'p2p' | 'sfu';

export interface MediaSettings {
  mode: MediaMode;
  iceServers: IceServerInfo[];
  /** `relay` hides both parties' IP addresses from each other (TURN only). */
  iceTransportPolicy: 'all' | 'relay';
  /** Most participants in the call at once in this mode (p2p mesh: 4 by default). */
  maxParticipants: number;
}

/**
 * `media:probe` reply: ICE servers for the connectivity check before joining (also before admission).
 * The TURN credentials are short-lived (at most 10 minutes, `expiresAt`) and bound to the participant id;
 * nothing of the room is in here, and no peer connection can be made with them (signals need admission).
 */
export interface MediaProbe {
  /** STUN and TURN servers (TURN with REST credentials); empty when the service has none configured. */
  iceServers: IceServerInfo[];
  /** The policy calls use: with `relay` a network that gets no relay candidate cannot hold a call at all. */
  iceTransportPolicy: 'all' | 'relay';
  /** ISO time the TURN credentials expire; null without TURN. */
  expiresAt: string | null;
}

/** A chat message in the call (stored with the room, deleted with it). */
export interface ChatMessage {
  id: string;
  from: ParticipantInfo;
  /** 1 to 2000 characters. */
  text: string;
  /** ISO time the server stored it. */
  sentAt: string;
}

/** A short message from a clerk to one waiting participant (stored, shown again after a reload). */
export interface LobbyMessage {
  id: string;
  from: ParticipantInfo;
  /** 1 to 500 characters. */
  text: string;
  sentAt: string;
}

/** Minutes a clerk may announce as the estimated waiting time: 0 ("any moment now") up to two hours. */
export const WAITING_ESTIMATE_MAX_MINUTES = 120;

/**
 * A clerk's estimated waiting time for one waiting participant (issue 13). Stored with the wait: a reload shows
 * it again, a later estimate replaces it, admission ends it.
 */
export interface WaitingEstimate {
  /** 0 ("any moment now") to 120. */
  minutes: number;
  /** ISO time the estimate was sent ("as of"). */
  sentAt: string;
}

/** What a participant may know about the room right now. Waiting citizens learn nothing of the call. */
export interface RoomSnapshot {
  room: string;
  self: ParticipantInfo;
  phase: 'waiting' | 'admitted';
  /** Includes `start` (ISO): a waiting citizen sees "your appointment starts at …" from it. */
  appointment: AppointmentInfo;
  /** Other admitted participants currently connected, with their media state; empty while waiting. */
  participants: PeerInfo[];
  /** Who waits in the lobby; only ever sent to clerks. */
  waiting: WaitingEntry[];
  /** Whether a clerk is connected (lets a waiting citizen see "the clerk has not arrived yet"). */
  clerkPresent: boolean;
  /** Media settings; sent only once admitted. */
  media: MediaSettings | null;
  /** Chat history of the call, oldest first (the newest 200); empty while waiting. */
  chat: ChatMessage[];
  /** Messages a clerk wrote to this participant while they wait; empty once admitted. */
  lobbyMessages: LobbyMessage[];
  /** The clerk's latest estimated waiting time for this participant; null when none was sent, or once admitted. */
  waitingEstimate: WaitingEstimate | null;
  /** Ids of non-clerk participants the clerk allowed to share their screen (clerks always may); [] while waiting. */
  screenShareAllowed: string[];
}

export interface SessionDescription {
  type: 'offer' | 'answer' | 'pranswer' | 'rollback';
  sdp?: string;
}

export interface IceCandidate {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}

export interface MediaState {
  audio: boolean;
  video: boolean;
  /** Sharing the screen right now (only allowed for clerks and participants in `screenShareAllowed`). */
  screen: boolean;
}

/** `media:state` request: `screen` may be left out (false). */
export type MediaStateUpdate = Omit<MediaState, 'screen'> & { screen?: boolean };

export type QualityLevel = 'good' | 'fair' | 'poor';

/** A client's own view of its connection, from `RTCPeerConnection.getStats()` (all fields optional but `level`). */
export interface QualityReport {
  level: QualityLevel;
  /** Round-trip time in milliseconds (0..60000). */
  rttMs?: number;
  /** Fraction of packets lost, 0..1. */
  packetLoss?: number;
  /** Outgoing bitrate in kbit/s (0..100000). */
  bitrateKbps?: number;
}

/** Why the room (or this participant's part in it) ended. */
export type RoomClosedReason =
  /** A clerk chose "end for everyone". */
  | 'ended'
  /** The connector closed the room (appointment cancelled) through the admin API. */
  | 'closed'
  /** The link this session came from was revoked (appointment moved or cancelled). */
  | 'revoked';

/** Requests from the browser (the casework requests of contract/casework.ts merged in). */
export interface ClientToServerEvents extends CaseworkClientToServerEvents {
  /**
   * Take this participant's seat (closing any older connection of the same seat) and get the snapshot.
   * Refused with `invalid_state` + reason `room_closed` in a closed room, `room_full` when no seat is left.
   */
  'room:join': (payload: Record<string, never>, ack: Ack<RoomSnapshot>) => void;
  /** Leave the room on purpose (the seat stays admitted for a later return). */
  'room:leave': (payload: Record<string, never>, ack: Ack<null>) => void;
  /** Clerk only: end the call for everyone; the room is closed for good (`room:closed` to all). */
  'room:end': (payload: Record<string, never>, ack: Ack<null>) => void;

  /** Clerk only: let a waiting participant in. */
  'lobby:admit': (payload: { participantId: string }, ack: Ack<null>) => void;
  /** Clerk only: turn a waiting participant away with an optional message (≤ 500 chars); they get `lobby:rejected`. */
  'lobby:reject': (payload: { participantId: string; message?: string }, ack: Ack<null>) => void;
  /** Clerk only: send an admitted (non-clerk) participant back to the waiting room; their admission is withdrawn. */
  'lobby:return': (payload: { participantId: string }, ack: Ack<null>) => void;
  /** Clerk only: a short message (1..500 chars) to one waiting participant. */
  'lobby:message': (payload: { participantId: string; text: string }, ack: Ack<LobbyMessage>) => void;
  /**
   * Clerk only: tell one waiting participant the estimated waiting time (0..120 minutes; 0 = "any moment now").
   * Replaces an earlier estimate; the same minutes again within a minute answer the stored estimate unchanged.
   */
  'lobby:estimate': (payload: { participantId: string; minutes: number }, ack: Ack<WaitingEstimate>) => void;
  /** A waiting citizen or guest (after `room:join`): the result of their connectivity check, shown to the clerks. */
  'lobby:network': (payload: { network: NetworkCheck }, ack: Ack<null>) => void;

  /**
   * Anyone with a usable session, joined or not (also waiting): short-lived ICE servers for the connectivity
   * check (docs/signalling.md, "Connectivity check"). Refused with `unauthorized` for a revoked or expired
   * session and `invalid_state` + `room_closed` in a closed room.
   */
  'media:probe': (payload: Record<string, never>, ack: Ack<MediaProbe>) => void;

  /** Admitted only: WebRTC description for one other admitted participant (perfect negotiation). */
  'signal:description': (payload: { to: string; description: SessionDescription }, ack: Ack<null>) => void;
  /** Admitted only: ICE candidate for one other admitted participant. */
  'signal:candidate': (payload: { to: string; candidate: IceCandidate | null }, ack: Ack<null>) => void;
  /** Admitted only: tell the others whether microphone, camera and screen share are on. */
  'media:state': (payload: MediaStateUpdate, ack: Ack<null>) => void;
  /** Clerk only: allow or forbid an admitted non-clerk participant to share their screen. */
  'screen:permission': (payload: { participantId: string; allowed: boolean }, ack: Ack<null>) => void;
  /** Admitted only: this client's connection quality (at most every 2 s); clerks see it as `peer:quality`. */
  'quality:report': (payload: QualityReport, ack: Ack<null>) => void;

  /** Admitted only: a chat message to everyone in the call (1..2000 chars); the reply is the stored message. */
  'chat:send': (payload: { text: string }, ack: Ack<ChatMessage>) => void;

  /** Admitted, SFU mode only: the room router's RTP capabilities (load the mediasoup-client Device with them). */
  'sfu:capabilities': (payload: Record<string, never>, ack: Ack<{ routerRtpCapabilities: SfuRtpCapabilities }>) => void;
  /**
   * Admitted, SFU mode: a WebRtcTransport on the worker's WebRtcServer, one per direction (a new one of the
   * same direction replaces the old). The client also states its RTP capabilities once, with the `recv` one.
   */
  'sfu:createTransport': (
    payload: { direction: 'send' | 'recv'; rtpCapabilities?: SfuRtpCapabilities },
    ack: Ack<SfuTransportOptions>,
  ) => void;
  /** Admitted, SFU mode: DTLS parameters of the client's side of its transport. */
  'sfu:connectTransport': (payload: { transportId: string; dtlsParameters: SfuDtlsParameters }, ack: Ack<null>) => void;
  /** Admitted, SFU mode: ICE restart after a network change; returns the new ICE parameters. */
  'sfu:restartIce': (payload: { transportId: string }, ack: Ack<{ iceParameters: SfuIceParameters }>) => void;
  /**
   * Admitted, SFU mode: start sending a track on the send transport. `source` says what it is; `screen`
   * needs screen-share permission. Simulcast encodings are in `rtpParameters` (a client decision).
   */
  'sfu:produce': (
    payload: {
      transportId: string;
      kind: SfuMediaKind;
      rtpParameters: SfuRtpParameters;
      source: 'microphone' | 'camera' | 'screen';
    },
    ack: Ack<{ producerId: string }>,
  ) => void;
  /** Admitted, SFU mode: pause (mute) or resume one of the participant's own producers. */
  'sfu:pauseProducer': (payload: { producerId: string; paused: boolean }, ack: Ack<null>) => void;
  /** Admitted, SFU mode: stop one of the participant's own producers (e.g. screen share ended). */
  'sfu:closeProducer': (payload: { producerId: string }, ack: Ack<null>) => void;
  /** Admitted, SFU mode: every producer of the others in the room now (to consume after joining). */
  'sfu:producers': (payload: Record<string, never>, ack: Ack<SfuProducerInfo[]>) => void;
  /**
   * Admitted, SFU mode: receive a producer on the recv transport. The consumer is created PAUSED; call
   * `sfu:resumeConsumer` once the client-side consumer exists. Needs the RTP capabilities stated before.
   */
  'sfu:consume': (payload: { transportId: string; producerId: string }, ack: Ack<SfuConsumerOptions>) => void;
  /** Admitted, SFU mode: start the flow of a (paused) consumer. */
  'sfu:resumeConsumer': (payload: { consumerId: string }, ack: Ack<null>) => void;
  /** Admitted, SFU mode: preferred simulcast layers of a video consumer (e.g. a small tile). */
  'sfu:setPreferredLayers': (
    payload: { consumerId: string; spatialLayer: number; temporalLayer?: number },
    ack: Ack<null>,
  ) => void;
}

/** Notifications from the server (the casework notifications of contract/casework.ts merged in). */
export interface ServerToClientEvents extends CaseworkServerToClientEvents, PaymentServerToClientEvents {
  /** The participant's view of the room changed as a whole (admitted, sent back to the lobby, clerk arrived/left). */
  'room:snapshot': (snapshot: RoomSnapshot) => void;
  /** Clerks only: the waiting list changed. */
  'lobby:changed': (payload: { waiting: WaitingEntry[] }) => void;
  /** A waiting participant only: a clerk wrote to them. */
  'lobby:message': (message: LobbyMessage) => void;
  /** A waiting participant only: a clerk's estimated waiting time for them (replaces any earlier one). */
  'lobby:estimate': (estimate: WaitingEstimate) => void;
  /** A waiting participant only: the clerk turned them away; the connection is closed after this (do not reconnect). */
  'lobby:rejected': (payload: { message: string | null }) => void;
  /** Admitted only: someone admitted connected (start negotiating with them). */
  'peer:joined': (peer: PeerInfo) => void;
  /** Admitted only: someone left, lost the connection or was sent back to the lobby. */
  'peer:left': (payload: { id: string }) => void;
  'peer:media': (payload: { id: string } & MediaState) => void;
  /** Admitted clerks only: a participant's reported connection quality. */
  'peer:quality': (payload: { id: string } & QualityReport) => void;
  /** Admitted only: who may share their screen changed. */
  'room:permissions': (payload: { screenShareAllowed: string[] }) => void;
  /** Admitted only: a chat message from someone else. */
  'chat:message': (message: ChatMessage) => void;
  'signal:description': (payload: { from: string; description: SessionDescription }) => void;
  'signal:candidate': (payload: { from: string; candidate: IceCandidate | null }) => void;
  /** The same link was opened elsewhere; this connection is closed and must not reconnect by itself. */
  'session:replaced': () => void;
  /** The room was closed, or this session's link revoked; the connection is closed after this (do not reconnect). */
  'room:closed': (payload: { reason: RoomClosedReason }) => void;

  /** Admitted, SFU mode: another participant started a producer (consume it). */
  'sfu:newProducer': (producer: SfuProducerInfo) => void;
  /** Admitted, SFU mode: a producer of someone else was closed (its consumers are gone too). */
  'sfu:producerClosed': (payload: { producerId: string; participantId: string }) => void;
  /** Admitted, SFU mode: the server closed one of your consumers (producer gone, transport closed). */
  'sfu:consumerClosed': (payload: { consumerId: string }) => void;
  /** Admitted, SFU mode: the producer behind one of your consumers was paused or resumed. */
  'sfu:consumerPaused': (payload: { consumerId: string; paused: boolean }) => void;
  /** Admitted, SFU mode: the dominant speaker changed (null: silence). */
  'sfu:activeSpeaker': (payload: { participantId: string | null }) => void;
  /**
   * Admitted, SFU mode: the room's media is gone on the server (its mediasoup worker died) — every transport,
   * producer and consumer of the room. Set up transports, producers and consumers again (sfu:capabilities …).
   */
  'sfu:restart': (payload: { reason: 'worker_died' }) => void;
}

/** Data the server keeps on each socket after the handshake. */
export interface SocketData {
  sessionId: string;
  room: string;
  participant: ParticipantInfo;
}
