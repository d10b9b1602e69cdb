/** The demo scheduler's HTML (German first, English): the custom elements with a short explanation. */
import { escapeHtml } from '../../notify/html.ts';

export type SchedulerLanguage = 'de' | 'en';

const TEXT = {
  de: {
    title: 'Demo-Terminplaner',
    lead: 'So sieht die Sachbearbeitung ihre Video-Termine im eigenen Terminplaner: die Liste und das Warte-Abzeichen kommen als Plug-ins vom Connector und aktualisieren sich live.',
    book: 'Einen Termin buchen',
    other: 'English',
    docs: 'Für Hersteller: docs/ui-plugins.md',
  },
  en: {
    title: 'Demo scheduler',
    lead: 'How a clerk sees their video appointments inside their own scheduler: the list and the waiting badge are plug-ins from the connector and update live.',
    book: 'Book an appointment',
    other: 'Deutsch',
    docs: 'For vendors: docs/ui-plugins.md',
  },
};

export function schedulerPage(lang: SchedulerLanguage, connectorPublicUrl: string): string {
  const t = TEXT[lang];
  const url = escapeHtml(connectorPublicUrl);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<link rel="stylesheet" href="/assets/page.css">
</head>
<body>
<main>
<h1>${t.title}</h1>
<p>${t.lead}</p>
<p><va-waiting-badge connector-url="${url}" lang="${lang}"></va-waiting-badge></p>
<va-appointment-list connector-url="${url}" lang="${lang}"></va-appointment-list>
<p><a href="/?lang=${lang}">${t.book}</a> · <a href="/scheduler?lang=${lang === 'de' ? 'en' : 'de'}" lang="${lang === 'de' ? 'en' : 'de'}">${t.other}</a> · ${t.docs}</p>
</main>
<script type="module" src="/scheduler/scheduler.js"></script>
</body>
</html>
`;
}
