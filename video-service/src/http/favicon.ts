/**
 * `GET /favicon.svg`: the tab icon of every page of the service (room, verify, documents) — a public building,
 * the same as the connector's (connector/src/http/assets/favicon.svg). Without one, browsers show a blank tab
 * and ask for /favicon.ico, which answered a JSON 404.
 */
import { Router } from 'express';

const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b4f9c"/>' +
  '<path d="M16 5 5 12v2h22v-2zM7 15h3v9H7zm7.5 0h3v9h-3zM22 15h3v9h-3zM5 25h22v2H5z" fill="#fff"/></svg>';

/** The `<link>` every page of the service puts in its head. */
export const FAVICON_LINK = '<link rel="icon" href="/favicon.svg" type="image/svg+xml">';

export function faviconRoutes(): Router {
  const router = Router();
  router.get(['/favicon.svg', '/favicon.ico'], (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('image/svg+xml').send(FAVICON_SVG);
  });
  return router;
}
