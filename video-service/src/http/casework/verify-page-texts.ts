/**
 * Wording of the public verify page (`/verify`), German first, then English; Turkish, Arabic, Ukrainian and
 * Russian in page-texts/<language>.ts (test/repo/i18n-completeness.test.ts checks every key). `{authority}`
 * is the issuing authority's name.
 */
import { PAGES_AR } from './page-texts/ar.ts';
import { PAGES_RU } from './page-texts/ru.ts';
import { PAGES_TR } from './page-texts/tr.ts';
import { PAGES_UK } from './page-texts/uk.ts';
import type { PageLanguageCode } from './page-languages.ts';

const GERMAN_ENGLISH = {
  de: {
    title: 'Dokument prüfen',
    intro:
      'Prüfen Sie, ob ein PDF unverändert so ist, wie {authority} es ausgestellt und gesiegelt hat. Die Datei wird nur geprüft und nicht gespeichert.',
    languages: 'Sprache',
    fileLabel: 'PDF-Datei',
    submit: 'Prüfen',
    noScript: 'Diese Prüfung braucht JavaScript.',
    checking: 'Wird geprüft …',
    failed: 'Die Datei konnte nicht geprüft werden.',
    unreachable: 'Die Prüfung ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal.',
    document: 'Dokument',
    sealed: 'Gesiegelt',
    seal: 'Siegel',
    fingerprint: 'Prüfsumme (SHA-256)',
    officialLanguage: 'Das Dokument selbst ist auf Deutsch, der Amtssprache.',
  },
  en: {
    title: 'Verify a document',
    intro:
      'Check whether a PDF is unchanged, exactly as {authority} issued and sealed it. The file is only checked, never stored.',
    languages: 'Language',
    fileLabel: 'PDF file',
    submit: 'Verify',
    noScript: 'This check needs JavaScript.',
    checking: 'Checking …',
    failed: 'The file could not be checked.',
    unreachable: 'The check cannot be reached right now. Please try again later.',
    document: 'Document',
    sealed: 'Sealed',
    seal: 'Seal',
    fingerprint: 'Checksum (SHA-256)',
    officialLanguage: 'The document itself is in German, the official language.',
  },
} as const;

export type VerifyPageTexts = { readonly [K in keyof (typeof GERMAN_ENGLISH)['de']]: string };

export const VERIFY_PAGE_TEXTS: Readonly<Record<PageLanguageCode, VerifyPageTexts>> = {
  ...GERMAN_ENGLISH,
  tr: PAGES_TR.verify,
  ar: PAGES_AR.verify,
  uk: PAGES_UK.verify,
  ru: PAGES_RU.verify,
};
