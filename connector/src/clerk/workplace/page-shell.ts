/**
 * The HTML of GET /clerk: a shell that loads the workplace bundle (connector/web/workplace, built by
 * `npm run build`). No inline script or style (the connector's CSP). The page asks the API for everything else.
 */
export const WORKPLACE_SCRIPT = '/clerk/assets/workplace.js';
export const WORKPLACE_STYLES = '/clerk/assets/workplace.css';

export function workplaceShell(): string {
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
<div id="va-workplace"><noscript><p>Bitte schalten Sie JavaScript ein. / Please enable JavaScript.</p></noscript></div>
</body>
</html>
`;
}
