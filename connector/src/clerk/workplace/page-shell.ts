/**
 * The HTML of GET /clerk: a shell that loads the workplace bundle (connector/web/workplace, built by
 * `npm run build`). No inline script or style (the connector's CSP). The page asks the API for everything else.
 */
import { escapeHtml as esc } from '../../notify/html.ts';

export const WORKPLACE_SCRIPT = '/clerk/assets/workplace.js';
export const WORKPLACE_STYLES = '/clerk/assets/workplace.css';

/**
 * `signOut`: the clerk's name and CSRF token (the sign-in's va_clerk_csrf cookie) for a plain sign-out form
 * that works before and without the script; absent when the caller authenticates otherwise (tests' stand-in).
 */
export function workplaceShell(signOut?: { name: string; csrfToken: string }): string {
  return `<!doctype html>
<html lang="de" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<title>Arbeitsplatz – Virtuelles Amt</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${WORKPLACE_STYLES}">
<script type="module" src="${WORKPLACE_SCRIPT}"></script>
</head>
<body>
${
  signOut
    ? `<form class="va-wp-signout" method="post" action="/clerk/logout"><span>${esc(signOut.name)}</span><input type="hidden" name="_csrf" value="${esc(signOut.csrfToken)}"><button type="submit">Abmelden <span lang="en">/ Sign out</span></button></form>`
    : ''
}
<div id="va-workplace"><noscript><p>Bitte schalten Sie JavaScript ein. / Please enable JavaScript.</p></noscript></div>
</body>
</html>
`;
}
