/**
 * Capability keys: random secrets that grant access by being known (the key in the .ics link).
 * Only their SHA-256 is stored.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url (43 characters), and its stored hash. */
export function newCapability(): { key: string; hash: string } {
  const key = randomBytes(32).toString('base64url');
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
