/**
 * The form texts in Turkish, Arabic, Ukrainian and Russian, keyed by the German wording, one file per
 * language (a translator works on one file). `L` in ../common.ts merges them into every form text;
 * test/repo/form-translations.test.ts names any form text that lacks a language.
 */
import { FORM_TEXTS_AR } from './ar.ts';
import { FORM_TEXTS_RU } from './ru.ts';
import { FORM_TEXTS_TR } from './tr.ts';
import { FORM_TEXTS_UK } from './uk.ts';

export const FORM_TEXTS = { tr: FORM_TEXTS_TR, ar: FORM_TEXTS_AR, uk: FORM_TEXTS_UK, ru: FORM_TEXTS_RU } as const;

/** The translations of one German form text that exist (none: an empty object, so the room shows German). */
export function formTranslations(de: string): Partial<Record<keyof typeof FORM_TEXTS, string>> {
  const found: Partial<Record<keyof typeof FORM_TEXTS, string>> = {};
  for (const [code, table] of Object.entries(FORM_TEXTS) as [
    keyof typeof FORM_TEXTS,
    Readonly<Record<string, string>>,
  ][]) {
    const text = table[de];
    if (text) found[code] = text;
  }
  return found;
}
