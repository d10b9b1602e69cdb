/**
 * TANs: 6 random digits, stored only as HMAC-SHA256 under a per-TAN random salt, over the TAN, the
 * document id and the document's data hash, so a TAN is bound to exactly that document content. Never logged.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** How long a TAN is valid: 5 minutes. */
export const TAN_TTL_MS = 5 * 60_000;
/** Wrong tries after which a TAN is locked. */
export const TAN_MAX_ATTEMPTS = 3;
/** TANs one document may get (each new one replaces the previous). */
export const TAN_MAX_PER_DOCUMENT = 5;
/**
 * A second SMS-TAN request within this time (a double tap, an impatient "send again") gets the TAN already
 * sent instead of a second SMS with a different TAN (ADR 0150).
 */
export const SMS_RESEND_AFTER_MS = 30_000;

export function newTan(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

export function tanHash(salt: string, tan: string, documentId: string, dataHash: string): string {
  return createHmac('sha256', Buffer.from(salt, 'hex')).update(`${tan}:${documentId}:${dataHash}`).digest('hex');
}

export function tanMatches(
  stored: { salt: string; tanHash: string },
  tan: string,
  documentId: string,
  dataHash: string,
): boolean {
  const expected = Buffer.from(stored.tanHash, 'hex');
  const given = Buffer.from(tanHash(stored.salt, tan, documentId, dataHash), 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** `+49 ••• ••• 67`: enough to recognise one's own number. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '');
  return `${digits.slice(0, 3)} ••• ••• ${digits.slice(-2)}`;
}
