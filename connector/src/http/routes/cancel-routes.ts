/**
 * The citizen's cancel link: `GET /cancel` (page; the token stays in the URL fragment and is read by
 * /assets/cancel.js), `POST /api/cancel/preview {token}` and `POST /api/cancel {token}`.
 */
import type { MunicipalityProfile } from '@virtuelles-amt/video-service/shared/municipality-profile';
import express, { Router } from 'express';
import { z } from 'zod';
import { cancelByCitizen, previewCancellation } from '../../domain/cancel-by-citizen.ts';
import type { DomainDeps } from '../../domain/ports.ts';
import type { Logger } from '../../log.ts';
import { cancelPage, secondLanguage } from '../pages/cancel-page.ts';
import { jsonBody } from '../request-helpers.ts';

const tokenBody = z.object({ token: z.string().min(10).max(4096) });

export function cancelRoutes(deps: DomainDeps, log: Logger, office?: MunicipalityProfile): Router {
  const router = Router();
  const json = express.json({ limit: '16kb' });
  router.get('/cancel', (req, res) => {
    res.setHeader('Vary', 'Accept-Language');
    res.type('html').send(cancelPage(secondLanguage(req.get('accept-language')), office));
  });
  router.post('/api/cancel/preview', json, async (req, res) => {
    const { token } = jsonBody(req, tokenBody);
    res.json(await previewCancellation(deps, token));
  });
  router.post('/api/cancel', json, async (req, res) => {
    const { token } = jsonBody(req, tokenBody);
    const result = await cancelByCitizen(deps, token);
    log.info({ appointmentId: result.appointmentId }, 'cancelByCitizen() | appointment cancelled by the citizen');
    res.json(result);
  });
  return router;
}
