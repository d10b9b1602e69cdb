/**
 * The room UI's non-visual building blocks: the state store the components read, and the language
 * catalogues and formatting they show.
 */
import { expect } from 'chai';
import { createStore } from '../../../video-service/web/src/store.ts';
import { de } from '../../../video-service/web/src/i18n/de.ts';
import {
  LANGUAGES,
  interpolate,
  loadLanguage,
  pickLanguage,
  translator,
} from '../../../video-service/web/src/i18n/index.ts';
import {
  formatAppointmentDate,
  formatDecimal,
  formatEuro,
  formatShortMoment,
  formatAppointmentTime,
  formatWaitingDuration,
} from '../../../video-service/web/src/i18n/format.ts';
import type { AppointmentInfo } from '../../../video-service/src/contract/join-token.ts';

describe('room UI: state store', () => {
  it('notifies every listener once per change, with the new state', () => {
    const store = createStore({ screen: 'loading', count: 0 });
    const seen: unknown[] = [];
    store.subscribe((state) => seen.push(state));
    store.setState({ screen: 'prejoin' });
    store.setState(({ count }) => ({ count: count + 1 }));
    expect(seen).to.deep.equal([
      { screen: 'prejoin', count: 0 },
      { screen: 'prejoin', count: 1 },
    ]);
    expect(store.getState()).to.deep.equal({ screen: 'prejoin', count: 1 });
  });

  it('does not notify for a patch that changes nothing, nor after unsubscribing', () => {
    const store = createStore({ screen: 'call' });
    let calls = 0;
    const unsubscribe = store.subscribe(() => {
      calls += 1;
    });
    store.setState({ screen: 'call' });
    unsubscribe();
    store.setState({ screen: 'left' });
    expect(calls).to.equal(0);
    expect(store.getState().screen).to.equal('left');
  });

  it('never mutates the previous state object', () => {
    const store = createStore({ screen: 'loading' });
    const before = store.getState();
    store.setState({ screen: 'call' });
    expect(before.screen).to.equal('loading');
    expect(store.getState()).to.not.equal(before);
  });
});

describe('room UI: languages', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  for (const language of LANGUAGES) {
    it(`${language.name} has every message, none empty, with the same placeholders as German`, async () => {
      const messages = await language.load();
      for (const key of Object.keys(de) as (keyof typeof de)[]) {
        const text = messages[key];
        expect(text, `${language.code}.${key}`).to.be.a('string').and.not.equal('');
        expect(placeholders(text), `${language.code}.${key}`).to.deep.equal(placeholders(de[key]));
      }
    });
  }

  it('German is the default; a supported browser or appointment locale wins in order', () => {
    expect(pickLanguage(null, undefined)).to.equal('de');
    expect(pickLanguage('fr-FR')).to.equal('de');
    expect(pickLanguage('en-GB')).to.equal('en');
    expect(pickLanguage(null, 'EN')).to.equal('en');
    expect(pickLanguage('de', 'en')).to.equal('de');
  });

  it('fills placeholders and leaves unknown ones visible', async () => {
    await loadLanguage('en');
    expect(interpolate('{name} wartet seit {duration}', { name: 'Erika', duration: '3 Minuten' })).to.equal(
      'Erika wartet seit 3 Minuten',
    );
    expect(interpolate('Hallo {name}')).to.equal('Hallo {name}');
    expect(translator('en')('admitButtonLabel', { name: 'Erika Mustermann' })).to.equal('Admit Erika Mustermann');
    expect(translator('de')('admitButton')).to.equal('Einlassen');
  });

  it('shows German until another catalogue is loaded (catalogues other than German are lazy chunks)', async () => {
    const english = LANGUAGES.find((language) => language.code === 'en')!;
    expect(await english.load()).to.have.property('joinButton', 'Join now');
    await loadLanguage('en');
    expect(translator('en')('joinButton')).to.equal('Join now');
  });
});

describe('room UI: dates and durations', () => {
  const appointment: AppointmentInfo = {
    id: 'a1',
    title: 'Anmeldung',
    start: '2025-11-24T09:00:00Z',
    end: '2025-11-24T09:30:00Z',
    tz: 'Europe/Berlin',
    services: [],
  };

  it("shows the appointment in the appointment's own zone", () => {
    expect(formatAppointmentDate(appointment, 'de')).to.equal('Montag, 24. November 2025');
    expect(formatAppointmentTime(appointment, 'de')).to.match(/^10:00\s?–\s?10:30/);
    expect(formatAppointmentTime(appointment, 'en')).to.match(/10:00\s?–\s?10:30/);
    expect(formatAppointmentTime({ ...appointment, tz: 'America/New_York' }, 'en')).to.match(/\b4:00\s?–\s?4:30\sAM/);
  });

  it('formats amounts and moments in all six languages, Arabic with Latin digits like the documents', () => {
    const amounts = Object.fromEntries(
      ['de', 'en', 'tr', 'ar', 'uk', 'ru'].map((lang) => [
        lang,
        formatEuro(123450, lang)
          .replace(/[\u00a0\u202f]/g, ' ')
          .replace(/\u200f/g, ''),
      ]),
    );
    expect(amounts).to.deep.equal({
      de: '1.234,50 €',
      en: '€1,234.50',
      tr: '€1.234,50',
      ar: '1,234.50 €',
      uk: '1 234,50 EUR',
      ru: '1 234,50 €',
    });
    expect(formatShortMoment('2026-12-07T10:05:00Z', 'ar')).to.not.match(/[\u0660-\u0669]/);
    expect(formatDecimal(1.25, 'de')).to.equal('1,3');
    expect(formatShortMoment('not a date', 'tr')).to.equal('');
  });

  it('survives a broken zone or date instead of throwing', () => {
    expect(formatAppointmentTime({ ...appointment, tz: 'Mars/Olympus' }, 'de'))
      .to.be.a('string')
      .and.not.equal('');
    expect(formatAppointmentDate({ ...appointment, start: 'not a date' }, 'de')).to.equal('');
  });

  it('says how long someone waits in whole minutes, then hours', () => {
    expect(formatWaitingDuration(3 * 60_000 + 59_000, 'de')).to.equal('3 Minuten');
    expect(formatWaitingDuration(60_000, 'de')).to.equal('1 Minute');
    expect(formatWaitingDuration(2 * 3_600_000, 'en')).to.equal('2 hours');
  });
});
