/**
 * A tiny fixed-window rate limiter per client IP (in memory, per process). Enough to slow down token
 * guessing and JWKS hammering on `POST /api/session`; a reverse proxy may add more.
 */
import type { RequestHandler } from 'express';

/** `now` is the clock in ms (default `Date.now`): tests move it instead of waiting out a window. */
export function rateLimit(options: { limit: number; windowMs: number; now?: () => number }): RequestHandler {
  const clock = options.now ?? Date.now;
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = 0;
  return (req, res, next) => {
    const now = clock();
    if (now >= nextSweep) {
      for (const [key, w] of windows) if (w.resetAt <= now) windows.delete(key);
      nextSweep = now + options.windowMs;
    }
    const key = req.ip ?? 'unknown';
    let w = windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + options.windowMs };
      windows.set(key, w);
    }
    w.count += 1;
    if (w.count > options.limit) {
      res.setHeader('Retry-After', String(Math.ceil((w.resetAt - now) / 1000)));
      res.status(429).json({ error: 'rate_limited', message: 'Too many attempts; please wait a moment.' });
      return;
    }
    next();
  };
}
