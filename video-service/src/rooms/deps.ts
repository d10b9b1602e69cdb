/** Everything the room use cases work with, wired once in app.ts. */
import type { Logger } from '../log.ts';
import type { MediaMode } from '../contract/signalling.ts';
import type { Repositories } from './repository-ports.ts';
import type { TurnSettings } from '../media/turn.ts';
import type { RoomRegistry } from './registry.ts';
import type { RoomEvents, RoomNotifier, SfuPort } from './ports.ts';

export interface RoomDeps extends Repositories {
  /** Runs work in one database transaction (state change + outbox row together). */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  registry: RoomRegistry;
  notifier: RoomNotifier;
  events: RoomEvents;
  /** Present in SFU mode. */
  sfu: SfuPort | undefined;
  media: { mode: MediaMode; turn: TurnSettings; maxParticipants: number };
  /** How long a disconnected waiting participant keeps their place in the clerk's list. */
  lobbyGraceMs: number;
  log: Logger;
  now?: () => Date;
}

export function nowOf(deps: Pick<RoomDeps, 'now'>): Date {
  return deps.now?.() ?? new Date();
}
