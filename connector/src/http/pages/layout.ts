/**
 * The HTML shell of the connector's few pages: one stylesheet, external scripts only (CSP). A page for a
 * citizen (`office` given) opens with the office's bar (logo, name, its colour) and closes with its footer.
 */
import { brandAssets, brandBarHtml } from '@virtuelles-amt/video-service/server-shared/brand-assets';
import { postalAddress, type MunicipalityProfile } from '@virtuelles-amt/video-service/shared/municipality-profile';
import { escapeHtml } from '../../notify/html.ts';

export interface PageOptions {
  title: string;
  /** Already escaped HTML. */
  body: string;
  lang?: string;
  scripts?: string[];
  stylesheet?: string;
  /** The office the citizen deals with (MUNICIPALITY_PROFILE): named in the footer with its contact, imprint and privacy statement. */
  office?: MunicipalityProfile;
}

/** Who runs this page and how to reach them; imprint and privacy statement are what German law asks of it. */
function footer(office: MunicipalityProfile): string {
  const e = escapeHtml;
  const parts = [`<strong>${e(office.name)}</strong>`, e(postalAddress(office))];
  if (office.phone)
    parts.push(
      `Telefon <span lang="en" class="va-en">Phone</span>: <a href="tel:${e(office.phone.replace(/[^+0-9]/g, ''))}">${e(office.phone)}</a>`,
    );
  const links = [
    office.imprintUrl
      ? `<a href="${e(office.imprintUrl)}">Impressum <span lang="en" class="va-en">Legal notice</span></a>`
      : '',
    office.privacyUrl
      ? `<a href="${e(office.privacyUrl)}">Datenschutz <span lang="en" class="va-en">Privacy</span></a>`
      : '',
  ].filter(Boolean);
  return `<footer class="va-footer">${parts.map((p) => `<p>${p}</p>`).join('')}${links.length ? `<p>${links.join(' · ')}</p>` : ''}</footer>`;
}

export function page(options: PageOptions): string {
  const lang = options.lang ?? 'de';
  const office = options.office;
  const scripts = (options.scripts ?? []).map((src) => `<script src="${escapeHtml(src)}" defer></script>`).join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(options.title)}</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
${
  office
    ? `<link rel="stylesheet" href="${brandAssets(office.brand).cssPath}">
`
    : ''
}<link rel="stylesheet" href="${escapeHtml(options.stylesheet ?? '/assets/page.css')}">
${scripts}
</head>
<body>
<a class="va-skip" href="#main">Zum Inhalt springen <span lang="en">/ Skip to content</span></a>
${office ? brandBarHtml(office.brand, office.name, lang, escapeHtml) : ''}
${options.body}
${office ? footer(office) : ''}
</body>
</html>
`;
}
