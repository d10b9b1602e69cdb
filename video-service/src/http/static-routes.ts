/**
 * The room UI built by `node video-service/web/build.ts`: `GET /join` → index.html (never cached, the token
 * stays in the fragment), `/assets/*` → hashed files (cached for a year, immutable). Without a build,
 * `/join` answers 503 and says how to build.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express, { Router } from 'express';
import { brandAssets } from '../server-shared/brand-assets.ts';
import type { Brand } from '../shared/municipality-profile.ts';
import { escapeHtml } from './casework/page-languages.ts';
import { noStore } from './security-headers.ts';

const NOT_BUILT =
  'Die Raumoberfläche ist noch nicht gebaut. / The room UI has not been built yet: run `npm run build` (or `node video-service/web/build.ts`).\n';

/**
 * `officeName`: the municipality profile's name, handed to the page as `<meta name="va-office">` (the CSP
 * allows no inline script) so the room's header names the citizen's office from the first paint. `brand`: its
 * colours as a stylesheet of custom properties and its logo as `<meta name="va-logo">` (path, pixel size and
 * the alternative text per language, JSON) — CSS and a few bytes of markup, no JavaScript for the budget.
 */
export function staticRoutes(distDir: string, officeName?: string, brand?: Brand): Router {
  const router = Router();
  const meta = (officeName ? `<meta name="va-office" content="${escapeHtml(officeName)}">` : '') + brandHead(brand);
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

/** The brand's stylesheet link and the logo's meta element for the room page's head. */
function brandHead(brand: Brand | undefined): string {
  if (!brand) return '';
  const assets = brandAssets(brand);
  const css = `<link rel="stylesheet" href="${assets.cssPath}">`;
  if (!assets.logo || !assets.logoPath) return css;
  const logo = { src: assets.logoPath, width: assets.logo.width, height: assets.logo.height, alt: assets.logo.alt };
  return `${css}<meta name="va-logo" content="${escapeHtml(JSON.stringify(logo))}">`;
}
