/**
 * Every text of every form definition (titles, section titles, labels, help texts, select options, the item
 * label of a person list) in Turkish, Arabic, Ukrainian and Russian. A field the lead adds with `L(de, en)`
 * fails here, naming the form, where the text sits and the languages it lacks, until its German wording is in
 * video-service/src/casework/forms/definitions/translations/<language>.ts.
 */
import { expect } from 'chai';
import type { FormDefinition, Localized } from '../../video-service/src/contract/casework.ts';
import { FORM_DEFINITIONS } from '../../video-service/src/casework/forms/definitions/index.ts';
import { FORM_TEXTS } from '../../video-service/src/casework/forms/definitions/translations/index.ts';
import { SERVICE_TRANSLATIONS } from '../../video-service/src/shared/service-translations.ts';

const FURTHER = ['tr', 'ar', 'uk', 'ru'] as const;

/** Every localized text of a definition with the path that leads to it (e.g. `sections.wohnung.fields.einzugsdatum.label`). */
function textsOf(definition: FormDefinition): { where: string; text: Localized }[] {
  const found: { where: string; text: Localized }[] = [];
  const walk = (where: string, value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) =>
        walk(
          `${where}.${(item as { id?: string; value?: string }).id ?? (item as { value?: string }).value ?? i}`,
          item,
        ),
      );
      return;
    }
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (typeof record.de === 'string' && typeof record.en === 'string') {
      found.push({ where, text: record as unknown as Localized });
      return;
    }
    for (const [key, child] of Object.entries(record)) walk(where ? `${where}.${key}` : key, child);
  };
  walk('', definition);
  return found;
}

describe('form texts in every language', () => {
  it('every text of every form has Turkish, Arabic, Ukrainian and Russian', () => {
    const missing: string[] = [];
    let count = 0;
    for (const definition of FORM_DEFINITIONS.values()) {
      for (const { where, text } of textsOf(definition)) {
        count += 1;
        const lacking = FURTHER.filter((code) => !text[code]?.trim());
        if (lacking.length > 0) missing.push(`${definition.id} ${where} "${text.de}": ${lacking.join(', ')}`);
      }
    }
    expect(count, 'the walk finds the texts at all').to.be.greaterThan(300);
    expect(missing, 'add the German wording to forms/definitions/translations/<language>.ts').to.deep.equal([]);
  });

  it('the four tables have the same German keys, none unused, none empty', () => {
    const used = new Set<string>();
    for (const definition of FORM_DEFINITIONS.values()) for (const { text } of textsOf(definition)) used.add(text.de);
    const problems: string[] = [];
    const germanKeys = Object.keys(FORM_TEXTS.tr).sort();
    for (const code of FURTHER) {
      const table = FORM_TEXTS[code];
      if (Object.keys(table).sort().join('\n') !== germanKeys.join('\n')) problems.push(`${code}: keys differ from tr`);
      for (const [de, text] of Object.entries(table)) {
        if (!text.trim()) problems.push(`${code}: "${de}" is empty`);
        if (!used.has(de)) problems.push(`${code}: "${de}" is used by no form`);
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('a text that names a service reads like the service; official terms stay recognisable in German', () => {
    const anmeldung = FORM_DEFINITIONS.get('anmeldung')!;
    expect(anmeldung.title.ar).to.equal(SERVICE_TRANSLATIONS['Anmeldung einer Wohnung']!.ar);
    const texts = textsOf(anmeldung);
    const status = texts.find((t) => t.where.endsWith('wohnungsstatus.options.haupt.label'))!.text;
    expect(status.tr).to.include('(Hauptwohnung)');
    expect(status.ar)
      .to.include('(Hauptwohnung)')
      .and.to.match(/[\u0600-\u06ff]/);
    expect(status.uk).to.match(/[\u0400-\u04ff]/);
    const meldebescheinigung = FORM_DEFINITIONS.get('meldebescheinigung')!;
    for (const code of FURTHER) expect(meldebescheinigung.title[code], code).to.include('Meldebescheinigung');
  });
});
