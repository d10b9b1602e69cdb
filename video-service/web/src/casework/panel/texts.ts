/**
 * Texts of the casework panel (a lazy chunk, so its catalogues travel with it, not with the join page):
 * German first (texts-de.ts), every other language complete (texts-<code>.ts, typed `CaseTexts`).
 * German and English come with the panel; the others are chunks of their own, fetched by
 * `loadCaseTexts()` when that language is used. Placeholders `{name}`; counts in ICU plural syntax
 * (`{left, plural, one {# Versuch} other {# Versuche}}`, see i18n/plural.ts).
 */
import type { LanguageCode, MessageParams } from '../../i18n/index.ts';
import { formatMessage } from '../../i18n/plural.ts';
import { caseDe, type CaseTexts } from './texts-de.ts';
import { caseEn } from './texts-en.ts';

export type { CaseTexts };

export type CaseTextKey = keyof CaseTexts;

/** How each language's casework catalogue is fetched (a language missing here fails the typecheck). */
const LOADERS: Record<LanguageCode, () => Promise<CaseTexts>> = {
  de: () => Promise.resolve(caseDe),
  en: () => Promise.resolve(caseEn),
  tr: () => import('./texts-tr.ts').then((module) => module.caseTr),
  ar: () => import('./texts-ar.ts').then((module) => module.caseAr),
  uk: () => import('./texts-uk.ts').then((module) => module.caseUk),
  ru: () => import('./texts-ru.ts').then((module) => module.caseRu),
};

const CATALOGUES = new Map<string, CaseTexts>([
  ['de', caseDe],
  ['en', caseEn],
]);

/** Fetches a language's casework catalogue (once); `caseTranslator()` shows German until it is there. */
export async function loadCaseTexts(lang: LanguageCode): Promise<void> {
  if (!CATALOGUES.has(lang)) CATALOGUES.set(lang, await LOADERS[lang]());
}

export type CaseTranslate = (key: CaseTextKey, params?: MessageParams) => string;

/** The casework translator for `lang` (German while that language's catalogue is still loading). */
export function caseTranslator(lang: LanguageCode): CaseTranslate {
  const texts = CATALOGUES.get(lang);
  const used = texts ? lang : 'de';
  return (key, params) => formatMessage((texts ?? caseDe)[key], used, params);
}

/** A text from the service (`{ de, en, … }`) in the UI language: German when it has none in that language. */
export function localized(
  text: { de: string; en: string } & Partial<Record<LanguageCode, string>>,
  lang: LanguageCode,
): string {
  return text[lang] || text.de;
}
