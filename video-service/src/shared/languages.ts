/**
 * The citizen-facing languages, German (the default) first, and how a BCP 47 tag maps onto them — one
 * definition for both services (the connector's mails and catalogue, the video service's SMS-TAN text).
 */
export const LANGUAGES = ['de', 'en', 'tr', 'ar', 'uk', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language of a locale ("en-GB" → en, "ar-SY" → ar, "tr" → tr); German for anything else. */
export function languageOf(locale: string | undefined): Language {
  const base = locale?.toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((language) => language === base) ?? 'de';
}
