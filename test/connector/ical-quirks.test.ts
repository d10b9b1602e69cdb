/**
 * Real-feed quirks (issue 3, INTEGRATION-FACTS.md), each served by a real HTTP server and checked on
 * the stored appointments (times in UTC): RRULE + EXDATE + moved instance inside the look-ahead
 * window, all-day entries ignored, Outlook's Windows zone names, folds that split UTF-8 characters,
 * floating times in X-WR-TIMEZONE or the feed's configured zone, escaped text, the video filter.
 */
import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import {
  API_KEY,
  berlinDate,
  calendar,
  feedEntry,
  FeedServer,
  fixture,
  ms,
  syncFeed,
  vevent,
  wallToUtc,
} from './ical-support.ts';
import { openDatabaseProbe, startConnector, type DatabaseProbe, type StartedConnector } from './support.ts';

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>;
const utcBasic = (d: Date) => `${d.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

for (const { kind, create } of DATABASES) {
  describe(`iCal feed quirks (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let feeds: FeedServer;
    let c: StartedConnector;
    let probe: DatabaseProbe;
    const rows = async (feed: string) => {
      const list = await probe.rows('appointments', { source: `ical:${feed}` });
      return new Map(list.map((r) => [r.external_id as string, r]));
    };

    before(async () => {
      db = await create();
      feeds = await FeedServer.start();
      c = await startConnector({
        databaseUrl: db.url,
        env: {
          API_KEYS: API_KEY,
          ALLOW_PRIVATE_TARGETS: 'true',
          ICAL_FEEDS: JSON.stringify([
            feedEntry(feeds, 'recurring'),
            feedEntry(feeds, 'outlook'),
            feedEntry(feeds, 'folded'),
            feedEntry(feeds, 'floating'),
            feedEntry(feeds, 'london', { timezone: 'Europe/London' }),
            feedEntry(feeds, 'filtered', {
              filter: { categories: '^video', location: 'online' },
              title: 'Videotermin Bürgeramt',
            }),
          ]),
        },
      });
      probe = await openDatabaseProbe(db.url);
    });
    after(async () => {
      await probe?.close();
      await c?.close();
      await feeds?.down();
      await db?.drop();
    });

    it('expands RRULE with EXDATE and a moved instance, keyed by UID + RECURRENCE-ID in UTC; all-day entries are ignored', async () => {
      feeds.set('recurring', fixture('recurring.ics'));
      const answer = await syncFeed(c.baseUrl, 'recurring');
      expect(answer.body.status).to.equal('changed');
      const stored = await rows('recurring');
      const uid = 'sprechstunde-42@example.org';
      const expected = [1, 2, 4, 5, 6].map((d) => `${uid}/${utcBasic(wallToUtc(berlinDate(d), '14:00'))}`);
      expect([...stored.keys()].sort()).to.deep.equal(expected.sort());
      for (const d of [1, 2, 5, 6]) {
        const row = stored.get(`${uid}/${utcBasic(wallToUtc(berlinDate(d), '14:00'))}`)!;
        expect(ms(row.start_at)).to.equal(wallToUtc(berlinDate(d), '14:00').getTime());
        expect(ms(row.end_at)).to.equal(wallToUtc(berlinDate(d), '14:30').getTime());
        expect(row.title).to.equal('Video-Sprechstunde');
      }
      const moved = stored.get(`${uid}/${utcBasic(wallToUtc(berlinDate(4), '14:00'))}`)!;
      expect(ms(moved.start_at)).to.equal(wallToUtc(berlinDate(4), '16:00').getTime());
      expect(ms(moved.end_at)).to.equal(wallToUtc(berlinDate(4), '16:30').getTime());
      expect(moved.title).to.equal('Video-Sprechstunde (verschoben)');
      expect(json(moved.citizen)).to.include({ name: 'Erika Mustermann', email: 'erika@example.org' });

      // Another EXDATE later: exactly that instance is cancelled.
      const text = fixture('recurring.ics')
        .toString('latin1')
        .replace(
          `EXDATE;TZID=Europe/Berlin:${berlinDate(3)}T140000`,
          `EXDATE;TZID=Europe/Berlin:${berlinDate(3)}T140000,${berlinDate(5)}T140000`,
        );
      feeds.set('recurring', Buffer.from(text, 'latin1'));
      const excluded = await syncFeed(c.baseUrl, 'recurring');
      expect(excluded.body.cancelled.map((x) => x.externalId)).to.deep.equal([
        `${uid}/${utcBasic(wallToUtc(berlinDate(5), '14:00'))}`,
      ]);
      expect(excluded.body.created).to.deep.equal([]);
      expect(excluded.body.rescheduled).to.deep.equal([]);
    });

    it("reads Outlook's Windows zone names, a display-name zone and a custom zone (→ TIMEZONE), with quoted CNs", async () => {
      feeds.set('outlook', fixture('outlook-windows-zones.ics'));
      expect((await syncFeed(c.baseUrl, 'outlook')).body.created).to.have.length(3);
      const stored = await rows('outlook');
      const windows = stored.get(
        '040000008200E00074C5B7101A82E0080000000010A1B2C3D4E5F601000000000000000010000000AB12CD34EF56',
      )!;
      expect(ms(windows.start_at)).to.equal(wallToUtc(berlinDate(4), '11:00').getTime());
      expect(ms(windows.end_at)).to.equal(wallToUtc(berlinDate(4), '11:15').getTime());
      expect(windows.timezone).to.equal('Europe/Berlin');
      expect(windows.title).to.equal('Meldebescheinigung');
      expect(json(windows.citizen)).to.include({ name: 'Mustermann, Max', email: 'max.mustermann@example.org' });
      expect(json(windows.clerk)).to.include({ name: 'Schulz, Anna', email: 'anna.schulz@example.org' });
      const display = stored.get('outlook-display-name-zone@example.org')!;
      expect(ms(display.start_at)).to.equal(wallToUtc(berlinDate(4), '13:30').getTime());
      expect(json(display.citizen)).to.include({ name: 'Jana Beispiel', email: 'jana@example.org' });
      const custom = stored.get('outlook-custom-zone@example.org')!;
      expect(ms(custom.start_at)).to.equal(wallToUtc(berlinDate(4), '15:00').getTime());
      expect(json(custom.citizen)).to.include({ email: '' });
    });

    it('unfolds lines folded inside a UTF-8 character before decoding', async () => {
      feeds.set('folded', fixture('folded-utf8.ics'));
      expect((await syncFeed(c.baseUrl, 'folded')).body.created).to.have.length(1);
      const row = (await rows('folded')).get('folded-utf8-1@example.org')!;
      expect(row.title).to.equal(
        'Ummeldung für Jürgen Groß – Übermittlungssperre prüfen, Gebühr 12,00 € – Straße Düsseldorf Äußere Höhe',
      );
      expect(row.title).to.not.include('\uFFFD');
      expect(json(row.citizen)).to.include({ name: 'Jürgen Groß-Müllerßöäü Übelhör', email: 'juergen@example.org' });
      expect(ms(row.start_at)).to.equal(wallToUtc(berlinDate(5), '10:00').getTime());
    });

    it('reads floating times in X-WR-TIMEZONE (or the feed’s configured zone), UTC times as such, and unescapes text', async () => {
      feeds.set('floating', fixture('floating-escaped.ics'));
      feeds.set('london', fixture('floating-escaped.ics'));
      expect((await syncFeed(c.baseUrl, 'floating')).body.created).to.have.length(3);
      expect((await syncFeed(c.baseUrl, 'london')).body.created).to.have.length(3);
      const berlin = await rows('floating');
      const floating = berlin.get('floating-1@example.org')!;
      expect(ms(floating.start_at)).to.equal(wallToUtc(berlinDate(2), '08:30').getTime());
      expect(floating.timezone).to.equal('Europe/Berlin');
      expect(floating.title).to.equal('Beratung, Anmeldung; Ummeldung');
      expect(json(floating.citizen)).to.include({ name: 'Ömer Yılmaz' });
      const utc = berlin.get('utc-1@example.org')!;
      expect(new Date(ms(utc.start_at)).toISOString()).to.equal(
        `${berlinDate(2).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')}T12:00:00.000Z`,
      );
      expect(utc.timezone).to.equal('Europe/Berlin');
      const noEnd = berlin.get('no-end-1@example.org')!;
      expect(ms(noEnd.end_at) - ms(noEnd.start_at)).to.equal(30 * 60_000);

      const london = (await rows('london')).get('floating-1@example.org')!;
      expect(ms(london.start_at)).to.equal(wallToUtc(berlinDate(2), '08:30', 'Europe/London').getTime());
      expect(london.timezone).to.equal('Europe/London');
    });

    it('takes only events the filter accepts as video appointments, with the configured title', async () => {
      const day = berlinDate(10);
      feeds.set(
        'filtered',
        calendar([
          vevent({
            uid: 'f-video',
            date: day,
            from: '09:00',
            to: '09:30',
            summary: 'Erika Mustermann',
            extra: ['CATEGORIES:Videotermin,Bürgeramt', 'LOCATION:Online'],
          }),
          vevent({
            uid: 'f-office',
            date: day,
            from: '10:00',
            to: '10:30',
            extra: ['CATEGORIES:Videotermin', 'LOCATION:Rathaus, Zimmer 3'],
          }),
          vevent({
            uid: 'f-other',
            date: day,
            from: '11:00',
            to: '11:30',
            extra: ['CATEGORIES:Intern', 'LOCATION:Online'],
          }),
        ]),
      );
      const answer = await syncFeed(c.baseUrl, 'filtered');
      expect(answer.body.created.map((x) => x.externalId)).to.deep.equal(['f-video']);
      const row = (await rows('filtered')).get('f-video')!;
      expect(row.title).to.equal('Videotermin Bürgeramt');
    });
  });
}
