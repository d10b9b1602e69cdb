/**
 * The workplace's default CSRF check for state-changing requests, until the sign-in's `requireClerkCsrf`
 * is passed in (the two agree): the request comes from this origin (Origin equals the connector's, or
 * Sec-Fetch-Site is same-origin) and carries X-CSRF-Token equal to the va_clerk_csrf cookie (double submit),
 * compared in constant time.
 */
import type { RequestHandler } from 'express';
import { timingSafeEqual } from 'node:crypto';

export const CSRF_COOKIE = 'va_clerk_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** The value of cookie `name` in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export function sameOriginCsrf(publicUrl: () => string): RequestHandler {
  return (req, res, next) => {
    const origin = req.header('origin');
    const site = req.header('sec-fetch-site');
    const sameOrigin = origin
      ? origin === new URL(publicUrl()).origin || origin === `${req.protocol}://${req.header('host')}`
      : site === 'same-origin';
    const cookie = cookieValue(req.header('cookie'), CSRF_COOKIE);
    const token = req.header(CSRF_HEADER);
    const matches =
      !!cookie && !!token && cookie.length === token.length && timingSafeEqual(Buffer.from(cookie), Buffer.from(token));
    if (!sameOrigin || !matches) {
      res.status(403).json({ error: 'csrf', message: 'cross-site request or missing CSRF token' });
      return;
    }
    next();
  };
}
