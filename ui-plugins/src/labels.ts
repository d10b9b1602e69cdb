/** Texts of the embeddable pieces, German first; add a language by adding a catalogue. */
export const LABELS = {
  de: { open: 'Video-Termin öffnen', opensNewWindow: '(öffnet ein neues Fenster)' },
  en: { open: 'Open video appointment', opensNewWindow: '(opens a new window)' },
} as const;

export type Locale = keyof typeof LABELS;

/** Picks the catalogue for a BCP 47 tag such as "en-GB"; German when the language is not available. */
export function labelsFor(lang: string | null | undefined): (typeof LABELS)[Locale] {
  const base = (lang ?? 'de').slice(0, 2).toLowerCase();
  return base in LABELS ? LABELS[base as Locale] : LABELS.de;
}
