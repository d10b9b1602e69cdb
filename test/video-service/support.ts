/**
 * Helpers for tests that talk to a real video service: ES256 signing keys made in the test, join tokens,
 * a JWKS served by a real local HTTP server (or written to a JWKS_FILE), a video service on a free port with
 * a temporary DATA_DIR, the session exchange, and typed socket.io clients. Reused by the end-to-end tests.
 */
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig, type VideoConfig } from '../../video-service/src/config.ts';
import { cachedWorkerBin, lockedMediasoupVersion } from '../../video-service/src/media/sfu/worker-cache.ts';
import { VideoService, type VideoServiceOptions } from '../../video-service/src/app.ts';
import type { JoinClaims } from '../../video-service/src/contract/join-token.ts';
import type { SessionInfo } from '../../video-service/src/contract/session.ts';
import type { ClientToServerEvents, Reply, ServerToClientEvents } from '../../video-service/src/contract/signalling.ts';

// ---------------------------------------------------------------- the mediasoup worker

/**
 * The worker binary the service would use: MEDIASOUP_WORKER_BIN, else the one `npm run build:worker` cached.
 * Suites that need a real worker start it from here; `.ci/run` builds it and sets REQUIRE_MEDIASOUP_WORKER=true,
 * so there a missing worker fails those suites instead of skipping them.
 */
export function testWorkerBin(): string | undefined {
  return (
    process.env.MEDIASOUP_WORKER_BIN ??
    cachedWorkerBin(lockedMediasoupVersion(path.resolve(import.meta.dirname, '../..')))
  );
}

/** Environment that makes the service find no worker at all, whatever this machine has cached. */
export const NO_WORKER_ENV = { MEDIASOUP_WORKER_BIN: '/nonexistent/mediasoup-worker' } as const;

/** Why no mediasoup worker can start here (undefined when one can). */
export async function workerProblem(): Promise<string | undefined> {
  const workerBin = testWorkerBin();
  try {
    const mediasoup = await import('mediasoup');
    const worker = await mediasoup.createWorker({ logLevel: 'none', ...(workerBin ? { workerBin } : {}) });
    worker.close();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Skips a real-worker suite without a worker, except where a worker is required (CI): there it fails. */
export async function requireWorker(context: Mocha.Context): Promise<void> {
  const problem = await workerProblem();
  if (!problem) return;
  if (process.env.REQUIRE_MEDIASOUP_WORKER === 'true')
    throw new Error(`REQUIRE_MEDIASOUP_WORKER=true but no mediasoup worker starts: ${problem}`);
  console.log(`      (skipped: no mediasoup worker on this machine: ${problem}; npm run build:worker builds one)`);
  context.skip();
}

// ---------------------------------------------------------------- keys and tokens

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as published in a JWKS: { kty, crv, x, y, kid, alg: 'ES256', use: 'sig' }. */
  jwk: Record<string, string>;
}

/** A fresh P-256 key pair, as the connector would make it. */
export function createSigningKey(kid: string = `key-${randomUUID().slice(0, 8)}`): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
  return { kid, privateKey, publicKey, jwk: { kty: kty!, crv: crv!, x: x!, y: y!, kid, alg: 'ES256', use: 'sig' } };
}

export function jwksOf(keys: SigningKey[]): { keys: Array<Record<string, string>> } {
  return { keys: keys.map((k) => k.jwk) };
}

/** Valid claims for a citizen of a fresh room, open now for an hour; override any field. */
export function joinClaims(overrides: Partial<JoinClaims> = {}): JoinClaims {
  const now = Math.floor(Date.now() / 1000);
  const appointmentId = randomUUID();
  const room = overrides.room ?? `appt-${appointmentId}`;
  return {
    iss: 'test-connector',
    aud: 'video-service',
    sub: `citizen-${appointmentId}`,
    jti: randomUUID(),
    iat: now,
    nbf: now - 60,
    exp: now + 3600,
    room,
    role: 'citizen',
    name: 'Erika Mustermann',
    appt: {
      id: appointmentId,
      title: 'Anmeldung einer Wohnung',
      start: new Date((now + 300) * 1000).toISOString(),
      end: new Date((now + 2100) * 1000).toISOString(),
      tz: 'Europe/Berlin',
      services: ['anmeldung'],
      locale: 'de',
    },
    ...overrides,
  };
}

/** Signs claims with ES256 and the key's kid (override the header's kid with `kid`). */
export function signJoinToken(
  key: SigningKey,
  claims: Partial<JoinClaims> | Record<string, unknown> = joinClaims(),
  kid: string = key.kid,
): string {
  return jwt.sign(claims, key.privateKey, { algorithm: 'ES256', keyid: kid });
}

/** A token for another participant of `room` (a guest such as an interpreter, or a second clerk). */
export function participantToken(
  key: SigningKey,
  room: string,
  role: JoinClaims['role'],
  sub: string,
  overrides: Partial<JoinClaims> = {},
): string {
  return signJoinToken(key, joinClaims({ room, sub, role, name: `${role} ${sub}`, ...overrides }));
}

/** A service token for the admin API (ES256, aud video-service-admin, five minutes); override any claim. */
export function signAdminToken(
  key: SigningKey,
  overrides: Record<string, unknown> = {},
  kid: string = key.kid,
): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign(
    { iss: 'test-connector', aud: 'video-service-admin', iat: now, exp: now + 300, ...overrides },
    key.privateKey,
    { algorithm: 'ES256', keyid: kid },
  );
}

/** Tokens for a clerk and a citizen of the same room. */
export function roomTokens(
  key: SigningKey,
  room = `appt-${randomUUID()}`,
): { room: string; clerk: string; citizen: string; citizenId: string; clerkId: string } {
  const citizen = joinClaims({ room, sub: `citizen-${room}`, name: 'Erika Mustermann' });
  const clerk = joinClaims({ room, sub: `clerk-${room}`, role: 'clerk', name: 'Max Beispiel' });
  return {
    room,
    clerk: signJoinToken(key, clerk),
    citizen: signJoinToken(key, citizen),
    citizenId: citizen.sub,
    clerkId: clerk.sub,
  };
}

// ---------------------------------------------------------------- a JWKS over real HTTP

export interface JwksServer {
  /** e.g. http://127.0.0.1:12345/.well-known/jwks.json */
  url: string;
  /** Replace the published keys (key rotation). */
  setKeys(keys: SigningKey[]): void;
  /** How many times the JWKS was fetched. */
  readonly requests: number;
  close(): Promise<void>;
}

export async function startJwksServer(keys: SigningKey[]): Promise<JwksServer> {
  let published = jwksOf(keys);
  let requests = 0;
  const server: Server = createServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    requests += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(published));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    setKeys(next) {
      published = jwksOf(next);
    },
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------- the video service

export interface StartVideoServiceOptions {
  /** Trust the JWKS at this URL (CONNECTOR_JWKS_URL) ... */
  jwksUrl?: string;
  /** ... or these keys, written to a JWKS_FILE in the data directory. One of the two is required. */
  keys?: SigningKey[];
  /** DATABASE_URL; default: an SQLite file in the temporary DATA_DIR. */
  databaseUrl?: string;
  /** More environment variables (they win over the defaults here: PORT=0, HOST=127.0.0.1, MEDIA_MODE=p2p, LOG_LEVEL=silent). */
  env?: Record<string, string>;
  /** Passed to VideoService.create (e.g. a stand-in SFU). */
  serviceOptions?: VideoServiceOptions;
}

export interface StartedVideoService {
  service: VideoService;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  config: VideoConfig;
  dataDir: string;
  /** Closes this instance and starts a new one on the same DATA_DIR and database (same port when free). */
  restart(): Promise<StartedVideoService>;
  /** Closes the service and deletes the temporary DATA_DIR. Safe to call twice. */
  close(): Promise<void>;
}

/** Starts a video service on a free port with a temporary DATA_DIR, trusting the given JWKS. */
export async function startVideoService(options: StartVideoServiceOptions): Promise<StartedVideoService> {
  if (!options.jwksUrl && !options.keys) throw new Error('startVideoService needs jwksUrl or keys');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'va-video-'));
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    MEDIA_MODE: 'p2p',
    LOG_LEVEL: 'silent',
  };
  if (options.keys) {
    env.JWKS_FILE = path.join(dataDir, 'jwks.json');
    await writeFile(env.JWKS_FILE, JSON.stringify(jwksOf(options.keys)));
  }
  if (options.jwksUrl) env.CONNECTOR_JWKS_URL = options.jwksUrl;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  Object.assign(env, options.env);
  return launch(env, dataDir, options.serviceOptions);
}

async function launch(
  env: Record<string, string>,
  dataDir: string,
  serviceOptions?: VideoServiceOptions,
): Promise<StartedVideoService> {
  const config = loadConfig(env);
  const service = await VideoService.create(config, serviceOptions);
  const baseUrl = await service.listen();
  let closed = false;
  const started: StartedVideoService = {
    service,
    baseUrl,
    config,
    dataDir,
    async restart() {
      await service.close();
      closed = true;
      return launch({ ...env, PUBLIC_URL: env.PUBLIC_URL ?? baseUrl }, dataDir, serviceOptions);
    },
    async close() {
      await service.close();
      if (!closed) {
        closed = true;
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
  return started;
}

// ---------------------------------------------------------------- sessions and sockets

/** POST /api/session; returns status, body and the Set-Cookie header. */
/**
 * `POST /api/session` with what a link's fragment holds, as the join page sends it: a short link's id
 * (22 base64url characters) as `linkId`, anything else as `token`.
 */
export async function postSession(
  baseUrl: string,
  token: string,
): Promise<{ status: number; body: Record<string, unknown>; setCookie: string | null }> {
  const body = /^[A-Za-z0-9_-]{22}$/.test(token) ? { linkId: token } : { token };
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    setCookie: res.headers.get('set-cookie'),
  };
}

/** Trades a join token for a session; throws unless 201. */
export async function openSession(baseUrl: string, token: string): Promise<SessionInfo> {
  const { status, body } = await postSession(baseUrl, token);
  if (status !== 201) throw new Error(`POST /api/session answered ${status}: ${JSON.stringify(body)}`);
  return body as unknown as SessionInfo;
}

export type RoomClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client that has passed the handshake (rejects with the connect_error message otherwise). */
export function connectSocket(baseUrl: string, auth: { session?: string; cookie?: string } = {}): Promise<RoomClient> {
  const socket: RoomClient = connect(baseUrl, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: auth.session ? { session: auth.session } : {},
    extraHeaders: auth.cookie ? { cookie: auth.cookie } : {},
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** The data a request's Reply carries on success. */
export type ReplyData<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1] extends (
  reply: Reply<infer T>,
) => void
  ? T
  : never;

/**
 * Emits a request and resolves with its Reply (rejects after `timeoutMs` without an answer). The payload is
 * `unknown` on purpose: tests also send garbage.
 */
export function request<E extends keyof ClientToServerEvents>(
  socket: RoomClient,
  event: E,
  payload: unknown,
  timeoutMs = 5000,
): Promise<Reply<ReplyData<E>>> {
  return (socket as unknown as Socket).timeout(timeoutMs).emitWithAck(event, payload) as Promise<Reply<ReplyData<E>>>;
}

/** Everything a client receives, in order, for assertions like "received nothing but snapshots". */
export function recordEvents(socket: RoomClient): Array<{ event: string; payload: unknown }> {
  const seen: Array<{ event: string; payload: unknown }> = [];
  socket.onAny((event: string, payload: unknown) => seen.push({ event, payload }));
  return seen;
}

/** Resolves with the next `event` (rejects after `timeoutMs`). */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: RoomClient,
  event: E,
  timeoutMs = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  const on = socket.once as unknown as (event: string, listener: (payload: never) => void) => void;
  const off = socket.off as unknown as (event: string, listener: (payload: never) => void) => void;
  return new Promise((resolve, reject) => {
    const listener = (payload: never) => {
      clearTimeout(timer);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      off.call(socket, event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    on.call(socket, event, listener);
  });
}

/** Lets in-flight messages arrive before asserting that something did NOT happen. */
export function settle(ms = 300): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
