/**
 * The video service as one object: `VideoService.create(config)` opens the database (migrating it), loads
 * the trusted keys, chooses the media mode, connects Redis when several processes share the work, and wires
 * HTTP + socket.io + the event sender; `listen()` starts answering; `close()` stops everything and is safe
 * to call twice.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { DestinationStream } from 'pino';
import { createAdapter } from '@socket.io/redis-adapter';
import type { VideoConfig } from './config.ts';
import { createRootLogger, type Logger } from './log.ts';
import { openDatabase, type Database } from './persistence/database.ts';
import { openCaseworkStore } from './persistence/casework/store.ts';
import { KeyStore } from './tokens/key-store.ts';
import { verifyJoinToken } from './tokens/verify-join-token.ts';
import { verifyAdminToken } from './tokens/verify-admin-token.ts';
import { currentMode, mediaHealth, roomCapacity, startMedia, type MediaRuntime } from './media/media-mode.ts';
import { turnConfigured } from './media/turn.ts';
import { loadSession, resumeSession, type SessionDeps } from './sessions/sessions.ts';
import { createLinkResolver } from './tokens/link-resolver.ts';
import { RoomRegistry } from './rooms/registry.ts';
import type { RoomDeps } from './rooms/deps.ts';
import type { PresenceStore, SfuListener, SfuPort } from './rooms/ports.ts';
import { sfuNotifications } from './rooms/sfu-media.ts';
import { seatsLost } from './rooms/leave-room.ts';
import { createHttpApp } from './http/app.ts';
import { Signalling } from './signalling/server.ts';
import { MemoryPresence } from './cluster/memory-presence.ts';
import { RedisPresence } from './cluster/redis-presence.ts';
import { connectRedis, type RedisConnections } from './cluster/redis.ts';
import { eventRecorder } from './events/event-recorder.ts';
import { EventSender } from './events/event-sender.ts';
import { Casework } from './casework/casework.ts';
import { outboxCaseEvents } from './casework/handoff/case-events.ts';
import { afterTheCall } from './casework/documents/case-documents.ts';
import { outboxPaymentEvents } from './casework/payments/payment-events.ts';
import type { AdmissionPort } from './casework/ports.ts';
import { caseworkRoutes } from './http/casework/index.ts';
import { paymentRoutes } from './http/payments/payment-routes.ts';
import { Router } from 'express';
import { attachCasework } from './signalling/handlers/casework/index.ts';
import { SocketCaseNotifier } from './signalling/handlers/casework/notifier.ts';

export interface VideoServiceOptions {
  /** Where logs go (default stdout). */
  logDestination?: DestinationStream;
  /**
   * Replaces the mediasoup SFU with another implementation of the same port and runs in SFU mode (tests on
   * machines without a mediasoup worker exercise the SFU signalling with it).
   */
  sfu?: (listener: SfuListener) => SfuPort;
  /** The clock of casework and of rate-limit windows (tests shift it for TAN expiry, retention, windows); default `new Date()`. */
  now?: () => Date;
}

interface Parts {
  config: VideoConfig;
  log: Logger;
  db: Database;
  keys: KeyStore;
  media: MediaRuntime;
  sfu: SfuPort | undefined;
  registry: RoomRegistry;
  presence: PresenceStore;
  redis: RedisConnections | undefined;
  sender: EventSender | undefined;
  httpServer: HttpServer;
  signalling: Signalling;
  casework: Casework;
}

export class VideoService {
  readonly config: VideoConfig;
  readonly log: Logger;
  /** Trusted join-token keys (e.g. `keys.refresh()` after rotating a JWKS file). */
  readonly keys: KeyStore;
  /** The media mode in use and why. */
  readonly media: { mode: MediaRuntime['mode']; reason: string };
  /** The mediasoup SFU when this process runs one (operators' diagnostics; tests kill its workers). */
  readonly sfu: MediaRuntime['sfu'];
  /** This process's id among several (presence and logs). */
  readonly node: string;
  /** The repositories (tests and operators' diagnostics read the event outbox through it). */
  readonly db: Database;
  /** Casework in the room (its retention job: `casework.retention.runOnce()`). */
  readonly casework: Casework;
  readonly #parts: Parts;
  #closing: Promise<void> | undefined;

  private constructor(parts: Parts) {
    this.#parts = parts;
    this.config = parts.config;
    this.log = parts.log;
    this.keys = parts.keys;
    this.db = parts.db;
    this.casework = parts.casework;
    this.node = parts.registry.node;
    this.media = { mode: parts.media.mode, reason: parts.media.reason };
    this.sfu = parts.media.sfu;
  }

  static async create(config: VideoConfig, options: VideoServiceOptions = {}): Promise<VideoService> {
    const log = createRootLogger(config.logLevel, options.logDestination);
    const node = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    const db = await openDatabase(config.databaseUrl, log.child({ module: 'persistence' }));
    const opened: Array<{ close(): unknown }> = [];
    try {
      const keys = await KeyStore.create({ source: config.jwks, log: log.child({ module: 'tokens' }) });
      const media: MediaRuntime = options.sfu
        ? { mode: 'sfu', reason: 'SFU supplied by the embedding code', sfu: undefined, close: () => undefined }
        : await startMedia(config.mediaMode, config.mediasoup, log.child({ module: 'media' }));
      opened.push(media);
      warnAboutUnusedSettings(config, log);

      const redis = config.redis ? await connectRedis(config.redis.url, log.child({ module: 'redis' })) : undefined;
      if (redis) opened.push(redis);
      const presence: PresenceStore = redis
        ? await RedisPresence.create(redis.client, { prefix: config.redis!.keyPrefix, node })
        : new MemoryPresence();
      opened.push(presence);

      const sessionDeps: SessionDeps = {
        sessions: db.sessions,
        revokedTokens: db.revokedTokens,
        verifyToken: (token) =>
          verifyJoinToken(token, { keys, revokedTokens: db.revokedTokens, trustedIssuers: config.trustedIssuers }),
        ...(config.linkResolverUrl ? { resolveLink: createLinkResolver({ url: config.linkResolverUrl }) } : {}),
        ttlMinutes: config.sessionTtlMinutes,
        log: log.child({ module: 'sessions' }),
      };
      const httpServer = createServer();
      const signalling = new Signalling(httpServer, {
        publicUrl: config.publicUrl,
        resume: (token) => resumeSession(sessionDeps, token),
        ...(redis
          ? { adapter: createAdapter(redis.client, redis.subscriber, { key: `${config.redis!.keyPrefix}:socket.io` }) }
          : {}),
        log: log.child({ module: 'signalling' }),
      });
      let roomDeps: RoomDeps | undefined;
      const sender = config.events
        ? new EventSender({ outbox: db.outbox, ...config.events, log: log.child({ module: 'events' }) })
        : undefined;
      const registry = new RoomRegistry(presence, {
        node,
        graceMs: config.lobbyGraceSeconds * 1000,
        onGraceExpired: (room, participantId) => db.lobby.remove(room, participantId),
        onSeatsLost: (room, lost) => seatsLost(roomDeps!, room, lost),
      });

      const listener = sfuNotifications(() => roomDeps!);
      const sfu = options.sfu?.(listener) ?? (await mediasoupRooms(media, listener, log));
      roomDeps = {
        ...db,
        transaction: (work) => db.transaction(work),
        registry,
        notifier: signalling.notifier,
        events: eventRecorder({ enabled: Boolean(config.events), recorded: () => sender?.nudge() }),
        sfu,
        // Getters: with MEDIA_MODE=auto the mode turns to peer-to-peer once every SFU worker is given up.
        media: {
          get mode() {
            return currentMode(media);
          },
          turn: config.turn,
          get maxParticipants() {
            return roomCapacity(currentMode(media), config.maxParticipants);
          },
        },
        lobbyGraceMs: config.lobbyGraceSeconds * 1000,
        log: log.child({ module: 'rooms' }),
      };
      signalling.serve(roomDeps);
      const admissions: AdmissionPort = {
        isAdmitted: (room, participantId) => db.admissions.isAdmitted(room, participantId),
        isClosed: async (room) => Boolean((await db.rooms.get(room))?.closedAt),
      };
      const caseworkNotifier = new SocketCaseNotifier(admissions);
      const caseworkLog = log.child({ module: 'casework' });
      const casework = await Casework.create({
        store: openCaseworkStore(db.sequelize, db.transactions),
        config: config.casework,
        publicUrl: config.publicUrl,
        admissions,
        events: outboxCaseEvents({
          outbox: db.outbox,
          enabled: Boolean(config.events),
          now: options.now ?? (() => new Date()),
          recorded: () => sender?.nudge(),
        }),
        notify: caseworkNotifier,
        payments: config.payments,
        paymentEvents: outboxPaymentEvents({
          outbox: db.outbox,
          enabled: Boolean(config.events),
          now: options.now ?? (() => new Date()),
          recorded: () => sender?.nudge(),
        }),
        log: caseworkLog,
        ...(options.now ? { now: options.now } : {}),
      });
      opened.push(casework);
      // A path on this service (`/documents#<capability>`), so the page stays on the host it was opened on.
      sessionDeps.documentsAfterTheCall = async (room) => {
        const link = await afterTheCall(casework.deps, room);
        return link ? `/documents#${link.url.split('#')[1]}` : null;
      };
      caseworkNotifier.attach(signalling.io);
      attachCasework(
        signalling.io,
        {
          deps: casework.deps,
          appointmentOf: async (sessionId) => (await loadSession(sessionDeps, sessionId)).appointment,
        },
        caseworkLog,
      );
      const resolveActor = async (token: string) => {
        const { session } = await resumeSession(sessionDeps, token);
        return { room: session.room, id: session.participantId, role: session.role, name: session.name };
      };
      const verifyAdmin = (token: string) => verifyAdminToken(token, { keys, trustedIssuers: config.trustedIssuers });
      httpServer.on(
        'request',
        createHttpApp({
          sessions: sessionDeps,
          ping: () => db.ping(),
          media: () => mediaHealth(media),
          publicUrl: config.publicUrl,
          webDistDir: config.webDistDir,
          officeName: config.municipality.name,
          brand: config.municipality.brand,
          privacyUrl: config.privacyUrl,
          workplaceUrl: config.workplaceUrl,
          trustProxy: config.trustProxy,
          sessionCreateLimitPerMinute: config.sessionRateLimitPerMinute,
          sessionCreateLimitWindowMs: config.sessionRateLimitWindowSeconds * 1000,
          ...(options.now ? { now: () => options.now!().getTime() } : {}),
          admin: { rooms: roomDeps, verify: verifyAdmin },
          casework: Router().use(
            caseworkRoutes(casework.deps, resolveActor),
            paymentRoutes(casework.deps, resolveActor, verifyAdmin),
          ),
          log: log.child({ module: 'http' }),
        }),
      );
      sender?.start();
      casework.start();
      return new VideoService({
        config,
        log,
        db,
        keys,
        media,
        sfu,
        registry,
        presence,
        redis,
        sender,
        httpServer,
        signalling,
        casework,
      });
    } catch (error) {
      for (const resource of opened.reverse()) await resource.close();
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
        // Without PUBLIC_URL on PORT=0 the default said port 0; the links built from now on (the return
        // address of a pay page, the verify address in sealed PDFs) must name the port really listened on.
        if (config.publicUrlDefaulted && config.port === 0) {
          config.publicUrl = `http://localhost:${port}`;
          this.casework.deps.publicUrl = config.publicUrl;
        }
        log.info(
          { port, host: config.host, media: this.media.mode, node: this.node, redis: Boolean(config.redis) },
          'listen() | listening',
        );
        resolve(`http://127.0.0.1:${port}`);
      });
    });
  }

  /** Stops sockets, HTTP, the event sender, timers, media workers, Redis and the database. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    const { signalling, httpServer, sender, registry, sfu, media, presence, redis, db, log, casework } = this.#parts;
    const stopped = signalling.close();
    httpServer.closeAllConnections();
    await stopped;
    await sender?.close();
    await casework.close();
    registry.close();
    sfu?.close();
    media.close();
    await presence.close();
    await redis?.close();
    await db.close();
    log.info('close() | stopped');
  }
}

/** The mediasoup-backed SFU port when the media runtime has workers. */
async function mediasoupRooms(media: MediaRuntime, listener: SfuListener, log: Logger): Promise<SfuPort | undefined> {
  if (!media.sfu) return undefined;
  const { SfuRooms } = await import('./media/sfu/index.ts');
  return new SfuRooms(media.sfu.routers, listener, log.child({ module: 'sfu' }));
}

function warnAboutUnusedSettings(config: VideoConfig, log: Logger): void {
  if (config.turn.relayOnly && !turnConfigured(config.turn)) {
    log.warn(
      'TURN_RELAY_ONLY=true but no TURN relay is configured (TURN_URLS with turn: URIs and TURN_SECRET); using iceTransportPolicy "all"',
    );
  }
  if (config.redis && config.databaseUrl.startsWith('sqlite:')) {
    log.warn('REDIS_URL is set but DATABASE_URL is SQLite: several processes need one shared MariaDB/MySQL database');
  }
}
