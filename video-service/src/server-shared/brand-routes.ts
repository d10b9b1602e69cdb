/**
 * `GET /brand/brand-<hash>.css`, `/brand/logo-<hash>.png` and `/brand/logo.png`: the office's colours and logo
 * from the municipality profile (read once at start), for the pages' header bar (server-shared/brand-assets.ts).
 */
import { Router } from 'express';
import { brandAssets, brandCacheControl } from '../server-shared/brand-assets.ts';
import type { Brand } from '../shared/municipality-profile.ts';

export function brandRoutes(brand: Brand): Router {
  const { files } = brandAssets(brand);
  const router = Router();
  router.get('/brand/:file', (req, res, next) => {
    const asset = files.get(`/brand/${req.params.file}`);
    if (!asset) return next();
    res.setHeader('Cache-Control', brandCacheControl(asset));
    // Other sites (a booking system's page) may show the logo too.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.type(asset.contentType).send(asset.body);
  });
  return router;
}
