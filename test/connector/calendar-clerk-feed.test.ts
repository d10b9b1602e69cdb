import { createHash } from 'node:crypto';
import { expect } from 'chai';
import ical, { type VEvent } from 'node-ical';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { unfoldIcs } from './mime.ts';
import { API_ENV, api, makeApiAppointment, tokenClaims } from './rest-support.ts';
import {
  makeGenericPayload,
  openDatabaseProbe,
  postGenericWebhook,
  startConnector,
  type DatabaseProbe,
  type StartedConnector,
} from './support.ts';

const DAY = 24 * 60 * 60 * 1000;

/** ISO instant `days` from now on a whole hour. */
function daysFromNow(days: number, hour = 0): string {
  const d = new Date(Date.now() + days * DAY + hour * 3600_000);
  d.setUTCMinutes(0, 0, 0);
  return d.toISOString();
}

function events(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c.type === 'VEVENT');
}

const val = (v: unknown): string =>
  typeof v === 'object' && v !== null && 'val' in v ? String((v as { val: unknown }).val) : String(v);

for (const { kind, create } of DATABASES) {
  describe(`clerk calendar feed (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let c: StartedConnector;
    let probe: DatabaseProbe;
    const local = (link: string) => link.replace(/^http:\/\/localhost:\d+/, c.baseUrl);
    const appt: Record<string, any> = {};
    let feedUrl: string;

    before(async () => {
      db = await create();
      c = await startConnector({ databaseUrl: db.url, env: API_ENV });
      probe = await openDatabaseProbe(c.databaseUrl);
      const make = async (name: string, start: string, clerkId: string, extra: Record<string, unknown> = {}) => {
        const res = await api(c.baseUrl, '/api/appointments', {
          body: makeApiAppointment(
            { id: `feed-${name}`, title: `Termin ${name}`, clerk: { id: clerkId, name: 'Anna Amt' }, ...extra },
            start,
          ),
        });
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        appt[name] = res.body;
      };
      await make('soon', daysFromNow(2, 1), 'anna', { timezone: 'Europe/Berlin' });
      await make('london', daysFromNow(3, 2), 'anna', {
        timezone: 'Europe/London',
        citizen: { name: 'Jane Doe', email: 'jane@example.org', locale: 'en' },
      });
      await make('past', daysFromNow(-3), 'anna');
      await make('longago', daysFromNow(-10), 'anna');
      await make('far', daysFromNow(90), 'anna');
      await make('cancelled', daysFromNow(5), 'anna');
      await make('other', daysFromNow(2), 'bob');
      await api(c.baseUrl, `/api/appointments/${appt.cancelled.id}/cancel`, { method: 'POST' });
      const hook = await postGenericWebhook(
        c.baseUrl,
        c.webhookSecret,
        makeGenericPayload({
          appointment: {
            id: 'feed-hook',
            start: daysFromNow(4),
            end: new Date(Date.parse(daysFromNow(4)) + 1800_000).toISOString(),
            clerk: { id: 'anna', name: 'Anna Amt' },
          },
        }),
      );
      appt.hook = { id: hook.body.appointmentId, links: hook.body.links };
      const link = await api(c.baseUrl, '/api/clerks/anna/calendar-link', { method: 'POST' });
      expect(link.status).to.equal(201);
      feedUrl = link.body.url;
    });
    after(async () => {
      await probe?.close();
      await c?.close();
      await db?.drop();
    });

    it('creates a secret URL whose secret is stored only as a hash', async () => {
      expect(feedUrl).to.match(/^http:\/\/localhost:\d+\/calendar\/clerks\/[A-Za-z0-9_-]{43}\.ics$/);
      const secret = /clerks\/([^.]+)\.ics$/.exec(feedUrl)![1]!;
      const rows = await probe.rows('clerk_calendar_links', { clerk_id: 'anna' });
      expect(rows).to.have.length(1);
      expect(rows[0]!.secret_hash).to.equal(createHash('sha256').update(secret).digest('hex'));
      expect(JSON.stringify(rows)).to.not.include(secret);
    });

    it('lists the clerk’s appointments from −7 to +60 days with clerk links, and parses with node-ical', async () => {
      const res = await fetch(local(feedUrl));
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^text\/calendar/);
      expect(res.headers.get('cache-control')).to.equal('private, no-cache');
      const text = await res.text();
      const unfolded = unfoldIcs(text);
      expect(unfolded).to.include('METHOD:PUBLISH');
      expect(unfolded).to.include('TZID:Europe/Berlin');
      expect(unfolded).to.include('TZID:Europe/London');
      expect(unfolded).to.include('X-WR-CALNAME:Video-Termine – Anna Amt');
      expect(unfolded).to.include('REFRESH-INTERVAL;VALUE=DURATION:PT15M');

      const byUid = new Map(events(text).map((e) => [e.uid, e]));
      const uid = (name: string) => `${appt[name].id}@localhost`;
      expect([...byUid.keys()].sort()).to.deep.equal(['soon', 'london', 'past', 'cancelled', 'hook'].map(uid).sort());

      const soon = byUid.get(uid('soon'))!;
      expect(soon.start.toISOString()).to.equal(new Date(appt.soon.start).toISOString());
      expect(soon.end.toISOString()).to.equal(new Date(appt.soon.end).toISOString());
      expect((soon.start as Date & { tz?: string }).tz).to.equal('Europe/Berlin');
      expect(soon.summary).to.equal('Video-Termin: Termin soon');
      expect(String(soon.sequence)).to.equal('0');
      expect(soon.status).to.equal('CONFIRMED');
      const clerkLink = val(soon.url);
      const claims = tokenClaims(clerkLink);
      expect(claims).to.include({ role: 'clerk', room: appt.soon.roomId, jti: tokenClaims(appt.soon.links.clerk).jti });
      expect(val((soon as any).conference)).to.equal(clerkLink);
      expect(soon.location).to.equal(clerkLink);
      expect(soon.description).to.include(clerkLink);
      expect(soon.description).to.include('Erika Mustermann');
      expect(soon.description).to.include('Anmeldung');
      expect(soon.description).to.not.include('erika@example.org');
      expect(unfolded).to.not.include(appt.soon.links.citizen.split('#')[1]);
      expect(unfolded).to.not.include(tokenClaims(appt.soon.links.citizen).jti);

      const london = byUid.get(uid('london'))!;
      expect((london.start as Date & { tz?: string }).tz).to.equal('Europe/London');
      expect(london.start.toISOString()).to.equal(new Date(appt.london.start).toISOString());

      const cancelled = byUid.get(uid('cancelled'))!;
      expect(cancelled.status).to.equal('CANCELLED');
      expect(String(cancelled.sequence)).to.equal('1');
      expect(cancelled.url).to.equal(undefined);
      expect((cancelled as any).conference).to.equal(undefined);

      const hook = byUid.get(uid('hook'))!;
      expect(tokenClaims(val(hook.url)).jti).to.equal(tokenClaims(appt.hook.links.clerk).jti);
    });

    it('answers 304 to If-None-Match until something changes, then the new state', async () => {
      const first = await fetch(local(feedUrl));
      const etag = first.headers.get('etag')!;
      expect(etag).to.match(/^W\/"/);
      await first.text();
      const again = await fetch(local(feedUrl), { headers: { 'if-none-match': etag } });
      expect(again.status).to.equal(304);
      const reissued = await api(c.baseUrl, `/api/appointments/${appt.soon.id}/links`, { method: 'POST' });
      expect(reissued.status).to.equal(200);
      const changed = await fetch(local(feedUrl), { headers: { 'if-none-match': etag } });
      expect(changed.status).to.equal(200);
      expect(changed.headers.get('etag')).to.not.equal(etag);
      const soon = events(await changed.text()).find((e) => e.uid === `${appt.soon.id}@localhost`)!;
      expect(String(soon.sequence)).to.equal('1');
      expect(tokenClaims(val(soon.url)).jti).to.equal(tokenClaims(reissued.body.links.clerk).jti);
    });

    it('rotates: a new link works, the old one answers 404; deleting the link ends the feed', async () => {
      const rotated = await api(c.baseUrl, '/api/clerks/anna/calendar-link', { method: 'POST' });
      expect(rotated.status).to.equal(201);
      expect(rotated.body.url).to.not.equal(feedUrl);
      expect((await fetch(local(feedUrl))).status).to.equal(404);
      expect((await fetch(local(rotated.body.url))).status).to.equal(200);
      expect(await probe.count('clerk_calendar_links')).to.equal(1);
      expect((await api(c.baseUrl, '/api/clerks/anna/calendar-link', { method: 'DELETE' })).status).to.equal(204);
      expect((await fetch(local(rotated.body.url))).status).to.equal(404);
      expect((await api(c.baseUrl, '/api/clerks/anna/calendar-link', { method: 'DELETE' })).status).to.equal(404);
      feedUrl = (await api(c.baseUrl, '/api/clerks/anna/calendar-link', { method: 'POST' })).body.url;
    });

    it('answers 404 for unknown or malformed secrets and 401 without an API key', async () => {
      expect((await fetch(`${c.baseUrl}/calendar/clerks/${'A'.repeat(43)}.ics`)).status).to.equal(404);
      expect((await fetch(`${c.baseUrl}/calendar/clerks/short.ics`)).status).to.equal(404);
      expect((await api(c.baseUrl, '/api/clerks/anna/calendar-link', { method: 'POST', auth: null })).status).to.equal(
        401,
      );
      const tooLong = await api(c.baseUrl, `/api/clerks/${'x'.repeat(129)}/calendar-link`, { method: 'POST' });
      expect(tooLong.status).to.equal(422);
      expect(tooLong.body.issues[0].path).to.equal('clerkId');
    });

    it('gives a clerk with no appointments an empty, valid calendar', async () => {
      const res = await api(c.baseUrl, `/api/clerks/${encodeURIComponent('new clerk')}/calendar-link`, {
        method: 'POST',
      });
      const text = await (await fetch(local(res.body.url))).text();
      expect(text).to.include('BEGIN:VCALENDAR');
      expect(events(text)).to.have.length(0);
    });
  });
}
