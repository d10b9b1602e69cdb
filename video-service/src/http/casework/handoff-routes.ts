/** `GET /api/casework/handoff` with `Authorization: Bearer <token from the case.finished event>`: the finished case as JSON. */
import { Router } from 'express';
import type { CaseworkDeps } from '../../casework/deps.ts';
import { handoffPackage } from '../../casework/handoff/handoff-package.ts';
import { Unauthorized } from '../../errors.ts';

export function handoffRoutes(deps: CaseworkDeps): Router {
  const router = Router();
  router.get('/api/casework/handoff', async (req, res) => {
    const token = req.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new Unauthorized('Send the hand-off token as a Bearer token.', { reason: 'invalid' });
    res.setHeader('Cache-Control', 'no-store');
    res.json(await handoffPackage(deps, token));
  });
  return router;
}
