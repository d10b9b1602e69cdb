/**
 * Cal.com's webhook signature: `X-Cal-Signature-256` = lowercase hex HMAC-SHA256 of the exact raw body,
 * keyed with the webhook's secret (no prefix, no timestamp, no delivery id). Without a secret Cal.com
 * sends the literal `no-secret-provided` — such a request is refused.
 * https://cal.com/docs/developing/guides/automation/webhooks#verifying-the-authenticity-of-the-received-payload
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Unauthorized } from '../../errors.ts';

export const CALCOM_SIGNATURE_HEADER = 'x-cal-signature-256';

/** What Cal.com puts into the header when the webhook has no secret. */
export const CALCOM_NO_SECRET = 'no-secret-provided';

/**
 * Checks the header against the body in constant time.
 * @throws Unauthorized `missing_signature` (absent, or Cal.com's `no-secret-provided`) or `bad_signature`.
 */
export function verifyCalcomSignature(secret: string, header: string | undefined, rawBody: Buffer): void {
  const given = header?.trim();
  if (!given)
    throw new Unauthorized(`the ${CALCOM_SIGNATURE_HEADER} header is missing`, { reason: 'missing_signature' });
  if (given === CALCOM_NO_SECRET) {
    throw new Unauthorized(
      'Cal.com sent this webhook unsigned (no-secret-provided): set the webhook secret in Cal.com to CALCOM_WEBHOOK_SECRET',
      { reason: 'missing_signature' },
    );
  }
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const wellFormed = /^[0-9a-fA-F]{64}$/.test(given);
  // Compare even a malformed header (against zeros), so the answer time says nothing about it.
  const matches = timingSafeEqual(wellFormed ? Buffer.from(given, 'hex') : Buffer.alloc(expected.length), expected);
  if (!wellFormed || !matches) {
    throw new Unauthorized('the signature does not match the body', { reason: 'bad_signature' });
  }
}

/**
 * Idempotency key of a delivery (Cal.com sends no delivery id): triggerEvent, uid, rescheduleUid and
 * createdAt, which Cal.com keeps when it retries. Hashed to a fixed length. A body that is not JSON
 * gets a key of its bytes (it is refused right after with 400 anyway).
 */
export function calcomDeliveryKey(rawBody: Buffer): string {
  let parts: unknown[];
  try {
    const body = JSON.parse(rawBody.toString('utf8')) as {
      triggerEvent?: unknown;
      createdAt?: unknown;
      payload?: { uid?: unknown; rescheduleUid?: unknown };
    };
    parts = [
      body?.triggerEvent ?? null,
      body?.payload?.uid ?? null,
      body?.payload?.rescheduleUid ?? null,
      body?.createdAt ?? null,
    ];
  } catch {
    return `calcom-raw-${createHash('sha256').update(rawBody).digest('hex')}`;
  }
  return `calcom-${createHash('sha256').update(JSON.stringify(parts)).digest('hex')}`;
}
