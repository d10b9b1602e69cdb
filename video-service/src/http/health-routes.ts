/** `/healthz` (the process answers) and `/readyz` (database reachable; which media mode and why). */
import { Router } from 'express';
import type { Logger } from '../log.ts';

export function healthRoutes(deps: {
  ping: () => Promise<void>;
  media: { mode: string; reason: string };
  log: Logger;
}): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const media = { mode: deps.media.mode, reason: deps.media.reason };
    try {
      await deps.ping();
      res.json({ status: 'ready', database: 'ok', media });
    } catch (error) {
      deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'readyz | database not reachable');
      res.status(503).json({ status: 'unavailable', database: 'error', media });
    }
  });
  return router;
}
