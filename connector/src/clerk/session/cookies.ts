/**
 * The sign-in's cookies (docs/adr/0080). On https the session cookie carries the `__Host-` prefix (Secure,
 * Path=/, no Domain: no sub-domain can set or read it); on http (development) the prefix is not allowed,
 * so it is plain `va_clerk`. All are SameSite=Lax: the provider's redirect back to /clerk/callback is a
 * top-level navigation from another site and must carry the login cookie.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';

export interface CookieNames {
  session: string;
  csrf: string;
  login: string;
}

export function cookieNames(https: boolean): CookieNames {
  return { session: https ? '__Host-va_clerk' : 'va_clerk', csrf: 'va_clerk_csrf', login: 'va_clerk_login' };
}

/** 32 random bytes, base64url: session secrets, login cookies, states, nonces. */
export const randomSecret = (): string => randomBytes(32).toString('base64url');

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** The CSRF token of a session: derived from its secret, so it needs no storage and dies with the session. */
export const csrfTokenFor = (sessionSecret: string): string =>
  createHmac('sha256', sessionSecret).update('va-clerk-csrf').digest('base64url');

/** One cookie of the request (no cookie-parser: three names are all the sign-in reads). */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim();
      return /^[A-Za-z0-9_-]{1,200}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

export interface CookieOptions {
  https: boolean;
  httpOnly: boolean;
  /** Seconds; omitted = until the browser closes. 0 deletes. */
  maxAge?: number;
  path?: string;
}

export function setCookie(res: Response, name: string, value: string, options: CookieOptions): void {
  const parts = [`${name}=${value}`, `Path=${options.path ?? '/'}`, 'SameSite=Lax'];
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.https) parts.push('Secure');
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  res.append('Set-Cookie', parts.join('; '));
}

export function clearCookie(res: Response, name: string, options: Omit<CookieOptions, 'maxAge'>): void {
  setCookie(res, name, '', { ...options, maxAge: 0 });
}
