/**
 * Counted words in mail texts: Intl.PluralRules picks the form for the locale (Arabic has six, Ukrainian
 * and Russian three, Turkish two). `#` in the chosen form is the number.
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export function plural(locale: string, count: number, forms: PluralForms): string {
  const form = forms[new Intl.PluralRules(locale).select(count)] ?? forms.other;
  return form.replaceAll('#', String(count));
}
