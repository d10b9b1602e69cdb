import { brandAssets, brandBarHtml } from '../../server-shared/brand-assets.ts';
import type { Brand } from '../../shared/municipality-profile.ts';

/**
 * The languages of the citizen's public pages (documents page, verify page) — the room's six, in its order —
 * how a request picks one, and the language switch the pages share: every language by its own name, as
 * links (`?lang=xx`, which survives a reload and can be bookmarked), the current one marked for screen readers.
 */

export interface PageLanguage {
  code: 'de' | 'en' | 'tr' | 'ar' | 'uk' | 'ru';
  /** The language's own name, as the switch shows it. */
  name: string;
  dir: 'ltr' | 'rtl';
  /** The BCP 47 tag dates are formatted with (as the room does: the language code itself). */
  locale: string;
}

export const PAGE_LANGUAGES: readonly PageLanguage[] = [
  { code: 'de', name: 'Deutsch', dir: 'ltr', locale: 'de-DE' },
  { code: 'en', name: 'English', dir: 'ltr', locale: 'en-GB' },
  { code: 'tr', name: 'Türkçe', dir: 'ltr', locale: 'tr' },
  { code: 'ar', name: 'العربية', dir: 'rtl', locale: 'ar' },
  { code: 'uk', name: 'Українська', dir: 'ltr', locale: 'uk' },
  { code: 'ru', name: 'Русский', dir: 'ltr', locale: 'ru' },
];

export type PageLanguageCode = PageLanguage['code'];

const BY_CODE = new Map(PAGE_LANGUAGES.map((l) => [l.code as string, l]));

export function pageLanguageOf(code: PageLanguageCode): PageLanguage {
  return BY_CODE.get(code)!;
}

/**
 * `?lang=` if it names a language of the pages, else the first of Accept-Language the pages have (in the
 * header's order of preference, `q=0` meaning "not this one"), else German.
 */
export function pickPageLanguage(query: unknown, acceptLanguage: string | undefined): PageLanguageCode {
  if (typeof query === 'string' && BY_CODE.has(query)) return query as PageLanguageCode;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { code: tag.trim().slice(0, 2).toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((w) => w.q > 0 && BY_CODE.has(w.code))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (wanted[0]?.code as PageLanguageCode | undefined) ?? 'de';
}

/** Text for HTML content and attribute values. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const escape = escapeHtml;

/** The office a citizen page is branded for (the municipality profile): its bar above the page. */
export interface PageOffice {
  name: string;
  brand: Brand;
}

/**
 * The start of a citizen page up to its `<main>`: language and direction, no referrer, the favicon, the shared
 * stylesheet and the page's own, the office's bar (with `office`) and the language switch (the documents page
 * and the verify page share it).
 */
export function pageStart(page: {
  lang: PageLanguageCode;
  title: string;
  stylesheet: string;
  mainId: string;
  languagesLabel: string;
  favicon: string;
  office?: PageOffice | undefined;
}): string {
  const office = page.office;
  return `<!doctype html>
<html lang="${page.lang}" dir="${pageLanguageOf(page.lang).dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escape(page.title)}</title>
${page.favicon}
${office ? `<link rel="stylesheet" href="${brandAssets(office.brand).cssPath}">\n` : ''}<link rel="stylesheet" href="/casework/assets/pages.css">
<link rel="stylesheet" href="/casework/assets/${page.stylesheet}">
</head>
<body>
${office ? brandBarHtml(office.brand, office.name, page.lang, escape) : ''}
<main id="${page.mainId}" data-lang="${page.lang}">
${languageSwitch(page.lang, page.languagesLabel)}`;
}

/** The switch: a labelled navigation with one link per language; `keep` is added to every link's query. */
export function languageSwitch(current: PageLanguageCode, label: string, keep = ''): string {
  const items = PAGE_LANGUAGES.map((l) => {
    const attrs = `lang="${l.code}" hreflang="${l.code}" dir="${l.dir}"`;
    return l.code === current
      ? `<li><a href="?lang=${l.code}${keep}" ${attrs} aria-current="true">${escape(l.name)}</a></li>`
      : `<li><a href="?lang=${l.code}${keep}" ${attrs}>${escape(l.name)}</a></li>`;
  }).join('');
  return `<nav class="lang-switch" aria-label="${escape(label)}"><ul>${items}</ul></nav>`;
}

/** The switch's style, shared by the pages (logical properties, so it sits at the end of the line in both directions). */
export const LANGUAGE_SWITCH_CSS = `
.lang-switch ul { list-style: none; display: flex; flex-wrap: wrap; justify-content: flex-end; gap: .25rem .9rem; margin: 0 0 .75rem; padding: 0; }
.lang-switch a { color: var(--accent); padding: .2rem 0; display: inline-block; }
.lang-switch a[aria-current] { color: inherit; font-weight: 700; text-decoration: none; }
@media (prefers-color-scheme: dark) { .lang-switch a:not([aria-current]) { color: #9ecbff; } }
`;
