/**
 * Delivers the queued admin calls (revoke tokens, close room) to the video service: claims due calls
 * (never two processes on one call), sends each, and settles it — done on a 2xx; otherwise retried
 * with backoff (2 s, 10 s, 30 s, 1 min, 5 min, 15 min, then every 30 min, ±20 %, scaled by
 * OUTBOUND_RETRY_SCALE) until the video service confirms, or until the call's `giveUpAt` has passed
 * (the revoked tokens have expired by then and the room is long over).
 */
import { hostname } from 'node:os';
import type { Logger } from '../log.ts';
import { PollingWorker } from '../background/polling-worker.ts';
import type { VideoAdminClient } from './admin-client.ts';
import type { AdminCallOutcome, AdminCallStore, ClaimedAdminCall } from './ports.ts';

/** Seconds before retry n; the last step repeats. */
export const ADMIN_RETRY_SCHEDULE_SECONDS = [2, 10, 30, 60, 5 * 60, 15 * 60, 30 * 60];

export interface AdminCallWorkerOptions {
  store: AdminCallStore;
  client: VideoAdminClient;
  log: Logger;
  /** OUTBOUND_RETRY_SCALE. Default 1. */
  retryScale?: number;
  /** Default 2000 ms. */
  pollIntervalMs?: number;
  batchSize?: number;
  now?: () => Date;
}

export class AdminCallWorker {
  readonly #o: Required<AdminCallWorkerOptions>;
  readonly #owner = `${hostname()}:${process.pid}`;
  readonly #loop: PollingWorker;

  constructor(options: AdminCallWorkerOptions) {
    this.#o = { retryScale: 1, pollIntervalMs: 2000, batchSize: 16, now: () => new Date(), ...options };
    this.#loop = new PollingWorker({
      log: this.#o.log,
      pollIntervalMs: this.#o.pollIntervalMs,
      pass: () => this.#pass(),
    });
  }

  start(): void {
    this.#loop.start();
  }

  kick(): void {
    this.#loop.kick();
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }

  async #pass(): Promise<boolean> {
    const batch = await this.#o.store.claimDue(this.#owner, this.#o.now(), 60_000, this.#o.batchSize);
    await Promise.all(batch.map((call) => this.#send(call)));
    return batch.length === this.#o.batchSize && !this.#loop.stopped;
  }

  async #send(call: ClaimedAdminCall): Promise<void> {
    const { client, store, log } = this.#o;
    const result = await client.send(call);
    const now = this.#o.now();
    const statusCode = result.status ?? null;
    let outcome: AdminCallOutcome;
    if (result.error === null) outcome = { kind: 'done', at: now, statusCode: result.status! };
    else if (now.getTime() >= call.giveUpAt.getTime())
      outcome = { kind: 'expired', at: now, statusCode, error: result.error };
    else {
      const steps = ADMIN_RETRY_SCHEDULE_SECONDS;
      const delay =
        steps[Math.min(call.attempts, steps.length - 1)]! * 1000 * this.#o.retryScale * (0.8 + Math.random() * 0.4);
      outcome = { kind: 'retry', nextAttemptAt: new Date(now.getTime() + delay), statusCode, error: result.error };
    }
    await store.settle(call, outcome);
    const fields = {
      callId: call.id,
      call: call.kind,
      appointmentId: call.appointmentId,
      attempt: call.attempts + 1,
      status: result.status,
      code: result.error ?? undefined,
    };
    if (outcome.kind === 'done') log.info(fields, 'send() | video service confirmed the admin call');
    else if (outcome.kind === 'expired') log.warn(fields, 'send() | admin call given up: it has become pointless');
    else
      log.warn({ ...fields, retryAt: outcome.nextAttemptAt.toISOString() }, 'send() | admin call failed, will retry');
  }
}
