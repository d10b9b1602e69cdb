/**
 * Everything the connector tells other systems, wired in one place: outbound webhooks (endpoints from
 * OUTBOUND_WEBHOOKS and the API, the delivery worker, the domain-event sink), admin calls to the video
 * service (revocation, room close), and what the webhook API works with. app.ts creates it with the
 * repositories, passes `kicks` to the unit of work and `sink` to the domain, mounts the webhook API routes
 * over `management` (and the video service's event webhook route beside them), and calls `start()` / `stop()`.
 */
import type { ConnectorConfig } from '../config.ts';
import type { DomainEventSink } from '../domain/domain-events.ts';
import type { Logger } from '../log.ts';
import type { SigningKey } from '../tokens/signing-key.ts';
import { AdminCallWorker } from '../video-admin/admin-call-worker.ts';
import { createVideoAdminClient } from '../video-admin/admin-client.ts';
import type { AdminCallStore } from '../video-admin/ports.ts';
import { outboundWebhookSink } from './appointment-event-sink.ts';
import { DeliveryWorker } from './delivery-worker.ts';
import type { DeliveryStore, EndpointStore } from './ports.ts';
import type { WebhookManagementDeps } from './webhook-management.ts';

export interface OutboundModuleOptions {
  config: ConnectorConfig;
  /** The repositories (persistence/outbound-*.ts, persistence/video-admin-call-repository.ts; app.ts builds them). */
  stores: { deliveries: DeliveryStore; endpoints: EndpointStore; adminCalls: AdminCallStore };
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
  /** What the webhook API routes (http/api/webhooks-*.ts) work with. */
  readonly management: WebhookManagementDeps;
  #stopped: Promise<void> | undefined;

  constructor(options: OutboundModuleOptions) {
    this.#o = options;
    const { config, stores, log } = options;
    const now = options.now ?? (() => new Date());
    const pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.#deliveries = new DeliveryWorker({
      store: stores.deliveries,
      log: log.child({ module: 'outbound-webhooks' }),
      allowPrivate: config.allowPrivateTargets,
      timeoutMs: config.outboundTimeoutSeconds * 1000,
      retryScale: config.outboundRetryScale,
      pollIntervalMs,
      now,
      ...(options.stepAside ? { stepAside: options.stepAside } : {}),
    });
    this.#adminCalls = new AdminCallWorker({
      store: stores.adminCalls,
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
    this.management = {
      deliveries: stores.deliveries,
      endpoints: stores.endpoints,
      allowPrivate: config.allowPrivateTargets,
      kick: this.kicks.outbound,
      now,
    };
  }

  /** Brings the `config` endpoints in line with OUTBOUND_WEBHOOKS, then starts both workers. */
  async start(): Promise<void> {
    const { config, log } = this.#o;
    await this.management.endpoints.syncFromConfig(
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
