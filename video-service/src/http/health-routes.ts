/**
 * `/healthz` (the process answers) and `/readyz` (database reachable; which media mode and why; in SFU mode
 * the live workers — none live is 503, so a load balancer sends new rooms to another instance).
 */
import { Router } from 'express';
import type { Logger } from '../log.ts';
import type { MediaHealth } from '../media/media-mode.ts';

export function healthRoutes(deps: { ping: () => Promise<void>; media: () => MediaHealth; log: Logger }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const { ready, ...media } = deps.media();
    let database: 'ok' | 'error' = 'ok';
    try {
      await deps.ping();
    } catch (error) {
      database = 'error';
      deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'readyz | database not reachable');
    }
    if (database === 'ok' && ready) {
      res.json({ status: 'ready', database, media });
      return;
    }
    if (!ready) deps.log.warn({ reason: media.reason }, 'readyz | no live mediasoup worker');
    res.status(503).json({ status: 'unavailable', database, media });
  });
  return router;
}
