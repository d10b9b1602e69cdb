/**
 * Standard Webhooks 1.0 (https://www.standardwebhooks.com/): signing what the video service sends.
 * Signature: `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>` where the key is the base64-decoded
 * part of the `whsec_…` secret.
 */
import { createHmac } from 'node:crypto';

/** The HMAC key of a `whsec_<base64>` secret; throws when it is not one. */
export function webhookKey(secret: string): Buffer {
  const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret);
  if (!match) throw new Error('a Standard Webhooks secret looks like whsec_<base64>');
  const key = Buffer.from(match[1]!, 'base64');
  if (key.length < 24 || key.length > 64) throw new Error('the secret must hold 24 to 64 random bytes');
  return key;
}

/** The three headers of a signed delivery. `timestamp` in unix seconds. */
export function signWebhook(key: Buffer, webhookId: string, timestamp: number, body: string): Record<string, string> {
  const signature = createHmac('sha256', key).update(`${webhookId}.${timestamp}.${body}`).digest('base64');
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${signature}`,
  };
}
