/**
 * `GET /brand/brand-<hash>.css`, `/brand/logo-<hash>.png` and `/brand/logo.png`: the office's colours and logo
 * from the municipality profile (read once at start), for the pages' header bar (./brand-assets.ts). Both
 * services mount this one router; both are express apps.
 */
import { Router } from 'express';
import type { Brand } from '../shared/municipality-profile.ts';
import { brandAssets } from './brand-assets.ts';

export function brandRoutes(brand: Brand): Router {
  const { files } = brandAssets(brand);
  const router = Router();
  router.get('/brand/:file', (req, res, next) => {
    const asset = files.get(`/brand/${req.params.file}`);
    if (!asset) return next();
    // Hashed names are immutable; the stable alias is cached for an hour.
    res.setHeader('Cache-Control', asset.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
    // Other sites (a booking system's page) may show the logo too.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.type(asset.contentType).send(asset.body);
  });
  return router;
}
