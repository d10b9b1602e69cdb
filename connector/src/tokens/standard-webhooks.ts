/**
 * Standard Webhooks 1.0 signatures (https://www.standardwebhooks.com/, spec: github.com/standard-webhooks):
 * `webhook-signature` is a space-separated list of `v1,<base64 HMAC-SHA256("<id>.<timestamp>.<body>")>`,
 * keyed with the base64-decoded part of the `whsec_…` secret. Used for the inbound generic webhook and,
 * later, for every outbound webhook.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Unauthorized } from '../errors.ts';

/** Timestamps further than this from now (either way) are refused. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The HMAC key of a `whsec_<base64>` secret (a secret without the prefix is read as base64 too). */
export function secretKey(secret: string): Buffer {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
  if (key.length === 0) throw new Error('empty webhook secret');
  return key;
}

/** A fresh secret: `whsec_` + base64 of 32 random bytes. */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The `v1,<base64>` signature of one message. */
export function sign(secret: string, id: string, timestamp: number, body: string | Buffer): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

/** The three headers for sending `body`; `timestamp` in unix seconds defaults to now. */
export function signedHeaders(
  secret: string,
  id: string,
  body: string | Buffer,
  timestamp = Math.floor(Date.now() / 1000),
): WebhookHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': sign(secret, id, timestamp, body),
  };
}

/**
 * Verifies a received message. Any `v1` entry in the list may match (secret rotation); comparison is
 * constant-time.
 * @returns the webhook id (the idempotency key).
 * @throws Unauthorized with code `missing_signature`, `stale_timestamp` or `bad_signature`.
 */
export function verify(
  secret: string,
  headers: { id?: string; timestamp?: string; signature?: string },
  body: Buffer,
  now: Date = new Date(),
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): string {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature || id.length > 255) {
    throw new Unauthorized('webhook-id, webhook-timestamp and webhook-signature are required', {
      reason: 'missing_signature',
    });
  }
  if (!/^\d{1,15}$/.test(timestamp))
    throw new Unauthorized('webhook-timestamp must be unix seconds', { reason: 'stale_timestamp' });
  const ts = Number(timestamp);
  if (Math.abs(now.getTime() / 1000 - ts) > toleranceSeconds) {
    throw new Unauthorized('webhook-timestamp is outside the 5 minute tolerance', { reason: 'stale_timestamp' });
  }
  const expected = Buffer.from(sign(secret, id, ts, body).slice(3), 'base64');
  const matches = signature
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .some((entry) => {
      const given = Buffer.from(entry.slice(3), 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  if (!matches) throw new Unauthorized('no webhook-signature entry matches', { reason: 'bad_signature' });
  return id;
}
