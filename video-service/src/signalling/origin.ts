/**
 * Cross-site WebSocket hijacking guard: a browser connection must come from the service's own origin
 * (PUBLIC_URL, or the Host it was addressed by). Requests without an Origin header (non-browser clients)
 * still need a session like everyone else.
 */
import type { IncomingMessage } from 'node:http';

export function sameOriginOnly(publicUrl: string) {
  const publicOrigin = new URL(publicUrl).origin;
  return (req: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void): void => {
    const origin = req.headers.origin;
    if (!origin) return callback(null, true);
    const host = req.headers.host;
    const allowed = origin === publicOrigin || (host !== undefined && (origin === `http://${host}` || origin === `https://${host}`));
    callback(allowed ? null : 'origin not allowed', allowed);
  };
}
