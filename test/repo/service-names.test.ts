/**
 * One name per service per language, everywhere (issue 11, item 16): the connector's catalogue (mails, the
 * cancel page, the demo booking page, .ics files) and the video service's built-in catalogue (agenda, fees,
 * documents) give every service the same name in all six languages; a form that is the service itself
 * (its German title is the service's German name) carries that name in every language too. A citizen in
 * English mode once read "Registering your address" on the agenda and "Registration of a residence" on the form.
 */
import { expect } from 'chai';
import { LANGUAGES, loadCatalogue } from '../../connector/src/notify/catalogue.ts';
import type { Localized } from '../../video-service/src/contract/casework.ts';
import { BUILT_IN_CATALOGUE } from '../../video-service/src/casework/catalogue/services.ts';
import { FORM_DEFINITIONS } from '../../video-service/src/casework/forms/definitions/index.ts';

/** As the room shows a catalogue text: the language's own wording, else German. */
const shown = (text: Localized, language: string): string =>
  (text as unknown as Record<string, string | undefined>)[language] ?? text.de;

describe('service names are the same everywhere', () => {
  const connector = loadCatalogue();

  it('the connector and the video service know the same services', () => {
    const inConnector = connector
      .list('de')
      .map((s) => s.code)
      .sort();
    const inVideo = BUILT_IN_CATALOGUE.map((s) => s.code).sort();
    expect(inConnector).to.deep.equal(inVideo);
  });

  it('every service has one name per language in both catalogues', () => {
    const differences: string[] = [];
    for (const service of BUILT_IN_CATALOGUE) {
      for (const language of LANGUAGES) {
        const mail = connector.describe(service.code, language).name;
        const room = shown(service.name, language);
        if (mail !== room)
          differences.push(`${service.code} (${language}): connector "${mail}", video service "${room}"`);
      }
    }
    expect(differences).to.deep.equal([]);
  });

  it('the mail announces the fee the room charges (issue 11, item 18)', () => {
    const mail = Object.fromEntries(connector.list('de').map((s) => [s.code, s.feeCents]));
    const room = Object.fromEntries(BUILT_IN_CATALOGUE.map((s) => [s.code, s.feeCents]));
    expect(mail).to.deep.equal(room);
    expect(
      Object.values(room).some((cents) => cents > 0),
      'some services cost a fee',
    ).to.equal(true);
  });

  it('a form named like its service carries the service name in every language', () => {
    const differences: string[] = [];
    let compared = 0;
    for (const service of BUILT_IN_CATALOGUE) {
      const form = service.form ? FORM_DEFINITIONS.get(service.form) : undefined;
      if (!form || form.title.de !== service.name.de) continue;
      compared += 1;
      for (const language of LANGUAGES) {
        const title = shown(form.title, language);
        const name = shown(service.name, language);
        if (title !== name) {
          differences.push(`${service.code} (${language}): form "${title}", service "${name}"`);
        }
      }
    }
    expect(compared, 'forms named like their service').to.be.greaterThan(2);
    expect(differences).to.deep.equal([]);
  });
});
