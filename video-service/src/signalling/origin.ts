/**
 * Cross-site WebSocket hijacking guard: a browser connection must come from the service's own origin
 * (PUBLIC_URL, or the Host it was addressed by), by the same rule as the HTTP API's writes
 * (http/same-origin.ts). Requests without an Origin header (non-browser clients) still need a session like
 * everyone else.
 */
import type { IncomingMessage } from 'node:http';
import { fromOwnOrigin } from '../http/same-origin.ts';

export function sameOriginOnly(publicUrl: string) {
  const publicOrigin = new URL(publicUrl).origin;
  return (req: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void): void => {
    const allowed = fromOwnOrigin(req.headers, publicOrigin);
    callback(allowed ? null : 'origin not allowed', allowed);
  };
}
