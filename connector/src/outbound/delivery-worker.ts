/**
 * Sends the outbound webhook deliveries: claims due ones (several processes never hold the same one),
 * signs each with its endpoint's secret per Standard Webhooks — the `webhook-id` is the event's id and
 * stays the same on every retry and replay; the timestamp and signature are fresh per attempt — POSTs
 * it, and settles it by the retry policy. A delivery is never dropped silently: it ends delivered, or
 * failed after about 3 days of retries (visible in the delivery log, replayable).
 */
import { hostname } from 'node:os';
import type { Logger } from '../log.ts';
import { signedHeaders } from '../tokens/standard-webhooks.ts';
import { postWebhook } from './http-post.ts';
import { PollingWorker } from '../background/polling-worker.ts';
import type { ClaimedDelivery, DeliveryStore } from './ports.ts';
import { decideOutcome } from './retry-policy.ts';

export interface DeliveryWorkerOptions {
  store: DeliveryStore;
  log: Logger;
  /** ALLOW_PRIVATE_TARGETS. */
  allowPrivate: boolean;
  /** Time limit per request (OUTBOUND_TIMEOUT_SECONDS). Default 15 000 ms. */
  timeoutMs?: number;
  /** OUTBOUND_RETRY_SCALE. Default 1. */
  retryScale?: number;
  /** Default 2000 ms. */
  pollIntervalMs?: number;
  /** Deliveries claimed and sent concurrently per pass. Default 16. */
  batchSize?: number;
  now?: () => Date;
  /** Awaited before each pass and each delivery, so HTTP answers go first (background/foreground.ts). */
  stepAside?: () => Promise<void>;
}

/** User-Agent of every outbound webhook. */
export const USER_AGENT = 'VirtuellesAmt-Connector/1 (+Standard Webhooks)';

export class DeliveryWorker {
  readonly #o: Required<DeliveryWorkerOptions>;
  readonly #owner = `${hostname()}:${process.pid}`;
  readonly #loop: PollingWorker;

  constructor(options: DeliveryWorkerOptions) {
    this.#o = {
      timeoutMs: 15_000,
      retryScale: 1,
      pollIntervalMs: 2000,
      batchSize: 16,
      now: () => new Date(),
      stepAside: () => Promise.resolve(),
      ...options,
    };
    this.#loop = new PollingWorker({
      log: this.#o.log,
      pollIntervalMs: this.#o.pollIntervalMs,
      pass: () => this.#pass(),
      stepAside: this.#o.stepAside,
    });
  }

  start(): void {
    this.#loop.start();
  }

  /** Look for due deliveries now (after a commit that queued some). */
  kick(): void {
    this.#loop.kick();
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }

  async #pass(): Promise<boolean> {
    const { store, batchSize } = this.#o;
    // The lease outlasts the request's time limit by far, so no other process takes a delivery in flight.
    const leaseMs = this.#o.timeoutMs * 4 + 30_000;
    const batch = await store.claimDue(this.#owner, this.#o.now(), leaseMs, batchSize);
    await Promise.all(batch.map((d) => this.#deliver(d)));
    return batch.length === batchSize && !this.#loop.stopped;
  }

  async #deliver(delivery: ClaimedDelivery): Promise<void> {
    const { store, log } = this.#o;
    await this.#o.stepAside();
    const startedAt = this.#o.now();
    const headers = {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      ...signedHeaders(
        delivery.endpoint.secret,
        delivery.webhookId,
        delivery.body,
        Math.floor(startedAt.getTime() / 1000),
      ),
    };
    const result = await postWebhook(delivery.endpoint.url, headers, delivery.body, {
      timeoutMs: this.#o.timeoutMs,
      allowPrivate: this.#o.allowPrivate,
    });
    const outcome = decideOutcome(result, delivery.attempts, this.#o.now(), { scale: this.#o.retryScale });
    const kept = await store.settle(
      delivery,
      { startedAt, durationMs: result.durationMs, statusCode: result.status ?? null, error: result.error },
      outcome,
    );
    const fields = {
      deliveryId: delivery.id,
      webhookId: delivery.webhookId,
      endpoint: delivery.endpoint.name,
      event: delivery.eventType,
      attempt: delivery.attempts + 1,
      status: result.status,
      code: result.error ?? undefined,
      outcome: outcome.kind,
      ...(outcome.kind === 'retry' ? { retryAt: outcome.nextAttemptAt.toISOString() } : {}),
    };
    if (!kept) log.warn(fields, 'deliver() | claim lost before settling (lease expired?)');
    else if (outcome.kind === 'delivered') log.info(fields, 'deliver() | webhook delivered');
    else if (outcome.kind === 'endpoint_gone')
      log.warn(fields, 'deliver() | receiver answered 410 Gone: endpoint disabled');
    else if (outcome.kind === 'failed') log.error(fields, 'deliver() | webhook failed for good after all retries');
    else log.warn(fields, 'deliver() | webhook not delivered, will retry');
  }
}
