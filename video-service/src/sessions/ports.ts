/**
 * What the session use cases (and the handshake, the join-token check) need from storage, as small
 * interfaces: sessions and revoked token ids. persistence/session-repository.ts and
 * persistence/revoked-token-repository.ts implement them; nothing here imports sequelize.
 */
import type { AppointmentInfo, Role } from '../contract/join-token.ts';

export interface SessionRecord {
  /** SHA-256 hex of the session token. */
  id: string;
  room: string;
  participantId: string;
  role: Role;
  name: string;
  appointment: AppointmentInfo;
  tokenJti: string;
  tokenExp: Date;
  /** The token's `iat` (null for sessions stored before it was recorded): a room closed later refuses it. */
  tokenIat: Date | null;
  expiresAt: Date;
  createdAt: Date;
}

export interface SessionRepository {
  insert(session: SessionRecord): Promise<void>;
  findById(id: string): Promise<SessionRecord | null>;
  setExpiry(id: string, expiresAt: Date): Promise<void>;
  remove(id: string): Promise<void>;
  /** Deletes sessions that expired before `now`; returns how many. */
  removeExpired(now: Date): Promise<number>;
  /** Sessions opened with any of these token ids. */
  findByJtis(jtis: string[]): Promise<SessionRecord[]>;
  removeRoom(room: string): Promise<void>;
}

export interface RevokedTokenRepository {
  isRevoked(jti: string): Promise<boolean>;
  /** Revoking twice keeps the first time. */
  revoke(jti: string, at: Date): Promise<void>;
}
