/**
 * An independent Standard Webhooks signer for tests (https://www.standardwebhooks.com/, spec 1.0): what a booking
 * system does before it calls `POST /webhooks/generic`. Kept separate from the product's own implementation so
 * that a bug there cannot cancel itself out in the tests.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';

/** A fresh `whsec_…` secret (24 random bytes). */
export function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

/** Signs `body` as Standard Webhooks requires; `id` and `timestamp` can be forced for replay/staleness tests. */
export function sign(secret: string, body: string, options: { id?: string; timestamp?: number } = {}): SignedRequest {
  const id = options.id ?? `msg_${randomUUID()}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': `v1,${signature}`,
    },
  };
}
