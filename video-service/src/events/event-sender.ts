/**
 * Delivers the event outbox to EVENTS_WEBHOOK_URL, signed per Standard Webhooks. Runs in every process:
 * rows are claimed with a lease (persistence/outbox-repository.ts), so two processes never send the same
 * row at once, and a row whose sender died is picked up again when its lease ends.
 *
 * Delivery rules (Standard Webhooks): 2xx = delivered; 410 = the receiver wants no more (given up);
 * anything else, a redirect, a timeout or a network error = retry after the next step of the schedule
 * (with ±10 % jitter), at least as late as a `Retry-After` on 429/502/503/504; after the last step the row
 * is given up. The same `webhook-id` is sent on every attempt; the timestamp and signature are fresh.
 */
import { randomUUID } from 'node:crypto';
import { errorFields, type Logger } from '../log.ts';
import type { ClaimedEvent, OutboxRepository } from './ports.ts';
import { signWebhook, webhookKey } from './standard-webhooks.ts';
import { assertPublicTarget } from './target-guard.ts';

export interface EventSenderOptions {
  outbox: OutboxRepository;
  url: string;
  /** `whsec_…` */
  secret: string;
  /** Seconds to wait before retry n (1-based); its length is the number of retries. */
  retrySchedule: number[];
  /** How often to look for due rows when nothing nudges the sender (ms). */
  pollMs: number;
  /** One attempt's timeout (ms). */
  timeoutMs: number;
  allowPrivateTargets: boolean;
  log: Logger;
  now?: () => Date;
}

/** How long a claimed row stays reserved for this sender: longer than one attempt can take. */
const LEASE_MS = 60_000;
const BATCH = 20;

export class EventSender {
  readonly #options: EventSenderOptions;
  readonly #key: Buffer;
  readonly #owner = `sender-${randomUUID()}`;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #closed = false;
  readonly #inFlight = new Set<AbortController>();

  constructor(options: EventSenderOptions) {
    this.#options = options;
    this.#key = webhookKey(options.secret);
  }

  /** Starts polling. */
  start(): void {
    this.#schedule(0);
  }

  /** Looks for due rows now (called after an event was recorded). */
  nudge(): void {
    if (this.#closed) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#schedule(0);
  }

  /** Stops polling and aborts attempts in flight (their rows are retried by a later sender). Safe twice. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const controller of this.#inFlight) controller.abort();
    await this.#running;
  }

  #schedule(ms: number): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#running = this.#runOnce().finally(() => {
        this.#running = undefined;
        const again = this.#again;
        this.#again = false;
        this.#schedule(again ? 0 : this.#options.pollMs);
      });
    }, ms);
    this.#timer.unref();
  }

  async #runOnce(): Promise<void> {
    try {
      for (;;) {
        const rows = await this.#options.outbox.claim(this.#owner, this.#now(), BATCH, LEASE_MS);
        for (const row of rows) {
          if (this.#closed) return;
          await this.#deliver(row);
        }
        if (rows.length < BATCH || this.#closed) return;
      }
    } catch (error) {
      if (!this.#closed) this.#options.log.error({ err: errorFields(error) }, 'runOnce() | outbox pass failed');
    }
  }

  async #deliver(row: ClaimedEvent): Promise<void> {
    const { outbox, log } = this.#options;
    const attempt = row.attempts + 1;
    let outcome: { ok: true } | { ok: false; error: string; gone?: boolean; retryAfterMs?: number };
    try {
      outcome = await this.#post(row);
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    if (this.#closed && !outcome.ok) return;
    const now = this.#now();
    if (outcome.ok) {
      await outbox.markDelivered(row.id, this.#owner, now);
      log.info({ webhookId: row.webhookId, type: row.type, attempt }, 'deliver() | event delivered');
      return;
    }
    const schedule = this.#options.retrySchedule;
    if (outcome.gone || row.attempts >= schedule.length) {
      await outbox.markFailed(row.id, this.#owner, now, outcome.error);
      log.warn(
        { webhookId: row.webhookId, type: row.type, attempt, error: outcome.error },
        'deliver() | event given up',
      );
      return;
    }
    const base = schedule[row.attempts]! * 1000;
    const jittered = base * (0.9 + Math.random() * 0.2);
    const waitMs = Math.max(jittered, outcome.retryAfterMs ?? 0);
    await outbox.markRetry(row.id, this.#owner, new Date(now.getTime() + waitMs), outcome.error);
    log.warn(
      { webhookId: row.webhookId, type: row.type, attempt, retryInMs: Math.round(waitMs), error: outcome.error },
      'deliver() | attempt failed, will retry',
    );
  }

  async #post(
    row: ClaimedEvent,
  ): Promise<{ ok: true } | { ok: false; error: string; gone?: boolean; retryAfterMs?: number }> {
    const { url, timeoutMs, allowPrivateTargets } = this.#options;
    await assertPublicTarget(url, allowPrivateTargets);
    const timestamp = Math.floor(this.#now().getTime() / 1000);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    this.#inFlight.add(controller);
    try {
      const response = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: controller.signal,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'virtuelles-amt-video-service',
          ...signWebhook(this.#key, row.webhookId, timestamp, row.body),
        },
        body: row.body,
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { ok: true };
      const error = `HTTP ${response.status}`;
      if (response.status === 410) return { ok: false, error, gone: true };
      if ([429, 502, 503, 504].includes(response.status))
        return { ok: false, error, retryAfterMs: retryAfterMs(response.headers.get('retry-after'), this.#now()) };
      return { ok: false, error };
    } finally {
      clearTimeout(timer);
      this.#inFlight.delete(controller);
    }
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }
}

/** `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3), capped at a day. */
function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now.getTime();
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 86_400_000) : undefined;
}
