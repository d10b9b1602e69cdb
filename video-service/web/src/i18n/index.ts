/**
 * Languages of the room UI. To add one: write a catalogue typed `Messages` next to de.ts and list it
 * here with its endonym, writing direction (`rtl` for Arabic, Persian, Hebrew …; the stylesheet uses
 * logical properties, so the layout mirrors by itself) and a `load()` with a dynamic `import()`: every
 * catalogue but German (the default, always there) is a separate chunk fetched only when it is used,
 * so languages do not count against the join page's JavaScript budget.
 */
import { de, type Messages } from './de.ts';

export type MessageKey = keyof Messages;
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export interface Language {
  code: string;
  /** The language's own name, shown on the language switch. */
  name: string;
  dir: 'ltr' | 'rtl';
  load(): Promise<Messages>;
}

export const LANGUAGES = [
  { code: 'de', name: 'Deutsch', dir: 'ltr', load: () => Promise.resolve(de) },
  { code: 'en', name: 'English', dir: 'ltr', load: () => import('./en.ts').then((module) => module.en) },
  { code: 'tr', name: 'Türkçe', dir: 'ltr', load: () => import('./tr.ts').then((module) => module.tr) },
  { code: 'ar', name: 'العربية', dir: 'rtl', load: () => import('./ar.ts').then((module) => module.ar) },
  { code: 'uk', name: 'Українська', dir: 'ltr', load: () => import('./uk.ts').then((module) => module.uk) },
  { code: 'ru', name: 'Русский', dir: 'ltr', load: () => import('./ru.ts').then((module) => module.ru) },
] as const satisfies readonly Language[];

const loaded = new Map<string, Messages>([['de', de]]);

/** Fetches a language's catalogue (once); `translator()` shows German until it is there. */
export async function loadLanguage(code: LanguageCode): Promise<void> {
  if (!loaded.has(code)) loaded.set(code, await languageInfo(code).load());
}

export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export const DEFAULT_LANGUAGE: LanguageCode = 'de';

/** The first candidate we have a catalogue for ("en-GB" matches "en"); German otherwise. */
export function pickLanguage(...candidates: (string | null | undefined)[]): LanguageCode {
  for (const candidate of candidates) {
    const base = candidate?.toLowerCase().split(/[-_]/)[0];
    const found = LANGUAGES.find((language) => language.code === base);
    if (found) return found.code;
  }
  return DEFAULT_LANGUAGE;
}

export function languageInfo(code: LanguageCode): Language {
  return LANGUAGES.find((language) => language.code === code) ?? LANGUAGES[0];
}

/** Replaces `{name}` placeholders; unknown placeholders stay visible so a missing parameter is noticed. */
export function interpolate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translator(code: LanguageCode): Translate {
  const messages = loaded.get(code) ?? de;
  return (key, params) => interpolate(messages[key], params);
}
