/**
 * The connector as one object: `Connector.create(config)` opens the database (migrations), loads the
 * signing key and wires the parts; `listen()` starts HTTP and the mail outbox sender; `close()`
 * stops everything (safe to call twice).
 */
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createAdapters } from './adapters/registry.ts';
import type { ConnectorConfig } from './config.ts';
import type { DomainDeps } from './domain/ports.ts';
import { createHttpApp } from './http/create-http-app.ts';
import { createLogger, type Logger } from './log.ts';
import { loadCatalogue } from './notify/catalogue.ts';
import { citizenMailComposer } from './notify/citizen-mail-composer.ts';
import { DevMailbox } from './notify/dev-mailbox.ts';
import type { Mailer } from './notify/mailer.ts';
import { OutboxSender } from './notify/outbox-sender.ts';
import { OutboundModule } from './outbound/outbound-module.ts';
import { outboundDeliveryRepository } from './persistence/outbound-delivery-repository.ts';
import { outboundEndpointRepository } from './persistence/outbound-endpoint-repository.ts';
import { videoAdminCallRepository } from './persistence/video-admin-call-repository.ts';
import { webhookDeliveryRoutes } from './http/api/webhooks-deliveries.ts';
import { webhookEndpointRoutes } from './http/api/webhooks-endpoints.ts';
import { videoServiceWebhookRoute } from './http/routes/video-service-webhook-route.ts';
import { createFeedFetcher } from './feeds/fetch-feed.ts';
import { FeedPoller } from './feeds/feed-poller.ts';
import { feedRoutes } from './http/routes/feed-routes.ts';
import { SmtpMailer } from './notify/smtp-mailer.ts';
import { Database } from './persistence/database.ts';
import { createForeground } from './background/foreground.ts';
import { Housekeeping } from './housekeeping/housekeeping.ts';
import { housekeepingRepository } from './persistence/housekeeping-repository.ts';
import { createUnitOfWork } from './persistence/unit-of-work.ts';
import { cancelTokenVerifier } from './tokens/cancel-token.ts';
import { createLinkIssuer } from './tokens/link-issuer.ts';
import { loadOrCreateSigningKey, type SigningKey } from './tokens/signing-key.ts';
import type { RequestHandler } from 'express';
import type { AuthenticateClerk } from './clerk/principal.ts';
import { WorkplaceModule } from './clerk/workplace/workplace-module.ts';
import { createWaitingEstimateClient } from './video-admin/waiting-estimate-client.ts';
import { workplaceRepository } from './persistence/workplace-repository.ts';
import { ClerkOidcClient } from './clerk/oidc/oidc-client.ts';
import { ClerkSessions } from './clerk/session/clerk-sessions.ts';
import { signInRoutes } from './clerk/session/sign-in-routes.ts';
import { clerkSessionRepository, loginAttemptRepository } from './persistence/clerk-session-repository.ts';
import { requireClerkCsrf } from './clerk/session/csrf.ts';
import { anyOf } from './clerk/any-of.ts';
import { bearerAware, pluginTokenAuthenticator } from './clerk/plugin-token-auth.ts';
import { pluginCors } from './clerk/plugin-cors.ts';
import { sameOriginCsrf } from './clerk/workplace/csrf.ts';
import { pluginTokenRoutes } from './http/api/plugin-token-routes.ts';
import { verifyPluginToken } from './tokens/plugin-token.ts';
import { RedisLiveRelay } from './clerk/workplace/live-relay-redis.ts';

export interface ConnectorOptions {
  /** Root logger; default: pino at config.logLevel. */
  logger?: Logger;
  /** Outbox poll interval in ms (default 2000). */
  outboxPollMs?: number;
  /** Who is signed in to the clerk's workplace (the sign-in's port, clerk/principal.ts); default: nobody. */
  authenticateClerk?: AuthenticateClerk;
  /** CSRF check of the workplace's state changes; default clerk/workplace/csrf.ts. */
  clerkCsrf?: RequestHandler;
  /** Heartbeat of the workplace's live channel in ms (default 15 000). */
  liveHeartbeatMs?: number;
  /** Clock of the clerk's sign-in and sessions (idle timeout, lifetime); tests move it. Default: the system clock. */
  clerkClock?: () => Date;
}

export class Connector {
  readonly config: ConnectorConfig;
  readonly log: Logger;
  readonly signingKey: SigningKey;
  /** Set when SMTP_URL is not: mail is stored there and shown at /dev/mailbox. */
  readonly devMailbox: DevMailbox | null;
  /** The retention job (runs every HOUSEKEEPING_INTERVAL_MINUTES; `run(now)` for an immediate run). */
  readonly housekeeping: Housekeeping;
  /** The clerk's sessions (sign-in at /clerk/login); `authenticateClerk` is the port the workplace's routes take. */
  readonly clerkSessions: ClerkSessions;
  readonly authenticateClerk: AuthenticateClerk;
  readonly #database: Database;
  readonly #mailer: Mailer;
  readonly #sender: OutboxSender;
  readonly #outbound: OutboundModule;
  /** Polls the iCal feeds (ICAL_FEEDS). */
  readonly #feeds: FeedPoller;
  readonly #app: ReturnType<typeof createHttpApp>;
  /** The clerk's workplace: /clerk, its API and live channel. */
  readonly #workplace: WorkplaceModule;
  /** The live bus's channel to the other connector processes (REDIS_URL). */
  readonly #relay: RedisLiveRelay | undefined;
  #server: Server | undefined;
  #publicUrl: string | undefined;
  #closing: Promise<void> | undefined;

  private constructor(parts: {
    config: ConnectorConfig;
    log: Logger;
    database: Database;
    signingKey: SigningKey;
    mailer: Mailer;
    devMailbox: DevMailbox | null;
    relay: RedisLiveRelay | undefined;
    outboxPollMs?: number;
    options: ConnectorOptions;
  }) {
    this.config = parts.config;
    this.log = parts.log;
    this.#database = parts.database;
    this.signingKey = parts.signingKey;
    this.#mailer = parts.mailer;
    this.devMailbox = parts.devMailbox;
    this.#relay = parts.relay;
    this.#publicUrl = parts.config.publicUrl;
    const config = parts.config;
    const now = () => new Date();
    const publicUrl = () => this.publicUrl;
    const foreground = createForeground();
    this.#outbound = new OutboundModule({
      stepAside: foreground.stepAside,
      config,
      stores: {
        deliveries: outboundDeliveryRepository(parts.database),
        endpoints: outboundEndpointRepository(parts.database),
        adminCalls: videoAdminCallRepository(parts.database),
      },
      signingKey: parts.signingKey,
      log: parts.log,
      publicUrl,
      ...(parts.outboxPollMs ? { pollIntervalMs: parts.outboxPollMs } : {}),
    });
    const uow = createUnitOfWork(parts.database, () => this.#sender.kick(), this.#outbound.kicks);
    const catalogue = loadCatalogue();
    const domain: DomainDeps = {
      uow,
      now,
      links: createLinkIssuer({
        key: parts.signingKey,
        publicUrl,
        videoPublicUrl: config.videoPublicUrl,
        opensMinutesBefore: config.joinOpensMinutesBefore,
        graceMinutesAfter: config.joinGraceMinutesAfter,
        joinLinks: config.joinLinks,
        now,
      }),
      mails: citizenMailComposer({
        catalogue,
        opensMinutesBefore: config.joinOpensMinutesBefore,
        mailFrom: config.mailFrom,
        municipality: config.municipality,
        publicUrl,
      }),
      cancelTokens: cancelTokenVerifier(parts.signingKey),
      events: [this.#outbound.sink],
    };
    const https = (config.publicUrl ?? '').startsWith('https:');
    const clerkNow = parts.options.clerkClock ?? now;
    this.clerkSessions = new ClerkSessions({
      store: clerkSessionRepository(parts.database),
      idleMinutes: config.clerkSessionIdleMinutes,
      maxHours: config.clerkSessionMaxHours,
      https,
      now: clerkNow,
    });
    this.authenticateClerk = this.clerkSessions.authenticator();
    const clerkRoutes = [
      signInRoutes({
        oidc: config.clerkOidc ? { client: new ClerkOidcClient(config.clerkOidc), config: config.clerkOidc } : null,
        sessions: this.clerkSessions,
        knownDesks: new Set(config.clerkDesks.map((desk) => desk.id)),
        attempts: loginAttemptRepository(parts.database),
        publicUrl,
        https,
        now: clerkNow,
        log: parts.log.child({ module: 'clerk-sign-in' }),
      }),
    ];
    // The workplace accepts the sign-in's session or a plug-in token (ADR 0105); bearer requests need no CSRF.
    const pluginAuth = pluginTokenAuthenticator((token) => verifyPluginToken(parts.signingKey, token, publicUrl()));
    this.#workplace = new WorkplaceModule({
      config,
      uow,
      domain,
      store: workplaceRepository(parts.database),
      catalogue,
      clerkLink: (appointment) => domain.links.clerkJoinLink(appointment),
      sendEstimate: createWaitingEstimateClient({
        baseUrl: config.videoAdminUrl,
        key: parts.signingKey,
        issuer: publicUrl,
      }),
      authenticate: anyOf(pluginAuth, parts.options.authenticateClerk ?? this.authenticateClerk),
      // Bearer (plug-in) requests need no CSRF (ADR 0105). The sign-in's CSRF check ties the token to the
      // session cookie; a caller that brings its own authenticator (the tests' stand-in) has no such cookie and
      // gets the workplace's double-submit check.
      csrf: bearerAware(
        parts.options.clerkCsrf ??
          (parts.options.authenticateClerk ? sameOriginCsrf(publicUrl) : requireClerkCsrf({ publicUrl, https })),
      ),
      ...(parts.options.liveHeartbeatMs ? { heartbeatMs: parts.options.liveHeartbeatMs } : {}),
      ...(parts.relay ? { relay: parts.relay } : {}),
      publicUrl,
      log: parts.log.child({ module: 'workplace' }),
    });
    domain.roomChanged = this.#workplace.roomChanged;
    domain.events!.push(this.#workplace.bus.sink);
    this.#feeds = new FeedPoller(config.icalFeeds, {
      domain,
      fetchFeed: createFeedFetcher({ allowPrivateTargets: config.allowPrivateTargets }),
      defaultZone: config.timezone,
      log: parts.log.child({ module: 'feeds' }),
    });
    this.housekeeping = new Housekeeping({
      store: housekeepingRepository(parts.database),
      log: parts.log.child({ module: 'housekeeping' }),
      retentionDays: config.retentionDays,
      idempotencyRetentionDays: config.idempotencyRetentionDays,
      intervalMs: config.housekeepingIntervalMinutes * 60_000,
    });
    this.#sender = new OutboxSender({
      uow,
      mailer: parts.mailer,
      composer: domain.mails,
      log: parts.log.child({ module: 'outbox' }),
      stepAside: foreground.stepAside,
      ...(parts.outboxPollMs ? { pollIntervalMs: parts.outboxPollMs } : {}),
    });
    this.#app = createHttpApp({
      log: parts.log.child({ module: 'http' }),
      domain,
      config,
      catalogue,
      adapters: createAdapters(config, parts.log.child({ module: 'adapters' })),
      jwks: () => [parts.signingKey.publicJwk],
      database: parts.database,
      foreground,
      devMailbox: parts.devMailbox,
      publicUrl,
      https,
      routers: [
        videoServiceWebhookRoute(
          config.videoEventsWebhookSecret,
          domain,
          parts.log.child({ module: 'video-events' }),
          config.videoPublicUrl,
        ),
        webhookDeliveryRoutes(this.#outbound.management, config.apiKeys),
        webhookEndpointRoutes(this.#outbound.management, config.apiKeys),
        feedRoutes(this.#feeds, config.apiKeys),
        pluginTokenRoutes({
          apiKeys: config.apiKeys,
          key: parts.signingKey,
          desks: config.clerkDesks,
          publicUrl,
          log: parts.log.child({ module: 'plugin-tokens' }),
        }),
        pluginCors(config.pluginAllowedOrigins),
        ...clerkRoutes,
        this.#workplace.routes(),
      ],
    });
  }

  /** Opens the database (applying migrations), loads or creates the signing key, picks the mailer. */
  static async create(config: ConnectorConfig, options: ConnectorOptions = {}): Promise<Connector> {
    const log = options.logger ?? createLogger(config.logLevel);
    await mkdir(config.dataDir, { recursive: true });
    const database = await Database.open(config.databaseUrl, log.child({ module: 'database' }));
    let relay: RedisLiveRelay | undefined;
    try {
      relay = config.redis
        ? await RedisLiveRelay.connect({ ...config.redis, log: log.child({ module: 'live-relay' }) })
        : undefined;
      const signingKey = await loadOrCreateSigningKey(config.dataDir, log.child({ module: 'keys' }));
      let devMailbox: DevMailbox | null = null;
      let mailer: Mailer;
      if (config.smtpUrl) {
        mailer = new SmtpMailer(config.smtpUrl, config.mailFrom);
      } else {
        devMailbox = await DevMailbox.open(path.join(config.dataDir, 'mailbox'), config.mailFrom);
        mailer = devMailbox;
        log.warn(
          'SMTP_URL is not set: the DEV MAILBOX is active, mail is stored under DATA_DIR/mailbox and shown at /dev/mailbox — never use this in production',
        );
      }
      if (!config.genericWebhookSecret) log.warn('GENERIC_WEBHOOK_SECRET is not set: /webhooks/generic answers 503');
      if (!config.clerkOidc) log.warn('CLERK_OIDC_ISSUER is not set: the clerk sign-in (/clerk/login) is off');
      return new Connector({
        config,
        log,
        database,
        signingKey,
        mailer,
        devMailbox,
        relay,
        outboxPollMs: options.outboxPollMs,
        options,
      });
    } catch (err) {
      await relay?.close();
      await database.close();
      throw err;
    }
  }

  /** PUBLIC_URL, or http://localhost:<port> once listening when it is not configured. */
  get publicUrl(): string {
    return this.#publicUrl ?? `http://localhost:${this.config.port}`;
  }

  /** Starts HTTP on config.host:config.port (0 = any free port) and the outbox sender. */
  async listen(): Promise<string> {
    if (this.#server) throw new Error('already listening');
    const server = this.#app.listen(this.config.port, this.config.host);
    this.#server = server;
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    this.#publicUrl ??= `http://localhost:${port}`;
    this.#sender.start();
    await this.#outbound.start();
    this.#feeds.start();
    this.housekeeping.start();
    this.log.info({ port, publicUrl: this.publicUrl, liveRelay: this.#relay ? 'redis' : 'in-process' }, 'listening');
    return `http://127.0.0.1:${port}`;
  }

  /** Stops HTTP, the live relay (Redis), the outbox sender, the mailer and the database. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    const server = this.#server;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    }
    this.#workplace.close();
    await this.#relay?.close();
    await this.#feeds.stop();
    await this.housekeeping.stop();
    await this.#sender.stop();
    await this.#outbound.stop();
    await this.#mailer.close();
    await this.#database.close();
    this.log.info('closed');
  }
}
