/**
 * Plural forms in message texts, in ICU MessageFormat's plural syntax (the subset translators know):
 * `{left, plural, one {# Versuch} other {# Versuche}}`. Intl.PluralRules picks the form for the language
 * (Arabic has six, Ukrainian and Russian three, Turkish and German two); `#` is the number, formatted
 * for the language; `=0 {…}` matches an exact value. Lives outside index.ts so it never weighs on the
 * join page: only the lazy casework panel uses counts.
 */
import { interpolate, type MessageParams } from './index.ts';

const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

/** Resolves plural blocks for `lang`, then replaces the plain `{name}` placeholders. */
export function formatMessage(template: string, lang: string, params: MessageParams = {}): string {
  const resolved = template.includes(', plural,')
    ? template.replace(PLURAL, (whole, name: string, body: string) => {
        const value = params[name];
        if (typeof value !== 'number') return whole;
        const branches = new Map([...body.matchAll(BRANCH)].map((m) => [m[1]!, m[2]!]));
        const chosen =
          branches.get(`=${value}`) ??
          branches.get(new Intl.PluralRules(lang).select(value)) ??
          branches.get('other') ??
          whole;
        return chosen.replaceAll('#', new Intl.NumberFormat(lang).format(value));
      })
    : template;
  return interpolate(resolved, params);
}

/** The placeholder names a template uses (plain and plural), sorted: equal across languages. */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(PLURAL)) names.add(m[1]!);
  for (const m of template.replace(PLURAL, '').matchAll(/\{(\w+)\}/g)) names.add(m[1]!);
  return [...names].sort();
}
