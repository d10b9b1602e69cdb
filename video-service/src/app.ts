/**
 * The video service as one object: `VideoService.create(config)` opens the database (migrating it), loads
 * the trusted keys, chooses the media mode and wires HTTP + socket.io; `listen()` starts answering;
 * `close()` stops everything and is safe to call twice.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import type { VideoConfig } from './config.ts';
import { createRootLogger, type Logger } from './log.ts';
import { openDatabase, type Database } from './persistence/database.ts';
import { KeyStore } from './tokens/key-store.ts';
import { verifyJoinToken } from './tokens/verify-join-token.ts';
import { startMedia, type MediaRuntime } from './media/media-mode.ts';
import { turnConfigured } from './media/turn.ts';
import { resumeSession, type SessionDeps } from './sessions/sessions.ts';
import { RoomRegistry } from './rooms/room-state.ts';
import { createHttpApp } from './http/app.ts';
import { Signalling } from './signalling/server.ts';

export interface VideoServiceOptions {
  /** Where logs go (default stdout). */
  logDestination?: DestinationStream;
}

interface Parts {
  config: VideoConfig;
  log: Logger;
  db: Database;
  keys: KeyStore;
  media: MediaRuntime;
  registry: RoomRegistry;
  httpServer: HttpServer;
  signalling: Signalling;
}

export class VideoService {
  readonly config: VideoConfig;
  readonly log: Logger;
  /** Trusted join-token keys (e.g. `keys.refresh()` after rotating a JWKS file). */
  readonly keys: KeyStore;
  /** The media mode in use and why. */
  readonly media: { mode: MediaRuntime['mode']; reason: string };
  readonly #parts: Parts;
  #closing: Promise<void> | undefined;

  private constructor(parts: Parts) {
    this.#parts = parts;
    this.config = parts.config;
    this.log = parts.log;
    this.keys = parts.keys;
    this.media = { mode: parts.media.mode, reason: parts.media.reason };
  }

  static async create(config: VideoConfig, options: VideoServiceOptions = {}): Promise<VideoService> {
    const log = createRootLogger(config.logLevel, options.logDestination);
    const db = await openDatabase(config.databaseUrl, log.child({ module: 'persistence' }));
    let media: MediaRuntime | undefined;
    try {
      const keys = await KeyStore.create({ source: config.jwks, log: log.child({ module: 'tokens' }) });
      media = await startMedia(config.mediaMode, config.mediasoup, log.child({ module: 'media' }));
      warnAboutUnusedSettings(config, log);

      const sessionDeps: SessionDeps = {
        sessions: db.sessions,
        revokedTokens: db.revokedTokens,
        verifyToken: (token) => verifyJoinToken(token, { keys, revokedTokens: db.revokedTokens, trustedIssuers: config.trustedIssuers }),
        ttlMinutes: config.sessionTtlMinutes,
        log: log.child({ module: 'sessions' }),
      };
      const app = createHttpApp({
        sessions: sessionDeps,
        ping: () => db.ping(),
        media,
        publicUrl: config.publicUrl,
        webDistDir: config.webDistDir,
        trustProxy: config.trustProxy,
        sessionCreateLimitPerMinute: config.sessionRateLimitPerMinute,
        log: log.child({ module: 'http' }),
      });
      const httpServer = createServer(app);
      const signalling = new Signalling(httpServer, {
        publicUrl: config.publicUrl,
        resume: (token) => resumeSession(sessionDeps, token),
        log: log.child({ module: 'signalling' }),
      });
      const registry = new RoomRegistry();
      signalling.serve({
        registry,
        notifier: signalling.notifier,
        sessions: db.sessions,
        revokedTokens: db.revokedTokens,
        admissions: db.admissions,
        lobby: db.lobby,
        media: { mode: media.mode, turn: config.turn },
        lobbyGraceMs: config.lobbyGraceSeconds * 1000,
        log: log.child({ module: 'rooms' }),
      });
      return new VideoService({ config, log, db, keys, media, registry, httpServer, signalling });
    } catch (error) {
      media?.close();
      await db.close();
      throw error;
    }
  }

  /** Listens on config.port (0 picks a free port) and config.host; resolves to `http://127.0.0.1:<port>`. */
  listen(): Promise<string> {
    const { httpServer, config, log } = this.#parts;
    return new Promise((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => {
        httpServer.off('error', reject);
        const { port } = httpServer.address() as AddressInfo;
        log.info({ port, host: config.host, media: this.media.mode }, 'listen() | listening');
        resolve(`http://127.0.0.1:${port}`);
      });
    });
  }

  /** Stops sockets, HTTP, grace timers, media workers and the database. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    const { signalling, httpServer, registry, media, db, log } = this.#parts;
    const stopped = signalling.close();
    httpServer.closeAllConnections();
    await stopped;
    registry.close();
    media.close();
    await db.close();
    log.info('close() | stopped');
  }
}

function warnAboutUnusedSettings(config: VideoConfig, log: Logger): void {
  if (config.turn.relayOnly && !turnConfigured(config.turn)) {
    log.warn('TURN_RELAY_ONLY=true but no TURN relay is configured (TURN_URLS with turn: URIs and TURN_SECRET); using iceTransportPolicy "all"');
  }
  if (config.redisUrl) log.warn('REDIS_URL is set but the Redis adapter is not wired yet; running as a single node');
}
