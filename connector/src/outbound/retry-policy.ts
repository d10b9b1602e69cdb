/**
 * When to try an outbound webhook again, per Standard Webhooks' delivery guidance
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md, "Delivery
 * behavior"): 2xx is success; anything else — 3xx included, redirects are never followed — is a failure
 * retried with exponential backoff and jitter at roughly 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h
 * and 24 h (≈ 3 days in all), then the delivery has failed; 410 Gone disables the endpoint; 429, 502 and
 * 504 ask us to slow down, so their Retry-After is honoured.
 */
import type { DeliveryOutcome } from './ports.ts';

/** Seconds before retry n (after the n-th failed attempt). */
export const RETRY_SCHEDULE_SECONDS = [
  5,
  5 * 60,
  30 * 60,
  2 * 3600,
  5 * 3600,
  10 * 3600,
  14 * 3600,
  20 * 3600,
  24 * 3600,
];

/** Attempts in all: the first one plus one per step of the schedule. */
export const MAX_ATTEMPTS = RETRY_SCHEDULE_SECONDS.length + 1;

/** Statuses whose Retry-After header is honoured. */
const SLOW_DOWN = new Set([429, 502, 504]);

/** A Retry-After longer than this is capped (a receiver cannot park a delivery for weeks). */
const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/** What one HTTP attempt produced. */
export interface AttemptResult {
  /** HTTP status; undefined when no answer came (network error, timeout, refused target). */
  status?: number;
  /** Parsed Retry-After in ms, when the answer had one. */
  retryAfterMs?: number;
}

export interface RetryOptions {
  /** Multiplies every scheduled delay (OUTBOUND_RETRY_SCALE; tests shrink the 3 days). Default 1. */
  scale?: number;
  /** Random source in [0, 1) for the jitter (tests pin it). */
  random?: () => number;
}

/**
 * Decides what becomes of a delivery after an attempt.
 * @param attemptsBefore attempts made before this one.
 */
export function decideOutcome(
  result: AttemptResult,
  attemptsBefore: number,
  now: Date,
  options: RetryOptions = {},
): DeliveryOutcome {
  const { status } = result;
  if (status !== undefined && status >= 200 && status < 300) return { kind: 'delivered', at: now };
  if (status === 410) return { kind: 'endpoint_gone', at: now };
  const attempts = attemptsBefore + 1;
  if (attempts >= MAX_ATTEMPTS) return { kind: 'failed', at: now };
  const honoured = status !== undefined && SLOW_DOWN.has(status) && result.retryAfterMs !== undefined;
  const delayMs = honoured
    ? Math.min(Math.max(result.retryAfterMs!, 0), MAX_RETRY_AFTER_MS)
    : backoffMs(attempts, options);
  return { kind: 'retry', nextAttemptAt: new Date(now.getTime() + delayMs) };
}

/** The jittered (±20 %) and scaled delay after the n-th failed attempt (n ≥ 1). */
export function backoffMs(failedAttempts: number, options: RetryOptions = {}): number {
  const step = RETRY_SCHEDULE_SECONDS[Math.min(failedAttempts, RETRY_SCHEDULE_SECONDS.length) - 1]!;
  const jitter = 0.8 + (options.random ?? Math.random)() * 0.4;
  return step * 1000 * (options.scale ?? 1) * jitter;
}

/**
 * Retry-After as milliseconds: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined when absent
 * or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
