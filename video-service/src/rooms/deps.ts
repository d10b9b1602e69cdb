/** Everything the room use cases work with, wired once in app.ts. */
import type { Logger } from '../log.ts';
import type { MediaMode } from '../contract/signalling.ts';
import type { AdmissionRepository } from '../persistence/admission-repository.ts';
import type { LobbyRepository } from '../persistence/lobby-repository.ts';
import type { SessionRepository } from '../persistence/session-repository.ts';
import type { RevokedTokenRepository } from '../persistence/revoked-token-repository.ts';
import type { TurnSettings } from '../media/turn.ts';
import type { RoomRegistry } from './room-state.ts';
import type { RoomNotifier } from './ports.ts';

export interface RoomDeps {
  registry: RoomRegistry;
  notifier: RoomNotifier;
  sessions: SessionRepository;
  revokedTokens: RevokedTokenRepository;
  admissions: AdmissionRepository;
  lobby: LobbyRepository;
  media: { mode: MediaMode; turn: TurnSettings };
  /** How long a disconnected waiting participant keeps their place in the clerk's list. */
  lobbyGraceMs: number;
  log: Logger;
  now?: () => Date;
}
