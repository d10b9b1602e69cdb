/**
 * Two small public pages, accessible (labels, a status region, focus moves to the result) and without inline
 * scripts: `GET /verify` checks a PDF (in the citizen's language: verify-page.ts), `GET /documents/download`
 * fetches a sealed document through the link in its fragment (German with English). Their scripts and styles
 * come from /casework/assets/.
 */
import { Router } from 'express';
import { FAVICON_LINK } from '../favicon.ts';
import { noStore } from '../security-headers.ts';
import { DOCUMENTS_CSS, DOCUMENTS_JS } from './documents-page.ts';
import { DOWNLOAD_JS, PAGES_CSS } from './page-assets.ts';
import {
  escapeHtml,
  PAGE_LANGUAGES,
  pickPageLanguage,
  type PageLanguageCode,
  type PageOffice,
} from './page-languages.ts';
import { VERIFY_CSS, VERIFY_JS, verifyPage } from './verify-page.ts';

/** The shell of the service's plain German/English pages (these and the root page, http/front-door.ts). */
export function page(title: string, body: string, script?: string): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
${FAVICON_LINK}
<link rel="stylesheet" href="/casework/assets/pages.css">
</head>
<body>
<main>
${body}
</main>
${
  script
    ? `<script src="/casework/assets/${script}" defer></script>
`
    : ''
}</body>
</html>
`;
}

export function downloadPage(authority: string): string {
  return page(
    'Dokument herunterladen – Download a document',
    `<h1>Ihr Dokument <span class="en" lang="en">/ Your document</span></h1>
<p>Hier laden Sie ein Dokument herunter, das ${escapeHtml(authority)} für Sie gesiegelt hat. Der Link gilt nur für begrenzte Zeit.</p>
<p class="en" lang="en">Download a document ${escapeHtml(authority)} sealed for you. The link is valid for a limited time only.</p>
<div id="result" class="result" role="status" aria-live="polite" tabindex="-1"><p>Wird geladen … <span lang="en">/ Loading …</span></p></div>
<noscript><p>Der Download braucht JavaScript. <span lang="en">The download needs JavaScript.</span></p></noscript>`,
    'download.js',
  );
}

const ASSETS: Record<string, { type: string; body: string }> = {
  'pages.css': { type: 'text/css; charset=utf-8', body: PAGES_CSS },
  'verify.js': { type: 'text/javascript; charset=utf-8', body: VERIFY_JS },
  'verify.css': { type: 'text/css; charset=utf-8', body: VERIFY_CSS },
  'download.js': { type: 'text/javascript; charset=utf-8', body: DOWNLOAD_JS },
  'documents.css': { type: 'text/css; charset=utf-8', body: DOCUMENTS_CSS },
  'documents.js': { type: 'text/javascript; charset=utf-8', body: DOCUMENTS_JS },
};

export function pageRoutes(authority: string, office?: PageOffice): Router {
  const router = Router();
  const verify = new Map<PageLanguageCode, string>(
    PAGE_LANGUAGES.map((l) => [l.code, verifyPage(authority, l.code, office)]),
  );
  const download = downloadPage(authority);
  router.get('/verify', noStore, (req, res) => {
    res.type('text/html; charset=utf-8').send(verify.get(pickPageLanguage(req.query.lang, req.get('accept-language'))));
  });
  router.get('/documents/download', noStore, (_req, res) => {
    res.type('text/html; charset=utf-8').send(download);
  });
  router.get('/casework/assets/:name', (req, res, next) => {
    const asset = ASSETS[String(req.params.name)];
    if (!asset) return next();
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type(asset.type).send(asset.body);
  });
  return router;
}
