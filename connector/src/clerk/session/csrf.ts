/**
 * CSRF protection of the state-changing /clerk routes (docs/adr/0080): a request must
 *  1. come from our own origin — every `Origin` / `Sec-Fetch-Site` it carries says so, and it carries at
 *     least one (browsers send them on every POST; `Origin: null` counts only with Sec-Fetch-Site), and
 *  2. echo the CSRF token: header `X-CSRF-Token` (or form field `_csrf` for a plain HTML form) equal to the
 *     `va_clerk_csrf` cookie AND to the token derived from the session cookie's secret — so a cookie planted
 *     by a sibling sub-domain does not help an attacker either.
 * Refusals are 403 `csrf`; the session itself is checked by the route (AuthenticateClerk).
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { Forbidden } from '../../errors.ts';
import { cookieNames, csrfTokenFor, readCookie } from './cookies.ts';

export interface CsrfOptions {
  /** PUBLIC_URL (read per request: unset until the connector listens). */
  publicUrl: () => string;
  https: boolean;
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * True when the request's Origin / Sec-Fetch-Site headers say it comes from this site. Our pages send
 * `Referrer-Policy: no-referrer`, under which Chromium sends `Origin: null` with a form's POST; then
 * Sec-Fetch-Site (which browsers set and pages cannot) decides.
 */
export function isSameOrigin(
  headers: { origin?: string; fetchSite?: string; host?: string },
  publicUrl: string,
  https: boolean,
): boolean {
  const { origin, fetchSite } = headers;
  if (fetchSite !== undefined && fetchSite !== 'same-origin') return false;
  if (origin === undefined || origin === 'null') return fetchSite === 'same-origin';
  const own = [new URL(publicUrl).origin, ...(headers.host ? [`${https ? 'https' : 'http'}://${headers.host}`] : [])];
  return own.includes(origin);
}

/** Middleware for every state-changing /clerk route (POST, PUT, PATCH, DELETE). */
export function requireClerkCsrf(options: CsrfOptions): RequestHandler {
  const names = cookieNames(options.https);
  return (req, _res, next) => {
    const fromUs = isSameOrigin(
      { origin: req.get('origin'), fetchSite: req.get('sec-fetch-site'), host: req.get('host') },
      options.publicUrl(),
      options.https,
    );
    if (!fromUs) return next(new Forbidden('request from another site', { reason: 'csrf' }));
    const sent =
      req.get('x-csrf-token') ?? (typeof req.body?._csrf === 'string' ? (req.body._csrf as string) : undefined);
    const cookie = readCookie(req, names.csrf);
    const session = readCookie(req, names.session);
    if (!sent || !cookie || !session || !same(sent, cookie) || !same(sent, csrfTokenFor(session))) {
      return next(new Forbidden('missing or wrong CSRF token', { reason: 'csrf' }));
    }
    next();
  };
}
