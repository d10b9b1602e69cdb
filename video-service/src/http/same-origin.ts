/**
 * Second line against cross-site request forgery (ASVS 4.0.3 V4.2.2 / V13.2.3), behind the session cookie's
 * SameSite=Strict: a state-changing request that a browser sends from another site is refused before any route
 * runs. Browsers say where a request comes from in `Sec-Fetch-Site` (all current ones) and `Origin` (every
 * cross-origin and every non-GET fetch); a request with neither comes from a program (the connector, curl), which
 * has no ambient cookie to abuse and must authenticate like everyone else.
 *
 * The rule holds for every unsafe method on every route, not only the cookie-authenticated ones (uploads,
 * `DELETE /api/session`): no page of another site has a reason to POST here, and a refused `POST /api/session`
 * also stops "login CSRF" (a foreign page planting its own session cookie in the citizen's browser). The
 * same predicate guards the socket.io handshake (signalling/origin.ts).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * True when `headers` do not show a request from another origin: no `Origin`, or the service's public origin,
 * or the origin of the Host it was addressed by (a deployment reached under a second name).
 */
export function fromOwnOrigin(headers: IncomingHttpHeaders, publicOrigin: string): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  // The browser itself says the request comes from one of our pages. Needed for plain form posts: under our
  // `Referrer-Policy: no-referrer` a same-origin form POST carries `Origin: null` (Fetch serialises the origin
  // as null for non-CORS requests under that policy), so the sandbox pay page's buttons were refused.
  if (site === 'same-origin') return true;
  const origin = headers.origin;
  if (!origin) return true;
  const host = headers.host;
  return (
    origin === publicOrigin || (host !== undefined && (origin === `http://${host}` || origin === `https://${host}`))
  );
}

/** Refuses unsafe methods from another origin with 403 `{ error: 'forbidden', reason: 'cross_origin' }`. */
export function sameOriginWrites(publicUrl: string): RequestHandler {
  const publicOrigin = new URL(publicUrl).origin;
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || fromOwnOrigin(req.headers, publicOrigin)) {
      next();
      return;
    }
    res.status(403).json({
      error: 'forbidden',
      reason: 'cross_origin',
      message: 'This request came from another site and was refused.',
    });
  };
}
