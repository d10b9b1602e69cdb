/**
 * What the room use cases need from storage, as small interfaces: admissions, the waiting room, room
 * records and chat, and the set of every repository a transaction hands out (`Repositories`, with the
 * sessions' and the event outbox's). persistence/ implements them (database.ts builds the set); the use
 * cases never import sequelize.
 */
import type { Role } from '../contract/join-token.ts';
import type { OutboxRepository } from '../events/ports.ts';
import type { RevokedTokenRepository, SessionRepository } from '../sessions/ports.ts';

export interface Admission {
  room: string;
  participantId: string;
  admittedAt: Date;
  admittedBy: string;
}

export interface AdmissionRepository {
  isAdmitted(room: string, participantId: string): Promise<boolean>;
  /** Records the admission; admitting twice keeps the first record. */
  admit(admission: Admission): Promise<void>;
  /** Withdraws the admission (sent back to the lobby); the screen-share permission goes with it. */
  withdraw(room: string, participantId: string): Promise<void>;
  list(room: string): Promise<Admission[]>;
  /** Allows or forbids screen sharing; false when the participant is not admitted. */
  setScreenShare(room: string, participantId: string, allowed: boolean): Promise<boolean>;
  /** Ids of admitted participants allowed to share their screen. */
  screenSharers(room: string): Promise<string[]>;
  removeRoom(room: string): Promise<void>;
}

export interface LobbyRepository {
  /**
   * Puts the participant in the lobby unless already there; returns the (kept) waiting-since time and
   * whether this started a new wait (not a reload).
   */
  enter(room: string, participantId: string, now: Date): Promise<{ since: Date; started: boolean }>;
  remove(room: string, participantId: string): Promise<void>;
  /** Waiting-since of everyone in the room's lobby, oldest first. */
  list(room: string): Promise<Array<{ participantId: string; since: Date }>>;
  removeRoom(room: string): Promise<void>;
  /**
   * Stores a clerk's estimated waiting time on the participant's lobby row (replacing an earlier one);
   * false when they are not in the lobby (admitted or gone: nothing is stored).
   */
  setEstimate(room: string, participantId: string, estimate: StoredEstimate): Promise<boolean>;
  /** The estimate stored on the participant's lobby row; null when none was sent during this wait. */
  estimate(room: string, participantId: string): Promise<StoredEstimate | null>;
}

/** A clerk's estimated waiting time as stored: minutes 0 ("any moment") to 120, and when it was sent. */
export interface StoredEstimate {
  minutes: number;
  at: Date;
}

export type RoomCloseReason = 'ended' | 'closed';

export interface RoomRecord {
  room: string;
  closedAt: Date | null;
  closedReason: RoomCloseReason | null;
  closedBy: string | null;
}

export interface RoomRepository {
  get(room: string): Promise<RoomRecord | null>;
  /** Closes the room unless already closed; returns the record and whether this call closed it. */
  close(
    room: string,
    at: Date,
    reason: RoomCloseReason,
    by: string,
  ): Promise<{ record: RoomRecord; closedNow: boolean }>;
  remove(room: string): Promise<void>;
}

export interface StoredMessage {
  id: string;
  room: string;
  from: { id: string; role: Role; name: string };
  /** null: the call's chat; a participant id: a lobby message to that person. */
  to: string | null;
  text: string;
  sentAt: Date;
}

export interface ChatRepository {
  add(message: StoredMessage): Promise<void>;
  /** The newest `limit` messages of the call's chat, oldest first. */
  history(room: string, limit: number): Promise<StoredMessage[]>;
  /** Lobby messages to `to` sent at or after `since`, oldest first. */
  lobbyMessages(room: string, to: string, since: Date): Promise<StoredMessage[]>;
  removeRoom(room: string): Promise<void>;
}

/** Every repository; `Database.transaction` hands out the same set bound to one transaction. */
export interface Repositories {
  sessions: SessionRepository;
  admissions: AdmissionRepository;
  lobby: LobbyRepository;
  revokedTokens: RevokedTokenRepository;
  rooms: RoomRepository;
  chat: ChatRepository;
  outbox: OutboxRepository;
}
