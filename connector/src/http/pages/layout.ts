/** The HTML shell of the connector's few pages: one stylesheet, external scripts only (CSP). */
import { escapeHtml } from '../../notify/html.ts';

export interface PageOptions {
  title: string;
  /** Already escaped HTML. */
  body: string;
  lang?: string;
  scripts?: string[];
  stylesheet?: string;
}

export function page(options: PageOptions): string {
  const scripts = (options.scripts ?? []).map((src) => `<script src="${escapeHtml(src)}" defer></script>`).join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(options.lang ?? 'de')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(options.title)}</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${escapeHtml(options.stylesheet ?? '/assets/page.css')}">
${scripts}
</head>
<body>
<a class="va-skip" href="#main">Zum Inhalt springen <span lang="en">/ Skip to content</span></a>
${options.body}
</body>
</html>
`;
}
