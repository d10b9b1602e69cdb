/**
 * The room UI's whole state, as the RoomClient keeps it in the store. Components read it and call the
 * client's verbs; nothing else writes it.
 */
import type { AppointmentInfo, RefusalReason, Role } from '@virtuelles-amt/video-service/contract/join-token';
import type { EarlyAppointment } from '@virtuelles-amt/video-service/contract/session';
import type {
  ChatMessage,
  LobbyMessage,
  ParticipantInfo,
  QualityReport,
  RoomClosedReason,
  WaitingEntry,
  WaitingEstimate,
} from '@virtuelles-amt/video-service/contract/signalling';
import type { BrowserAdvice, CheckStatus } from './checks/connectivity.ts';
import type { LanguageCode, MessageKey } from './i18n/index.ts';
import type { DeviceLists } from './media/device-list.ts';
import type { DeviceProblem } from './media/local-media.ts';

/** Which page the person sees. */
export type Screen =
  | 'loading'
  /** The link or session was refused (see `refusal`). */
  | 'refused'
  /** The service could not be reached; a retry button is offered. */
  | 'unavailable'
  | 'prejoin'
  /**
   * The link was opened before the room opens: the device and connection check with a countdown (see
   * `early`); the page moves on to `prejoin` by itself at the opening (issue 11, item 14).
   */
  | 'early'
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
  /** For `not_yet_valid` of a genuine link: the appointment's public facts, for the early page. */
  early?: EarlyAppointment;
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
  /** The chosen devices (null: the browser's default). */
  cameraId: string | null;
  microphoneId: string | null;
  /** Sharing the screen: its picture replaces the camera picture for the others. */
  screen: boolean;
  screenStream: MediaStream | null;
}

/** The checks before joining (DESIGN.md: device and connection check). */
export interface PreJoinChecks {
  /** Problems of this browser; `no_webrtc` and `insecure` make a call impossible. */
  advice: BrowserAdvice[];
  /** socket.io to the video service. */
  signalling: CheckStatus;
  /** ICE candidate gathering (a relay candidate when TURN servers are known). */
  media: CheckStatus;
  speakerTest: 'idle' | 'playing' | 'done' | 'failed';
}

export interface RemotePeerState {
  info: ParticipantInfo;
  stream: MediaStream | null;
  audio: boolean;
  video: boolean;
  /** They share their screen (their video shows it). */
  screen: boolean;
  connection: RTCPeerConnectionState;
  /** Their reported connection quality (clerks only receive it). */
  quality: QualityReport | null;
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
  /** Screen `early`: when the room opens, in the appointment's zone and language. */
  early: EarlyAppointment | null;
  /** The city's privacy statement, linked from the notices (from the session). */
  privacyUrl: string | null;
  /** Clerks: their workplace, linked when the call is over. */
  workplaceUrl: string | null;
  clerkPresent: boolean;
  /** Messages a clerk wrote to this waiting participant. */
  lobbyMessages: LobbyMessage[];
  /** The clerk's latest estimated waiting time for this waiting participant (`lobby:estimate`). */
  waitingEstimate: WaitingEstimate | null;
  /** Why the room closed (screen `closed`). */
  closedReason: RoomClosedReason | null;
  /** The clerk's words when turning this participant away (screen `rejected`). */
  rejectedMessage: string | null;
  /** Clerks only: who waits in the lobby. */
  waiting: WaitingEntry[];
  /** Participant ids (or `room`) with a clerk request on its way to the server (their buttons wait). */
  admitting: string[];
  /** Other admitted participants, keyed by participant id, in arrival order. */
  peers: Record<string, RemotePeerState>;
  local: LocalMediaState;
  /** The signalling connection dropped (or the device went offline) and is being re-established. */
  reconnecting: boolean;
  /** SFU mode: the server lost the room's media (`sfu:restart`) and this page sets it up again. */
  mediaRestoring: boolean;
  /** The person confirmed the notices (required before joining). */
  consent: boolean;
  /** "Join" was chosen without the confirmation: the page says so at the checkbox. */
  consentMissing: boolean;
  devices: DeviceLists;
  /** Chosen loudspeaker (`setSinkId`); null: the default. */
  speakerId: string | null;
  checks: PreJoinChecks;
  /** A clerk sent this participant back to the waiting room. */
  returnedToLobby: boolean;
  /** The call's chat, oldest first. */
  chat: ChatMessage[];
  chatOpen: boolean;
  /** Chat messages that arrived while the chat was closed. */
  chatUnread: number;
  /** Non-clerks whom the clerk allows to share their screen. */
  screenShareAllowed: string[];
  /** This device's own connection quality (null until measured). */
  quality: QualityReport | null;
  /** SFU mode: who speaks right now. */
  activeSpeaker: string | null;
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
    early: null,
    privacyUrl: null,
    workplaceUrl: null,
    clerkPresent: false,
    lobbyMessages: [],
    waitingEstimate: null,
    closedReason: null,
    rejectedMessage: null,
    waiting: [],
    admitting: [],
    peers: {},
    local: {
      stream: null,
      audio: true,
      video: true,
      hasAudio: false,
      hasVideo: false,
      problem: null,
      acquiring: false,
      cameraId: null,
      microphoneId: null,
      screen: false,
      screenStream: null,
    },
    reconnecting: false,
    mediaRestoring: false,
    consent: false,
    consentMissing: false,
    devices: { cameras: [], microphones: [], speakers: [] },
    speakerId: null,
    checks: { advice: [], signalling: 'pending', media: 'pending', speakerTest: 'idle' },
    returnedToLobby: false,
    chat: [],
    chatOpen: false,
    chatUnread: 0,
    screenShareAllowed: [],
    quality: null,
    activeSpeaker: null,
    announcement: null,
    notice: null,
  };
}
