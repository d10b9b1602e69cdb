/**
 * CORS for the workplace API (/clerk/api/*) so schedulers on other origins can embed the plug-ins
 * (https://fetch.spec.whatwg.org/#http-cors-protocol). Only origins in PLUGIN_ALLOWED_ORIGINS get CORS headers;
 * credentials are never allowed (no Access-Control-Allow-Credentials): a cross-origin page authenticates with a
 * plug-in token in the Authorization header, never with the workplace's cookies. Preflights from other origins
 * get 403, so a browser refuses the call before it is made.
 */
import { Router } from 'express';

const ALLOWED_HEADERS = 'Authorization, Content-Type, Last-Event-ID';
const ALLOWED_METHODS = 'GET, POST';

export function pluginCors(allowedOrigins: readonly string[]): Router {
  const allowed = new Set(allowedOrigins);
  const router = Router();
  router.use('/clerk/api', (req, res, next) => {
    const origin = req.header('origin');
    res.vary('Origin');
    const ok = !!origin && allowed.has(origin);
    if (ok) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      // The plug-in's SSE reader and list need nothing beyond the CORS-safelisted response headers.
    }
    if (req.method === 'OPTIONS') {
      if (!ok) {
        res.status(403).json({ error: 'forbidden', message: 'origin not in PLUGIN_ALLOWED_ORIGINS' });
        return;
      }
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  });
  return router;
}
