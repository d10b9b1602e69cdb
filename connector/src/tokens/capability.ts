/**
 * Capability keys: random secrets that grant access by being known (the key in the .ics link).
 * Only their SHA-256 is stored.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url (43 characters), and its stored hash. */
export function newCapability(): { key: string; hash: string } {
  const key = randomBytes(32).toString('base64url');
  return { key, hash: hashCapability(key) };
}

/**
 * A capability key derived from a server secret: HMAC-SHA256(secret, message), base64url. Looks like
 * `newCapability()` to the outside, but can be derived again later (e.g. to show a link in an API
 * answer) without storing the key. `message` must change whenever the old key has to stop working.
 */
export function deriveCapability(secret: Buffer, message: string): { key: string; hash: string } {
  const key = createHmac('sha256', secret).update(message).digest('base64url');
  return { key, hash: hashCapability(key) };
}

export function hashCapability(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Constant-time comparison of a presented key with a stored hash. */
export function capabilityMatches(key: string, hash: string): boolean {
  const given = Buffer.from(hashCapability(key), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
