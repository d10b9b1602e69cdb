/**
 * iCal feeds end to end: a real local HTTP server serves the feeds, the connector polls them through
 * `POST /api/feeds/<name>/sync`, and the tests look at the stored appointments (SQLite and MariaDB).
 * Lifecycle: create → 304 → move / SEQUENCE → cancel (STATUS:CANCELLED, METHOD:CANCEL, gone), and a
 * feed that is down, answers 500, garbage or a truncated body changes nothing.
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
import {
  openDatabaseProbe,
  startConnector,
  waitForMail,
  type DatabaseProbe,
  type StartedConnector,
} from './support.ts';

const ZMS_CITIZEN = {
  name: { from: 'description', pattern: 'Sehr geehrte/r ([^,\\n]+),' },
  email: { from: 'description', pattern: 'E-Mail:\\s*(\\S+@[\\w.-]+)' },
};

for (const { kind, create } of DATABASES) {
  describe(`iCal feeds: create, move, cancel, survive outages (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let feeds: FeedServer;
    let c: StartedConnector;
    let probe: DatabaseProbe;
    const appointments = (feed: string) => probe.rows('appointments', { source: `ical:${feed}` });

    before(async () => {
      db = await create();
      feeds = await FeedServer.start();
      c = await startConnector({
        databaseUrl: db.url,
        env: {
          API_KEYS: API_KEY,
          ALLOW_PRIVATE_TARGETS: 'true',
          ICAL_FEEDS: JSON.stringify([
            feedEntry(feeds, 'zms', { citizen: ZMS_CITIZEN, services: ['anmeldung'] }),
            feedEntry(feeds, 'moves'),
            feedEntry(feeds, 'gone'),
            feedEntry(feeds, 'outage'),
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

    it('creates the appointment of a ZMS-style invitation, answers 304 next time, and cancels on STATUS:CANCELLED with SEQUENCE:0', async () => {
      feeds.set('zms', fixture('zms-request.ics'));
      const first = await syncFeed(c.baseUrl, 'zms');
      expect(first.status).to.equal(200);
      expect(first.body.status).to.equal('changed');
      const uid = `${berlinDate(3)}-184512`;
      expect(first.body.created.map((x) => x.externalId)).to.deep.equal([uid]);

      const [row] = await appointments('zms');
      expect(row!.external_id).to.equal(uid);
      expect(row!.id).to.equal(first.body.created[0]!.appointmentId);
      expect(ms(row!.start_at)).to.equal(wallToUtc(berlinDate(3), '09:30').getTime());
      expect(ms(row!.end_at)).to.equal(wallToUtc(berlinDate(3), '09:45').getTime());
      expect(row!.timezone).to.equal('Europe/Berlin');
      expect(row!.title).to.equal('Anmeldung einer Wohnung');
      expect(row!.status).to.equal('scheduled');
      const citizen = typeof row!.citizen === 'string' ? JSON.parse(row!.citizen) : row!.citizen;
      expect(citizen).to.include({ name: 'Erika Mustermann', email: 'erika.mustermann@example.org' });
      const clerk = typeof row!.clerk === 'string' ? JSON.parse(row!.clerk) : row!.clerk;
      expect(clerk).to.include({ name: 'Bürgeramt Mitte', email: 'buergeramt-mitte@example.org' });
      const mail = await waitForMail(c.baseUrl, (m) => m.to.includes('erika.mustermann@example.org'));
      expect(mail.text).to.include('Anmeldung einer Wohnung');

      const second = await syncFeed(c.baseUrl, 'zms');
      expect(second.body).to.deep.include({ status: 'not_modified', created: [], rescheduled: [], cancelled: [] });
      const last = feeds.requestsFor('zms').at(-1)!;
      expect(last.ifNoneMatch).to.match(/^"[0-9a-f]{40}"$/);
      expect(last.status).to.equal(304);

      feeds.set('zms', fixture('zms-cancel.ics'));
      const cancelled = await syncFeed(c.baseUrl, 'zms');
      expect(cancelled.body.status).to.equal('changed');
      expect(cancelled.body.cancelled).to.deep.equal([{ externalId: uid, appointmentId: row!.id }]);
      const [after] = await appointments('zms');
      expect(after!.status).to.equal('cancelled');
      expect(await probe.count('appointments', { source: 'ical:zms' })).to.equal(1);
    });

    it('reschedules a moved event and one whose SEQUENCE rose, keeps an unchanged one, and acts once', async () => {
      const day = berlinDate(6);
      const base = [
        vevent({ uid: 'move-a', date: day, from: '10:00', to: '10:30' }),
        vevent({ uid: 'move-b', date: day, from: '11:00', to: '11:30', sequence: 1 }),
        vevent({ uid: 'move-c', date: day, from: '12:00', to: '12:30' }),
      ];
      feeds.set('moves', calendar(base));
      const created = await syncFeed(c.baseUrl, 'moves');
      expect(created.body.created).to.have.length(3);
      const idOf = (ext: string) => created.body.created.find((x) => x.externalId === ext)!.appointmentId;

      const movedEvents = [
        vevent({ uid: 'move-a', date: berlinDate(7), from: '14:00', to: '14:45', sequence: 1 }),
        vevent({
          uid: 'move-b',
          date: day,
          from: '11:00',
          to: '11:30',
          sequence: 2,
          summary: 'Videotermin (Raum geändert)',
        }),
        base[2]!,
      ];
      feeds.set('moves', calendar(movedEvents));
      const moved = await syncFeed(c.baseUrl, 'moves');
      expect(moved.body.status).to.equal('changed');
      expect(moved.body.rescheduled.map((x) => x.externalId).sort()).to.deep.equal(['move-a', 'move-b']);
      expect(moved.body.created).to.deep.equal([]);
      const rows = await appointments('moves');
      const a = rows.find((r) => r.external_id === 'move-a')!;
      expect(a.id).to.equal(idOf('move-a'));
      expect(ms(a.start_at)).to.equal(wallToUtc(berlinDate(7), '14:00').getTime());
      expect(ms(a.end_at)).to.equal(wallToUtc(berlinDate(7), '14:45').getTime());
      expect(Number(a.sequence)).to.equal(1);
      const b = rows.find((r) => r.external_id === 'move-b')!;
      expect(b.title).to.equal('Videotermin (Raum geändert)');
      expect(Number(b.sequence)).to.equal(1);
      expect(Number(rows.find((r) => r.external_id === 'move-c')!.sequence)).to.equal(0);

      // The same events again in a different body (no 304, new hash) change nothing more.
      feeds.set('moves', { body: Buffer.from(calendar([...movedEvents].reverse())), validators: false });
      const again = await syncFeed(c.baseUrl, 'moves');
      expect(again.body).to.deep.include({ rescheduled: [], created: [], cancelled: [] });
    });

    it('cancels an event that disappeared from the feed and one cancelled by METHOD:CANCEL, leaving the rest', async () => {
      const day = berlinDate(8);
      const events = ['gone-1', 'gone-2', 'gone-3'].map((uid, i) =>
        vevent({ uid, date: day, from: `${10 + i}:00`, to: `${10 + i}:30` }),
      );
      feeds.set('gone', calendar(events));
      const created = await syncFeed(c.baseUrl, 'gone');
      expect(created.body.created).to.have.length(3);

      feeds.set('gone', calendar([events[0]!, events[2]!]));
      const removed = await syncFeed(c.baseUrl, 'gone');
      expect(removed.body.cancelled.map((x) => x.externalId)).to.deep.equal(['gone-2']);

      feeds.set('gone', calendar([events[2]!], 'CANCEL'));
      const methodCancel = await syncFeed(c.baseUrl, 'gone');
      // gone-3 is cancelled by METHOD:CANCEL; gone-1 vanished from the feed as well.
      expect(methodCancel.body.cancelled.map((x) => x.externalId).sort()).to.deep.equal(['gone-1', 'gone-3']);
      const statuses = Object.fromEntries((await appointments('gone')).map((r) => [r.external_id, r.status]));
      expect(statuses).to.deep.equal({ 'gone-1': 'cancelled', 'gone-2': 'cancelled', 'gone-3': 'cancelled' });
    });

    it('keeps the last good state when the feed is down, answers 500, garbage, a truncated body or suddenly nothing — nothing is cancelled', async () => {
      const day = berlinDate(9);
      const good = calendar([
        vevent({ uid: 'out-1', date: day, from: '09:00', to: '09:30' }),
        vevent({ uid: 'out-2', date: day, from: '10:00', to: '10:30' }),
      ]);
      feeds.set('outage', good);
      expect((await syncFeed(c.baseUrl, 'outage')).body.created).to.have.length(2);
      const scheduled = async () => (await appointments('outage')).filter((r) => r.status === 'scheduled').length;

      await feeds.down();
      const down = await syncFeed(c.baseUrl, 'outage');
      await feeds.up();
      expect(down.status).to.equal(200);
      expect(down.body).to.deep.include({ status: 'error', cancelled: [] });
      expect(down.body.error!.code).to.equal('unreachable');

      const bad: Array<[string, Parameters<FeedServer['set']>[1]]> = [
        ['http_500', { body: Buffer.from('<html>Internal Server Error</html>'), status: 500 }],
        ['http_503', { body: Buffer.from('busy'), status: 503 }],
        [
          'not_icalendar',
          { body: Buffer.from('<!doctype html><html><body>Wartungsarbeiten</body></html>'), contentType: 'text/html' },
        ],
        ['not_icalendar', { body: Buffer.from(good.slice(0, good.indexOf('UID:out-2'))) }],
        ['not_icalendar', { body: Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR garbage \u0000\u0001') }],
        // A valid but empty calendar (an export during maintenance) must not cancel everything.
        ['feed_emptied', { body: Buffer.from(calendar([])) }],
      ];
      for (const [code, served] of bad) {
        feeds.set('outage', served);
        const answer = await syncFeed(c.baseUrl, 'outage');
        expect(answer.body.status, code).to.equal('error');
        expect(answer.body.error!.code).to.equal(code);
        expect(answer.body.cancelled).to.deep.equal([]);
        expect(await scheduled()).to.equal(2);
      }

      feeds.set('outage', good);
      const back = await syncFeed(c.baseUrl, 'outage');
      expect(back.body.status).to.equal('not_modified');
      expect(await scheduled()).to.equal(2);
    });

    it('leaves the appointment of an event it cannot read alone and still applies the rest of the feed', async () => {
      const day = berlinDate(11);
      const a = vevent({ uid: 'odd-a', date: day, from: '09:00', to: '09:30' });
      const b = vevent({ uid: 'odd-b', date: day, from: '10:00', to: '10:30' });
      feeds.set('outage', calendar([a, b]));
      const created = await syncFeed(c.baseUrl, 'outage');
      expect(created.body.created.map((x) => x.externalId).sort()).to.deep.equal(['odd-a', 'odd-b']);

      const broken = a.replace(/DTSTART;TZID=Europe\/Berlin:\d{8}T\d{6}/, 'DTSTART;TZID=Europe/Berlin:morgen früh');
      feeds.set('outage', calendar([broken, vevent({ uid: 'odd-b', date: day, from: '12:00', to: '12:30' })]));
      const answer = await syncFeed(c.baseUrl, 'outage');
      expect(answer.body.status).to.equal('changed');
      expect(answer.body.rescheduled.map((x) => x.externalId)).to.deep.equal(['odd-b']);
      expect(answer.body.cancelled).to.deep.equal([]);
      const [odd] = await probe.rows('appointments', { source: 'ical:outage', external_id: 'odd-a' });
      expect(odd!.status).to.equal('scheduled');
      expect(ms(odd!.start_at)).to.equal(wallToUtc(day, '09:00').getTime());
    });

    it('refuses the sync route without a valid API key and names unknown feeds', async () => {
      expect((await syncFeed(c.baseUrl, 'zms', null)).status).to.equal(401);
      expect((await syncFeed(c.baseUrl, 'zms', 'wrong-key-0123456789abcdef')).status).to.equal(401);
      const unknown = await syncFeed(c.baseUrl, 'nope');
      expect(unknown.status).to.equal(404);
      expect(unknown.body.error).to.equal('feed_not_found');
    });
  });
}
