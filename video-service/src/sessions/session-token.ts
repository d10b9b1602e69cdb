/** Opaque session tokens: 32 random bytes, base64url. Only their SHA-256 is stored. */
import { createHash, randomBytes } from 'node:crypto';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The database id of a session token (hex SHA-256). */
export function sessionIdOf(sessionToken: string): string {
  return createHash('sha256').update(sessionToken).digest('hex');
}
