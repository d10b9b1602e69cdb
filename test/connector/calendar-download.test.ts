import { expect } from 'chai';
import ical, { type VEvent } from 'node-ical';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { API_ENV, api, makeApiAppointment } from './rest-support.ts';
import { startConnector, type StartedConnector } from './support.ts';

function onlyEvent(text: string): Record<string, any> {
  const events = Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c.type === 'VEVENT');
  expect(events).to.have.length(1);
  return events[0] as unknown as Record<string, any>;
}

for (const { kind, create } of DATABASES) {
  describe(`per-appointment .ics download (${kind})`, function () {
    this.timeout(30_000);
    let db: TestDatabase;
    let c: StartedConnector;
    const local = (link: string) => link.replace(/^http:\/\/localhost:\d+/, c.baseUrl);

    before(async () => {
      db = await create();
      c = await startConnector({ databaseUrl: db.url, env: API_ENV });
    });
    after(async () => {
      await c?.close();
      await db?.drop();
    });

    it('is a complete PUBLISH entry in the citizen’s language: link, documents, reminder, zone', async () => {
      const created = await api(c.baseUrl, '/api/appointments', {
        body: makeApiAppointment(
          {
            citizen: { name: 'Jane Doe', email: 'jane@example.org', locale: 'en' },
            services: ['meldebescheinigung'],
            timezone: 'America/New_York',
          },
          '2031-05-05T14:00:00Z',
        ),
      });
      const res = await fetch(local(created.body.links.ics));
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('text/calendar; charset=utf-8; method=PUBLISH');
      expect(res.headers.get('content-disposition')).to.equal('attachment; filename="appointment.ics"');
      const text = await res.text();
      expect(text).to.include('METHOD:PUBLISH');
      expect(text).to.include('TZID:America/New_York');
      const event = onlyEvent(text);
      expect(event.uid).to.equal(`${created.body.id}@localhost`);
      expect(event.start.toISOString()).to.equal('2031-05-05T14:00:00.000Z');
      expect((event.start as Date & { tz?: string }).tz).to.equal('America/New_York');
      expect(event.url.val).to.match(/\/join#ey/);
      expect(event.conference.val).to.equal(event.url.val);
      expect(event.description).to.include('Certificate of registration');
      expect(event.description).to.include('Technical notes');
      expect(event.alarms[0]).to.include({ action: 'DISPLAY', trigger: '-PT30M' });
      expect(event.organizer).to.equal(undefined);
      expect(event.attendee).to.equal(undefined);
    });

    it('shows STATUS:CANCELLED, a raised SEQUENCE and no link or reminder once cancelled', async () => {
      const created = await api(c.baseUrl, '/api/appointments', { body: makeApiAppointment() });
      await api(c.baseUrl, `/api/appointments/${created.body.id}/cancel`, { method: 'POST' });
      const res = await fetch(local(created.body.links.ics));
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-disposition')).to.equal('attachment; filename="termin.ics"');
      const event = onlyEvent(await res.text());
      expect(event.status).to.equal('CANCELLED');
      expect(String(event.sequence)).to.equal('1');
      expect(event.url).to.equal(undefined);
      expect(event.conference).to.equal(undefined);
      expect(event.alarms ?? []).to.have.length(0);
    });
  });
}
