/**
 * Every socket.io message between the room UI and the video service, typed once and shared by server
 * and client. docs/signalling.md describes the same map in prose; keep the two together.
 *
 * Requests (client → server) carry an acknowledgement callback that always receives a `Reply`.
 * Notifications (server → client) have no reply.
 */
import type { AppointmentInfo, Role } from './join-token.ts';

/** Error codes a request can fail with (see docs/signalling.md). */
export type SignalErrorCode =
  | 'invalid_input'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid_state'
  | 'internal';

export type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: SignalErrorCode; message: string } };
export type Ack<T> = (reply: Reply<T>) => void;

export interface ParticipantInfo {
  /** The token's `sub`: stable across reloads and devices. */
  id: string;
  role: Role;
  name: string;
}

export interface WaitingEntry extends ParticipantInfo {
  /** ISO time since when this person waits (kept across reloads). */
  since: string;
  /** False while the person is in the short reconnect grace (e.g. reloading); the place is kept. */
  connected: boolean;
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
}

/** What a participant may know about the room right now. Waiting citizens learn nothing of the call. */
export interface RoomSnapshot {
  room: string;
  self: ParticipantInfo;
  phase: 'waiting' | 'admitted';
  appointment: AppointmentInfo;
  /** Other admitted participants currently connected; empty while waiting. */
  participants: ParticipantInfo[];
  /** Who waits in the lobby; only ever sent to clerks. */
  waiting: WaitingEntry[];
  /** Whether a clerk is connected (lets a waiting citizen see "the clerk has not arrived yet"). */
  clerkPresent: boolean;
  /** Media settings; sent only once admitted. */
  media: MediaSettings | null;
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
}

/** Requests from the browser. */
export interface ClientToServerEvents {
  /** Take this participant's seat (closing any older connection of the same seat) and get the snapshot. */
  'room:join': (payload: Record<string, never>, ack: Ack<RoomSnapshot>) => void;
  /** Clerk only: let a waiting participant in. */
  'lobby:admit': (payload: { participantId: string }, ack: Ack<null>) => void;
  /** Admitted only: WebRTC description for one other admitted participant (perfect negotiation). */
  'signal:description': (payload: { to: string; description: SessionDescription }, ack: Ack<null>) => void;
  /** Admitted only: ICE candidate for one other admitted participant. */
  'signal:candidate': (payload: { to: string; candidate: IceCandidate | null }, ack: Ack<null>) => void;
  /** Admitted only: tell the others whether microphone and camera are on. */
  'media:state': (payload: MediaState, ack: Ack<null>) => void;
  /** Leave the room on purpose (the seat stays admitted for a later return). */
  'room:leave': (payload: Record<string, never>, ack: Ack<null>) => void;
}

/** Notifications from the server. */
export interface ServerToClientEvents {
  /** The participant's view of the room changed as a whole (e.g. the citizen was admitted). */
  'room:snapshot': (snapshot: RoomSnapshot) => void;
  /** Clerks only: the waiting list changed. */
  'lobby:changed': (payload: { waiting: WaitingEntry[] }) => void;
  /** Admitted only: someone admitted connected (start negotiating with them). */
  'peer:joined': (peer: ParticipantInfo) => void;
  /** Admitted only: someone left or lost the connection. */
  'peer:left': (payload: { id: string }) => void;
  'peer:media': (payload: { id: string } & MediaState) => void;
  'signal:description': (payload: { from: string; description: SessionDescription }) => void;
  'signal:candidate': (payload: { from: string; candidate: IceCandidate | null }) => void;
  /** The same link was opened elsewhere; this connection is closed and must not reconnect by itself. */
  'session:replaced': () => void;
  /** The room was closed (appointment ended or cancelled). */
  'room:closed': (payload: { reason: string }) => void;
}

/** Data the server keeps on each socket after the handshake. */
export interface SocketData {
  sessionId: string;
  room: string;
  participant: ParticipantInfo;
}
