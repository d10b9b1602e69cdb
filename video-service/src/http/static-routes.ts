/**
 * The room UI built by `node video-service/web/build.ts`: `GET /join` → index.html (never cached, the token
 * stays in the fragment), `/assets/*` → hashed files (cached for a year, immutable). Without a build,
 * `/join` answers 503 and says how to build.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express, { Router } from 'express';
import { escapeHtml } from './casework/page-languages.ts';
import { noStore } from './security-headers.ts';

const NOT_BUILT =
  'Die Raumoberfläche ist noch nicht gebaut. / The room UI has not been built yet: run `npm run build` (or `node video-service/web/build.ts`).\n';

/**
 * `officeName`: the municipality profile's name, handed to the page as `<meta name="va-office">` (the CSP
 * allows no inline script) so the room's header names the citizen's office from the first paint.
 */
export function staticRoutes(distDir: string, officeName?: string): Router {
  const router = Router();
  const meta = officeName ? `<meta name="va-office" content="${escapeHtml(officeName)}">` : '';
  router.get('/join', noStore, async (_req, res, next) => {
    let html: string;
    try {
      html = await readFile(path.join(distDir, 'index.html'), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR')
        return void res.status(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
      return next(error);
    }
    res.type('html').send(meta ? html.replace('</head>', `${meta}</head>`) : html);
  });
  router.use(
    '/assets',
    express.static(path.join(distDir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      dotfiles: 'ignore',
      redirect: false,
    }),
  );
  return router;
}
