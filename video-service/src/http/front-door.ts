/**
 * The video service's root page and its browser 404 (issue 13 item 4): what this server is, where the
 * room links come from, and the link to the document verification page (GET /verify, http/casework/).
 * German first, then English, in the look of the other pages (/casework/assets/pages.css).
 */
import { Router, type RequestHandler } from 'express';
import { page } from './casework/pages.ts';

export function frontDoorPage(): string {
  return page(
    'Video-Termine – Virtuelles Amt / Video appointments',
    `<h1>Video-Termine des Virtuellen Amts <span class="en" lang="en">/ Video appointments of the virtual citizens’ office</span></h1>
<p>Dieser Server verbindet Bürgerinnen und Bürger per Video mit der Verwaltung. Den Link zu Ihrem Termin finden Sie in Ihrer Bestätigungsmail.</p>
<p class="en" lang="en">This server connects citizens with the administration by video. The link to your appointment is in your confirmation e-mail.</p>
<h2>Dokument prüfen <span class="en" lang="en">/ Verify a document</span></h2>
<p>Sie haben ein Dokument erhalten und möchten wissen, ob es echt und unverändert ist? <span class="en" lang="en">Received a document and want to know whether it is genuine and unchanged?</span></p>
<p><a href="/verify">Dokument prüfen <span lang="en">/ Verify a document</span></a></p>`,
  );
}

export function notFoundPage(): string {
  return page(
    'Seite nicht gefunden / Page not found',
    `<h1>Seite nicht gefunden <span class="en" lang="en">/ Page not found</span></h1>
<p>Diese Adresse gibt es hier nicht. Den Link zu Ihrem Termin finden Sie in Ihrer Bestätigungsmail.</p>
<p class="en" lang="en">This address does not exist here. The link to your appointment is in your confirmation e-mail.</p>
<p><a href="/">Zur Startseite <span lang="en">/ To the start page</span></a></p>`,
  );
}

const FRONT_DOOR = frontDoorPage();
const NOT_FOUND = notFoundPage();

export function frontDoorRoutes(): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.type('text/html; charset=utf-8').send(FRONT_DOOR);
  });
  return router;
}

/** For browsers (Accept: text/html before JSON) the readable 404; API clients go on to the JSON one. */
export const htmlNotFound: RequestHandler = (req, res, next) => {
  if (req.method !== 'GET' || req.accepts(['json', 'html']) !== 'html') return next();
  res.status(404).type('text/html; charset=utf-8').send(NOT_FOUND);
};
