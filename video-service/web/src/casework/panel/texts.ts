/**
 * Texts of the casework panel (a lazy chunk, so its catalogues travel with it, not with the join page):
 * German first (texts-de.ts), English complete (texts-en.ts, typed `CaseTexts`). Placeholders `{name}`.
 */
import { interpolate, type LanguageCode, type MessageParams } from '../../i18n/index.ts';
import { caseDe, type CaseTexts } from './texts-de.ts';
import { caseEn } from './texts-en.ts';

export type { CaseTexts };

export type CaseTextKey = keyof CaseTexts;

const CATALOGUES: Record<string, CaseTexts> = { de: caseDe, en: caseEn };

export type CaseTranslate = (key: CaseTextKey, params?: MessageParams) => string;

/** The casework translator for `lang` (German for languages without a casework catalogue yet). */
export function caseTranslator(lang: LanguageCode): CaseTranslate {
  const texts = CATALOGUES[lang] ?? caseDe;
  return (key, params) => interpolate(texts[key], params);
}

/** A `{ de, en }` text from the service in the UI language (German otherwise). */
export function localized(text: { de: string; en: string }, lang: LanguageCode): string {
  return lang === 'en' ? text.en : text.de;
}
