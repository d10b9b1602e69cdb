/**
 * Everything the connector tells other systems, wired in one place: outbound webhooks (endpoints from
 * OUTBOUND_WEBHOOKS and the API, the delivery worker, the domain-event sink), admin calls to the video
 * service (revocation, room close), the video service's event webhooks, and the webhook API routes.
 * app.ts creates it, passes `kicks` to the unit of work and `sink` to the domain, mounts `routes()`,
 * and calls `start()` / `stop()`.
 */
import type { Router } from 'express';
import type { ConnectorConfig } from '../config.ts';
import type { DomainEventSink } from '../domain/domain-events.ts';
import type { DomainDeps } from '../domain/ports.ts';
import { webhookDeliveryRoutes } from '../http/api/webhooks-deliveries.ts';
import { webhookEndpointRoutes } from '../http/api/webhooks-endpoints.ts';
import { videoServiceWebhookRoute } from '../http/routes/video-service-webhook-route.ts';
import type { Logger } from '../log.ts';
import type { Database } from '../persistence/database.ts';
import { outboundDeliveryRepository } from '../persistence/outbound-delivery-repository.ts';
import { outboundEndpointRepository } from '../persistence/outbound-endpoint-repository.ts';
import { videoAdminCallRepository } from '../persistence/video-admin-call-repository.ts';
import type { SigningKey } from '../tokens/signing-key.ts';
import { AdminCallWorker } from '../video-admin/admin-call-worker.ts';
import { createVideoAdminClient } from '../video-admin/admin-client.ts';
import { outboundWebhookSink } from './appointment-event-sink.ts';
import { DeliveryWorker } from './delivery-worker.ts';
import type { WebhookManagementDeps } from './webhook-management.ts';

export interface OutboundModuleOptions {
  config: ConnectorConfig;
  database: Database;
  signingKey: SigningKey;
  log: Logger;
  /** The connector's PUBLIC_URL (known once listening). */
  publicUrl: () => string;
  /** Poll interval of both workers (default 2000 ms). */
  pollIntervalMs?: number;
  now?: () => Date;
  /** Webhook deliveries wait for it (background/foreground.ts); admin calls (revocations) do not. */
  stepAside?: () => Promise<void>;
}

export class OutboundModule {
  /** List it in `DomainDeps.events`. */
  readonly sink: DomainEventSink = outboundWebhookSink;
  /** Pass to createUnitOfWork: workers start at once after a commit that queued work. */
  readonly kicks: { outbound: () => void; videoAdmin: () => void };
  readonly #o: OutboundModuleOptions;
  readonly #deliveries: DeliveryWorker;
  readonly #adminCalls: AdminCallWorker;
  readonly #management: WebhookManagementDeps;
  #stopped: Promise<void> | undefined;

  constructor(options: OutboundModuleOptions) {
    this.#o = options;
    const { config, database, log } = options;
    const now = options.now ?? (() => new Date());
    const pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.#deliveries = new DeliveryWorker({
      store: outboundDeliveryRepository(database),
      log: log.child({ module: 'outbound-webhooks' }),
      allowPrivate: config.allowPrivateTargets,
      timeoutMs: config.outboundTimeoutSeconds * 1000,
      retryScale: config.outboundRetryScale,
      pollIntervalMs,
      now,
      ...(options.stepAside ? { stepAside: options.stepAside } : {}),
    });
    this.#adminCalls = new AdminCallWorker({
      store: videoAdminCallRepository(database),
      client: createVideoAdminClient({
        baseUrl: config.videoAdminUrl,
        key: options.signingKey,
        issuer: options.publicUrl,
      }),
      log: log.child({ module: 'video-admin' }),
      retryScale: config.outboundRetryScale,
      pollIntervalMs,
      now,
    });
    this.kicks = { outbound: () => this.#deliveries.kick(), videoAdmin: () => this.#adminCalls.kick() };
    this.#management = {
      deliveries: outboundDeliveryRepository(database),
      endpoints: outboundEndpointRepository(database),
      allowPrivate: config.allowPrivateTargets,
      kick: this.kicks.outbound,
      now,
    };
  }

  /** `POST /webhooks/video-service`, `/api/webhooks/deliveries…`, `/api/webhooks/endpoints…`. */
  routes(domain: Pick<DomainDeps, 'uow' | 'now' | 'roomChanged'>): Router[] {
    const { config, log } = this.#o;
    return [
      videoServiceWebhookRoute(
        config.videoEventsWebhookSecret,
        domain,
        log.child({ module: 'video-events' }),
        config.videoPublicUrl,
      ),
      webhookDeliveryRoutes(this.#management, config.apiKeys),
      webhookEndpointRoutes(this.#management, config.apiKeys),
    ];
  }

  /** Brings the `config` endpoints in line with OUTBOUND_WEBHOOKS, then starts both workers. */
  async start(): Promise<void> {
    const { config, log } = this.#o;
    await this.#management.endpoints.syncFromConfig(
      config.outboundWebhooks.map((e) => ({ name: e.name, url: e.url, secret: e.secret, events: e.events ?? null })),
      (this.#o.now ?? (() => new Date()))(),
    );
    if (config.allowPrivateTargets)
      log.warn('ALLOW_PRIVATE_TARGETS=true: outbound webhooks and feeds may reach private and loopback addresses');
    if (!config.videoEventsWebhookSecret)
      log.warn('VIDEO_EVENTS_WEBHOOK_SECRET is not set: /webhooks/video-service answers 503');
    this.#deliveries.start();
    this.#adminCalls.start();
  }

  /** Stops both workers, waiting for the requests in flight. Safe to call twice. */
  stop(): Promise<void> {
    this.#stopped ??= Promise.all([this.#deliveries.stop(), this.#adminCalls.stop()]).then(() => undefined);
    return this.#stopped;
  }
}
