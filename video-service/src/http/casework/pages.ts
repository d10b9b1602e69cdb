/**
 * Two small public pages, German first with English, accessible (labels, a status region, focus moves to
 * the result) and without inline scripts: `GET /verify` checks a PDF, `GET /documents/download` fetches a
 * sealed document through the link in its fragment. Their scripts and styles come from /casework/assets/.
 */
import { Router } from 'express';
import { FAVICON_LINK } from '../favicon.ts';
import { noStore } from '../security-headers.ts';
import { DOCUMENTS_CSS, DOCUMENTS_JS } from './documents-page.ts';
import { DOWNLOAD_JS, PAGES_CSS, VERIFY_JS } from './page-assets.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string, script: string): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escape(title)}</title>
${FAVICON_LINK}
<link rel="stylesheet" href="/casework/assets/pages.css">
</head>
<body>
<main>
${body}
</main>
<script src="/casework/assets/${script}" defer></script>
</body>
</html>
`;
}

export function verifyPage(authority: string): string {
  return page(
    'Dokument prüfen – Verify a document',
    `<h1>Dokument prüfen <span class="en" lang="en">/ Verify a document</span></h1>
<p>Prüfen Sie, ob ein PDF unverändert so ist, wie ${escape(authority)} es ausgestellt und gesiegelt hat. Die Datei wird nur geprüft und nicht gespeichert.</p>
<p class="en" lang="en">Check whether a PDF is unchanged, exactly as ${escape(authority)} issued and sealed it. The file is only checked, never stored.</p>
<form id="verify-form">
<label for="file">PDF-Datei <span lang="en">/ PDF file</span></label>
<input id="file" name="file" type="file" accept="application/pdf,.pdf" required>
<button type="submit">Prüfen <span lang="en">/ Verify</span></button>
</form>
<div id="result" class="result" role="status" aria-live="polite" tabindex="-1"></div>
<noscript><p>Diese Prüfung braucht JavaScript. <span lang="en">This check needs JavaScript.</span></p></noscript>`,
    'verify.js',
  );
}

export function downloadPage(authority: string): string {
  return page(
    'Dokument herunterladen – Download a document',
    `<h1>Ihr Dokument <span class="en" lang="en">/ Your document</span></h1>
<p>Hier laden Sie ein Dokument herunter, das ${escape(authority)} für Sie gesiegelt hat. Der Link gilt nur für begrenzte Zeit.</p>
<p class="en" lang="en">Download a document ${escape(authority)} sealed for you. The link is valid for a limited time only.</p>
<div id="result" class="result" role="status" aria-live="polite" tabindex="-1"><p>Wird geladen … <span lang="en">/ Loading …</span></p></div>
<noscript><p>Der Download braucht JavaScript. <span lang="en">The download needs JavaScript.</span></p></noscript>`,
    'download.js',
  );
}

const ASSETS: Record<string, { type: string; body: string }> = {
  'pages.css': { type: 'text/css; charset=utf-8', body: PAGES_CSS },
  'verify.js': { type: 'text/javascript; charset=utf-8', body: VERIFY_JS },
  'download.js': { type: 'text/javascript; charset=utf-8', body: DOWNLOAD_JS },
  'documents.css': { type: 'text/css; charset=utf-8', body: DOCUMENTS_CSS },
  'documents.js': { type: 'text/javascript; charset=utf-8', body: DOCUMENTS_JS },
};

export function pageRoutes(authority: string): Router {
  const router = Router();
  const verify = verifyPage(authority);
  const download = downloadPage(authority);
  router.get('/verify', noStore, (_req, res) => {
    res.type('text/html; charset=utf-8').send(verify);
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
