/**
 * The room UI's whole state, as the RoomClient keeps it in the store. Components read it and call the
 * client's verbs; nothing else writes it.
 */
import type { AppointmentInfo, RefusalReason, Role } from '../../src/contract/join-token.ts';
import type { LobbyMessage, ParticipantInfo, RoomClosedReason, WaitingEntry } from '../../src/contract/signalling.ts';
import type { LanguageCode, MessageKey } from './i18n/index.ts';
import type { DeviceProblem } from './media/local-media.ts';

/** Which page the person sees. */
export type Screen =
  | 'loading'
  /** The link or session was refused (see `refusal`). */
  | 'refused'
  /** The service could not be reached; a retry button is offered. */
  | 'unavailable'
  | 'prejoin'
  | 'connecting'
  /** Citizen or guest in the waiting room. */
  | 'waiting'
  | 'call'
  /** Left on purpose; a rejoin button is offered. */
  | 'left'
  /** The same link was opened elsewhere; this tab stopped. */
  | 'replaced'
  /** The clerk turned this waiting participant away (see `rejectedMessage`). */
  | 'rejected'
  /** The room was closed by the service (appointment ended or cancelled). */
  | 'closed';

/** `missing`: no link in the address bar and no session in this tab. */
export type RefusalKind = RefusalReason | 'missing';

export interface Refusal {
  reason: RefusalKind;
  /** For `not_yet_valid`: when the room opens (ISO). */
  opensAt: string | null;
  /** Whether this tab retries by itself when the room opens. */
  autoRetry: boolean;
}

export interface LocalMediaState {
  stream: MediaStream | null;
  /** Microphone sending (track enabled). */
  audio: boolean;
  /** Camera sending (track enabled). */
  video: boolean;
  hasAudio: boolean;
  hasVideo: boolean;
  problem: DeviceProblem | null;
  acquiring: boolean;
}

export interface RemotePeerState {
  info: ParticipantInfo;
  stream: MediaStream | null;
  audio: boolean;
  video: boolean;
  connection: RTCPeerConnectionState;
}

/** A message for the screen-reader live region; `seq` makes a repeated message announce again. */
export interface Announcement {
  key: MessageKey;
  params: Record<string, string | number>;
  seq: number;
}

export interface RoomState {
  screen: Screen;
  lang: LanguageCode;
  appointment: AppointmentInfo | null;
  self: { id: string; name: string; role: Role } | null;
  refusal: Refusal | null;
  clerkPresent: boolean;
  /** Messages a clerk wrote to this waiting participant. */
  lobbyMessages: LobbyMessage[];
  /** Why the room closed (screen `closed`). */
  closedReason: RoomClosedReason | null;
  /** The clerk's words when turning this participant away (screen `rejected`). */
  rejectedMessage: string | null;
  /** Clerks only: who waits in the lobby. */
  waiting: WaitingEntry[];
  /** Participant ids whose admission is on its way to the server. */
  admitting: string[];
  /** Other admitted participants, keyed by participant id, in arrival order. */
  peers: Record<string, RemotePeerState>;
  local: LocalMediaState;
  /** The signalling connection dropped and is being re-established. */
  reconnecting: boolean;
  announcement: Announcement | null;
  /** A short problem report shown above the controls (e.g. admitting failed). */
  notice: MessageKey | null;
}

/** The state before anything is known. */
export function initialState(lang: LanguageCode): RoomState {
  return {
    screen: 'loading',
    lang,
    appointment: null,
    self: null,
    refusal: null,
    clerkPresent: false,
    lobbyMessages: [],
    closedReason: null,
    rejectedMessage: null,
    waiting: [],
    admitting: [],
    peers: {},
    local: { stream: null, audio: true, video: true, hasAudio: false, hasVideo: false, problem: null, acquiring: false },
    reconnecting: false,
    announcement: null,
    notice: null,
  };
}
