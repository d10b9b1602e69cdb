/**
 * The room UI built by `node video-service/web/build.ts`: `GET /join` → index.html (never cached, the token
 * stays in the fragment), `/assets/*` → hashed files (cached for a year, immutable). Without a build,
 * `/join` answers 503 and says how to build.
 */
import path from 'node:path';
import express, { Router } from 'express';
import { noStore } from './security-headers.ts';

const NOT_BUILT =
  'Die Raumoberfläche ist noch nicht gebaut. / The room UI has not been built yet: run `npm run build` (or `node video-service/web/build.ts`).\n';

export function staticRoutes(distDir: string): Router {
  const router = Router();
  router.get('/join', noStore, (_req, res, next) => {
    res.sendFile(path.join(distDir, 'index.html'), (error?: NodeJS.ErrnoException) => {
      if (!error) return;
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
        if (!res.headersSent) res.status(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
        return;
      }
      next(error);
    });
  });
  router.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false, dotfiles: 'ignore', redirect: false }));
  return router;
}
