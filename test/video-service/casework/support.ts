/**
 * Casework test support: a real video service (SQLite or MariaDB, a temporary DATA_DIR, a shiftable clock
 * for casework), clerks and citizens of a room with their sessions and sockets (admitted, case opened),
 * typed casework requests and notifications, and HTTP helpers with the session.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { loadConfig } from '../../../video-service/src/config.ts';
import { VideoService } from '../../../video-service/src/app.ts';
import type {
  CaseSnapshot,
  CaseworkClientToServerEvents,
  CaseworkServerToClientEvents,
  FormState,
} from '../../../video-service/src/contract/casework.ts';
import type { JoinClaims, VerifyFacts } from '../../../video-service/src/contract/join-token.ts';
import type { Reply } from '../../../video-service/src/contract/signalling.ts';
import type { TestDatabase } from '../../support/databases.ts';
import {
  connectSocket,
  createSigningKey,
  joinClaims,
  jwksOf,
  openSession,
  request,
  signJoinToken,
  type RoomClient,
  type SigningKey,
} from '../support.ts';

/** A clock the test moves (casework only: TAN expiry, retention). */
export class TestClock {
  #offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.#offsetMs);
  shift(ms: number): void {
    this.#offsetMs += ms;
  }
}

export const DAY = 24 * 3600_000;

export interface CaseworkService {
  service: VideoService;
  baseUrl: string;
  dataDir: string;
  key: SigningKey;
  clock: TestClock;
  close(): Promise<void>;
}

/**
 * The casework suites' set-up, "each database × a started service": inside a suite of the
 * `for (const { kind, create } of DATABASES)` loop, starts a casework service on a fresh database before the
 * suite's tests and stops it, dropping the database, after them. The fields are filled once `before` ran:
 * take them in the suite's own `before` (registered later, so it runs after this one).
 */
export function useCaseworkService(
  create: () => Promise<TestDatabase>,
  options: { env?: Record<string, string>; logs?: string[] } = {},
): { database: TestDatabase; svc: CaseworkService } {
  const started = {} as { database: TestDatabase; svc: CaseworkService };
  before(async () => {
    started.database = await create();
    started.svc = await startCaseworkService({ database: started.database, ...options });
  });
  after(async () => {
    await started.svc?.close();
    await started.database?.drop();
  });
  return started;
}

/** A video service with casework on `database` (SQLite file by default), its own DATA_DIR and clock. */
export async function startCaseworkService(
  options: { database?: TestDatabase; env?: Record<string, string>; logs?: string[] } = {},
): Promise<CaseworkService> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'va-casework-'));
  const key = createSigningKey();
  const jwksFile = path.join(dataDir, 'jwks.json');
  await writeFile(jwksFile, JSON.stringify(jwksOf([key])));
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    MEDIA_MODE: 'p2p',
    LOG_LEVEL: options.logs ? 'debug' : 'silent',
    JWKS_FILE: jwksFile,
    SESSION_RATE_LIMIT_PER_MINUTE: '100000',
    VERIFY_RATE_LIMIT_PER_MINUTE: '100000',
    AUTHORITY_NAME: 'Stadt Musterstadt – Bürgeramt',
    RETENTION_INTERVAL_SECONDS: '0',
    ...(options.database ? { DATABASE_URL: options.database.url } : {}),
    ...options.env,
  };
  const clock = new TestClock();
  const logs = options.logs;
  let service: VideoService;
  try {
    service = await VideoService.create(loadConfig(env), {
      now: clock.now,
      ...(logs ? { logDestination: { write: (line: string) => void logs.push(line) } } : {}),
    });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const baseUrl = await service.listen();
  let closed = false;
  return {
    service,
    baseUrl,
    dataDir,
    key,
    clock,
    async close() {
      if (closed) return;
      closed = true;
      await service.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type CaseClient = Socket<CaseworkServerToClientEvents, CaseworkClientToServerEvents>;
export type CaseReply<E extends keyof CaseworkClientToServerEvents> = Parameters<
  CaseworkClientToServerEvents[E]
>[1] extends (reply: Reply<infer T>) => void
  ? T
  : never;

/** A casework request; resolves with its Reply. `payload` is unknown on purpose (tests send garbage too). */
export function ask<E extends keyof CaseworkClientToServerEvents>(
  socket: RoomClient | CaseClient,
  event: E,
  payload: unknown,
  timeoutMs = 15_000,
): Promise<Reply<CaseReply<E>>> {
  return (socket as unknown as Socket).timeout(timeoutMs).emitWithAck(event, payload) as Promise<Reply<CaseReply<E>>>;
}

/** A casework request that must succeed; returns its data. */
export async function must<E extends keyof CaseworkClientToServerEvents>(
  socket: RoomClient | CaseClient,
  event: E,
  payload: unknown,
): Promise<CaseReply<E>> {
  const reply = await ask(socket, event, payload);
  if (!reply.ok) throw new Error(`${event} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.data;
}

/** Every casework notification a socket receives, in order. */
export function caseEvents(socket: RoomClient): Array<{ event: string; payload: unknown }> {
  const seen: Array<{ event: string; payload: unknown }> = [];
  socket.onAny((event: string, payload: unknown) => seen.push({ event, payload }));
  return seen;
}

/** The next `event` (rejects after `timeoutMs`). */
export function nextCaseEvent<E extends keyof CaseworkServerToClientEvents>(
  socket: RoomClient,
  event: E,
  timeoutMs = 5000,
): Promise<Parameters<CaseworkServerToClientEvents[E]>[0]> {
  const raw = socket as unknown as {
    once(e: string, l: (p: never) => void): void;
    off(e: string, l: (p: never) => void): void;
  };
  return new Promise((resolve, reject) => {
    const listener = (payload: Parameters<CaseworkServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      raw.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    raw.once(event, listener);
  });
}

export interface Participant {
  id: string;
  sessionToken: string;
  socket: RoomClient;
}

export interface CaseScene {
  room: string;
  claims: { clerk: JoinClaims; citizen: JoinClaims };
  clerk: Participant;
  citizen: Participant;
  clerkCase: CaseSnapshot;
  citizenCase: CaseSnapshot;
  /** The form of `service` in the citizen's snapshot. */
  form(service: string): FormState;
}

/** The same claims with a fresh token id (a second link of the same person), overridable. */
export function again(claims: JoinClaims, overrides: Partial<JoinClaims> = {}): JoinClaims {
  return { ...claims, jti: randomUUID(), ...overrides };
}

/** Connects a participant (session + socket) and joins the room. */
export async function enter(svc: CaseworkService, claims: JoinClaims): Promise<Participant> {
  const { sessionToken } = await openSession(svc.baseUrl, signJoinToken(svc.key, claims));
  const socket = await connectSocket(svc.baseUrl, { session: sessionToken });
  const joined = await request(socket, 'room:join', {});
  if (!joined.ok) throw new Error(`room:join failed: ${joined.error.message}`);
  return { id: claims.sub, sessionToken, socket };
}

/** Claims for a room with these services; the appointment runs now for 30 minutes unless overridden. */
export function roomClaims(
  services: string[],
  overrides: RoomOverrides = {},
): { room: string; clerk: JoinClaims; citizen: JoinClaims } {
  const appointmentId = randomUUID();
  const room = overrides.room ?? `appt-${appointmentId}`;
  const start = overrides.start ?? new Date(Date.now() - 60_000);
  const end = overrides.end ?? new Date(start.getTime() + 30 * 60_000);
  const appt = {
    id: appointmentId,
    title: 'Termin im Bürgeramt',
    start: start.toISOString(),
    end: end.toISOString(),
    tz: 'Europe/Berlin',
    services,
    locale: overrides.locale ?? 'de',
  };
  const clerkAppt = overrides.verify ? { ...appt, verify: overrides.verify } : appt;
  const citizenAppt = overrides.verify && overrides.verifyInCitizenToken ? clerkAppt : appt;
  return {
    room,
    citizen: joinClaims({ room, sub: `citizen-${room}`, role: 'citizen', name: 'Erika Mustermann', appt: citizenAppt }),
    clerk: joinClaims({ room, sub: `clerk-${room}`, role: 'clerk', name: 'Max Beispiel', appt: clerkAppt }),
  };
}

export interface RoomOverrides {
  room?: string;
  start?: Date;
  end?: Date;
  /** Booking facts for the ID check's questions (`appt.verify`), in the clerk's token. */
  verify?: VerifyFacts;
  /** Also in the citizen's token (a connector that should not do so: the service must drop them). */
  verifyInCitizenToken?: boolean;
  /** The appointment's language (`appt.locale`; default `de`). */
  locale?: string;
}

/** A clerk and an admitted citizen of a fresh room, both with the case open. Sockets are closed by `closeScene`. */
export async function caseScene(
  svc: CaseworkService,
  services: string[] = ['anmeldung'],
  overrides: RoomOverrides = {},
): Promise<CaseScene> {
  const claims = roomClaims(services, overrides);
  const clerk = await enter(svc, claims.clerk);
  const citizen = await enter(svc, claims.citizen);
  const admitted = await request(clerk.socket, 'lobby:admit', { participantId: citizen.id });
  if (!admitted.ok) throw new Error(`admit failed: ${admitted.error.message}`);
  const clerkCase = await must(clerk.socket, 'case:open', {});
  const citizenCase = await must(citizen.socket, 'case:open', {});
  return {
    room: claims.room,
    claims,
    clerk,
    citizen,
    clerkCase,
    citizenCase,
    form(service) {
      const form = citizenCase.forms.find((f) => f.service === service);
      if (!form) throw new Error(`no form for ${service}`);
      return form;
    },
  };
}

export function closeScene(scene: { clerk: Participant; citizen: Participant } | undefined): void {
  scene?.clerk.socket.close();
  scene?.citizen.socket.close();
}

/** fetch with the participant's session. */
export function withSession(
  svc: CaseworkService,
  p: Participant,
  pathname: string,
  init: RequestInit = {},
): Promise<Response> {
  return fetch(`${svc.baseUrl}${pathname}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${p.sessionToken}` },
  });
}

/** Waits until `probe` answers something truthy (polling every 50 ms), instead of a fixed pause; fails naming `what`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
