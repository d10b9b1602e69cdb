/**
 * Bearer authentication for the connector's REST API (`Authorization: Bearer <api key>`), the keys
 * coming from `API_KEYS`. Comparison is constant-time: every configured key is compared (through a
 * SHA-256 digest, so lengths never leak either) and the result combined without early exit.
 * No keys configured → every request is refused (the API is off, not open).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { Unauthorized } from '../errors.ts';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** True when `presented` equals one of `keys`; takes the same time whichever key (if any) matches. */
export function matchesApiKey(presented: string, keys: readonly Buffer[]): boolean {
  const candidate = digest(presented);
  let match = false;
  for (const key of keys) match = timingSafeEqual(candidate, key) || match;
  return match;
}

/**
 * Express middleware: 401 `{ error: 'unauthorized' }` (with `WWW-Authenticate: Bearer`) unless the
 * request carries one of `apiKeys` as a bearer token. Put it in front of each API route (not on all of
 * `/api`: the citizen's `/api/cancel` needs no key): `router.post(path, requireApiKey(keys), handler)`.
 * On success `res.locals.apiClient` holds a fingerprint of the key (never the key), see apiClientOf().
 */
export function requireApiKey(apiKeys: readonly string[]): RequestHandler {
  const keys = apiKeys.map(digest);
  return (req, res, next) => {
    const auth = req.headers.authorization ?? '';
    const found = /^Bearer[ ]+([^\s]+)\s*$/i.exec(auth);
    if (!found || keys.length === 0 || !matchesApiKey(found[1]!, keys)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="connector-api"');
      next(new Unauthorized('a valid API key is required (Authorization: Bearer <key>)'));
      return;
    }
    res.locals.apiClient = digest(found[1]!).toString('hex').slice(0, 32);
    next();
  };
}

/** The fingerprint requireApiKey() stored: tells API clients apart (e.g. their Idempotency-Keys). */
export function apiClientOf(res: { locals: Record<string, unknown> }): string {
  const client = res.locals.apiClient;
  if (typeof client !== 'string') throw new Unauthorized('a valid API key is required (Authorization: Bearer <key>)');
  return client;
}
