/**
 * Every catalogue a citizen reads is complete in every language: every key present and non-empty,
 * the placeholders (`{name}`, plural variables) the same as German's, plural blocks with an `other`
 * form, and the languages the same everywhere (room, casework panel, mails, cancel page, service
 * catalogues, ID-check guidance). A key the lead adds to de/en fails here, naming file, language and key.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CANCEL_TEXTS } from '../../connector/src/http/pages/cancel-texts.ts';
import {
  LANGUAGES as CONNECTOR_LANGUAGES,
  loadCatalogue as loadMailCatalogue,
} from '../../connector/src/notify/catalogue.ts';
import { MAIL_TEXTS } from '../../connector/src/notify/mail-texts.ts';
import { BUILT_IN_CATALOGUE } from '../../video-service/src/casework/catalogue/services.ts';
import { SERVICE_TRANSLATIONS } from '../../video-service/src/shared/service-translations.ts';
import { GUIDANCE } from '../../video-service/src/casework/idcheck/rules.ts';
import { LANGUAGES } from '../../video-service/web/src/i18n/index.ts';
import { formatMessage, placeholdersOf } from '../../video-service/web/src/i18n/plural.ts';

const root = path.resolve(import.meta.dirname, '../..');
const CODES = LANGUAGES.map((language) => language.code);
type Catalogue = Readonly<Record<string, string>>;

/** Problems of one catalogue against German's: missing, empty, extra keys and placeholder mismatches. */
function problems(name: string, german: Catalogue, other: Catalogue): string[] {
  const found: string[] = [];
  for (const [key, text] of Object.entries(german)) {
    const translated = other[key];
    if (typeof translated !== 'string') found.push(`${name}: ${key} is missing`);
    else if (!translated.trim()) found.push(`${name}: ${key} is empty`);
    else if (placeholdersOf(translated).join() !== placeholdersOf(text).join()) {
      found.push(
        `${name}: ${key} has placeholders {${placeholdersOf(translated).join('}, {')}}, German {${placeholdersOf(text).join('}, {')}}`,
      );
    } else if (translated.includes(', plural,') && !/\bother\s*\{/.test(translated))
      found.push(`${name}: ${key} has a plural without "other"`);
  }
  for (const key of Object.keys(other)) if (!(key in german)) found.push(`${name}: ${key} is not a German key`);
  return found;
}

async function roomCatalogue(code: string): Promise<Catalogue> {
  const language = LANGUAGES.find((l) => l.code === code)!;
  return (await language.load()) as Catalogue;
}

async function caseCatalogue(code: string): Promise<Catalogue> {
  const module = (await import(`../../video-service/web/src/casework/panel/texts-${code}.ts`)) as Record<
    string,
    Catalogue
  >;
  const [catalogue] = Object.values(module);
  return catalogue!;
}

/** The mail texts as strings: every function called with sample arguments, arrays joined. */
function mailCatalogue(code: keyof typeof MAIL_TEXTS): Catalogue {
  const flat: Record<string, string> = {};
  const walk = (prefix: string, value: unknown): void => {
    if (typeof value === 'string') flat[prefix] = value;
    else if (typeof value === 'function') {
      const result = (value as (arg: unknown) => unknown)(
        prefix.endsWith('greeting') ? 'NAME' : prefix.match(/subject|intro/) ? 'WHEN' : 15,
      );
      walk(prefix, Array.isArray(result) ? result.join('\n') : result);
    } else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
  };
  walk('', MAIL_TEXTS[code]);
  return flat;
}

describe('translations (every language of every citizen catalogue)', () => {
  it('the language switch offers German, English, Turkish, Arabic, Ukrainian and Russian, Arabic right to left', () => {
    expect(CODES).to.deep.equal(['de', 'en', 'tr', 'ar', 'uk', 'ru']);
    expect(LANGUAGES.filter((l) => l.dir === 'rtl').map((l) => l.code)).to.deep.equal(['ar']);
    expect([...CONNECTOR_LANGUAGES]).to.deep.equal(CODES);
  });

  it('room UI: every key in every language, placeholders as in German', async () => {
    const german = await roomCatalogue('de');
    const found: string[] = [];
    for (const code of CODES.slice(1)) found.push(...problems(`i18n/${code}.ts`, german, await roomCatalogue(code)));
    expect(found).to.deep.equal([]);
  });

  it('casework panel: every key in every language, placeholders as in German', async () => {
    const german = await caseCatalogue('de');
    const found: string[] = [];
    for (const code of CODES.slice(1))
      found.push(...problems(`casework/panel/texts-${code}.ts`, german, await caseCatalogue(code)));
    expect(found).to.deep.equal([]);
  });

  it('plural forms follow the language: one/few/many in Russian, six forms in Arabic', async () => {
    const ru = await caseCatalogue('ru');
    expect(formatMessage(ru.tanWrong!, 'ru', { left: 1 })).to.include('Осталась 1 попытка');
    expect(formatMessage(ru.tanWrong!, 'ru', { left: 2 })).to.include('Осталось 2 попытки');
    expect(formatMessage(ru.tanWrong!, 'ru', { left: 5 })).to.include('Осталось 5 попыток');
    const de = await caseCatalogue('de');
    expect(formatMessage(de.tanWrong!, 'de', { left: 1 })).to.equal('Die TAN ist falsch. Noch 1 Versuch.');
    expect(formatMessage(de.tanWrong!, 'de', { left: 2 })).to.equal('Die TAN ist falsch. Noch 2 Versuche.');
    const ar = await caseCatalogue('ar');
    expect(formatMessage(ar.tanWrong!, 'ar', { left: 2 })).to.include('محاولتان');
  });

  it('citizen mails and calendar texts: every text in every language, with the name, time and minutes', () => {
    const german = mailCatalogue('de');
    const found: string[] = [];
    for (const code of CONNECTOR_LANGUAGES.slice(1)) {
      const texts = mailCatalogue(code);
      found.push(...problems(`notify/mail-texts (${code})`, german, texts));
      for (const [key, text] of Object.entries(texts)) {
        if (key.endsWith('greeting') && !text.includes('NAME')) found.push(`${code}: ${key} drops the name`);
        if (/^(subject|intro)\./.test(key) && !text.includes('WHEN')) found.push(`${code}: ${key} drops the time`);
        if (/opens|reminder|techHints/.test(key) && !/15|١٥/.test(text))
          found.push(`${code}: ${key} drops the minutes`);
      }
    }
    expect(found).to.deep.equal([]);
    expect(mailCatalogue('ru')['join.opens']).to.include('15 минут');
    expect(MAIL_TEXTS.ru.join.opens(1)).to.include('1 минуту');
  });

  it('cancel page: every text in every language', () => {
    const found: string[] = [];
    for (const code of CONNECTOR_LANGUAGES.slice(1))
      found.push(
        ...problems(
          `cancel-texts (${code})`,
          CANCEL_TEXTS.de as unknown as Catalogue,
          CANCEL_TEXTS[code] as unknown as Catalogue,
        ),
      );
    expect(found).to.deep.equal([]);
  });

  it('service names and documents to have ready: translated for every German text of both catalogues (one table, shared)', () => {
    const file = JSON.parse(readFileSync(path.join(root, 'connector/catalogue/services.json'), 'utf8')) as {
      services: { code: string; name: { de: string }; documents: { de: string[] } }[];
    };
    const german = new Set<string>();
    for (const s of file.services) [s.name.de, ...s.documents.de].forEach((t) => german.add(t));
    for (const s of BUILT_IN_CATALOGUE) [s.name.de, ...s.documents.map((d) => d.de)].forEach((t) => german.add(t));
    const missing: string[] = [];
    for (const text of german) {
      for (const code of CODES.slice(2))
        if (!SERVICE_TRANSLATIONS[text]?.[code as 'tr']?.trim()) missing.push(`${code}: "${text}"`);
    }
    expect(
      missing,
      'add these to service-translations.ts (connector/src/notify and video-service/src/casework/catalogue)',
    ).to.deep.equal([]);
    const mail = loadMailCatalogue();
    expect(mail.describe('anmeldung', 'uk').name).to.equal(SERVICE_TRANSLATIONS['Anmeldung einer Wohnung']!.uk);
    expect(BUILT_IN_CATALOGUE.find((s) => s.code === 'anmeldung')!.name.ar).to.equal(
      SERVICE_TRANSLATIONS['Anmeldung einer Wohnung']!.ar,
    );
  });

  it('ID-check guidance the citizen reads: every step in every language', () => {
    const missing = Object.entries(GUIDANCE).flatMap(([step, text]) =>
      CODES.filter((code) => !(text as unknown as Record<string, string | undefined>)[code]?.trim()).map(
        (code) => `${step}: ${code}`,
      ),
    );
    expect(missing).to.deep.equal([]);
  });
});
