import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import ical, { type VEvent } from 'node-ical';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { startSmtpServer, type CapturingSmtpServer, type ReceivedMail } from './mail-smtp-server.ts';
import { parseMail, unfoldIcs, type MimeLeaf } from './mime.ts';
import { API_ENV, api } from './rest-support.ts';
import { makeGenericPayload, postGenericWebhook, startConnector, type StartedConnector } from './support.ts';

const catalogue = JSON.parse(
  readFileSync(new URL('../../connector/catalogue/services.json', import.meta.url), 'utf8'),
) as {
  services: Array<{ code: string; name: { de: string; en: string }; documents: { de: string[]; en: string[] } }>;
};
const service = (code: string) => catalogue.services.find((s) => s.code === code)!;

interface Invitation {
  mail: ReturnType<typeof parseMail>;
  text: string;
  html: string;
  calendarPart: MimeLeaf;
  calendarText: string;
  method: string;
  event: VEvent;
}

/** Splits a received mail into its parts and parses the attached calendar with node-ical. */
function readInvitation(received: ReceivedMail): Invitation {
  const mail = parseMail(received.raw);
  const part = (type: string) => mail.leaves.find((l) => l.contentType.toLowerCase().startsWith(type));
  const calendarPart = part('text/calendar')!;
  const parsed = ical.sync.parseICS(calendarPart.body);
  const events = Object.values(parsed).filter((c): c is VEvent => c.type === 'VEVENT');
  expect(events).to.have.length(1);
  return {
    mail,
    text: part('text/plain')!.body,
    html: part('text/html')!.body,
    calendarPart,
    calendarText: unfoldIcs(calendarPart.body),
    method: String((parsed.vcalendar as { method?: string }).method),
    event: events[0]!,
  };
}

const val = (v: unknown): string =>
  typeof v === 'object' && v !== null && 'val' in v ? String((v as { val: unknown }).val) : String(v);
const tz = (d: Date) => (d as Date & { tz?: string }).tz;

for (const { kind, create } of DATABASES) {
  describe(`citizen mail and .ics invitation over real SMTP (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let smtp: CapturingSmtpServer;
    let c: StartedConnector;
    const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
    const nthMailTo = async (address: string, n: number) => {
      await smtp.waitFor(() => mailsTo(address).length >= n);
      return mailsTo(address)[n - 1]!;
    };

    before(async () => {
      db = await create();
      smtp = await startSmtpServer();
      c = await startConnector({
        databaseUrl: db.url,
        env: {
          ...API_ENV,
          SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
          MAIL_FROM: '"Bürgeramt Teststadt" <buergeramt@example.org>',
        },
      });
    });
    after(async () => {
      await c?.close();
      await smtp?.close();
      await db?.drop();
    });

    it('German: complete confirmation, then SEQUENCE 0 → 1 → 2 over create, reschedule, cancel', async () => {
      const email = `de-${kind}@example.org`;
      const payload = makeGenericPayload({
        appointment: {
          start: '2031-03-03T09:00:00+01:00',
          end: '2031-03-03T09:30:00+01:00',
          services: ['anmeldung', 'fuehrungszeugnis'],
          citizen: { name: 'Erika Mustermann', email, locale: 'de-DE' },
        },
      });
      const created = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
      expect(created.status).to.equal(200);
      const uid = `${created.body.appointmentId}@localhost`;

      const first = readInvitation(await nthMailTo(email, 1));
      expect(first.mail.headers.subject).to.match(/Video-Termin/);
      // Text part: join link, documents per service from the catalogue, technical hints, cancel link.
      expect(first.text).to.include('Guten Tag Erika Mustermann');
      expect(first.text).to.include(created.body.links.citizen);
      expect(first.text).to.include(created.body.links.cancel);
      for (const doc of [...service('anmeldung').documents.de, ...service('fuehrungszeugnis').documents.de])
        expect(first.text).to.include(doc);
      expect(first.text).to.include(service('fuehrungszeugnis').name.de);
      expect(first.text).to.include('Technische Hinweise');
      expect(first.text).to.include('Kamera und Mikrofon');
      expect(first.text).to.include('Montag, 3. März 2031');
      // HTML part: the same content, links clickable.
      expect(first.html).to.include('<html lang="de" dir="ltr">');
      expect(first.html).to.include(`href="${created.body.links.citizen}"`);
      expect(first.html).to.include(`href="${created.body.links.cancel}"`);
      expect(first.html).to.include('Wohnungsgeberbestätigung des Vermieters');
      // The calendar part: MIME method matches the file's METHOD.
      expect(first.calendarPart.filename).to.equal('termin.ics');
      expect(first.calendarPart.contentType).to.match(/^text\/calendar;.*method=REQUEST/i);
      expect(first.method).to.equal('REQUEST');
      expect(first.event.uid).to.equal(uid);
      expect(String(first.event.sequence)).to.equal('0');
      expect(first.event.start.toISOString()).to.equal('2031-03-03T08:00:00.000Z');
      expect(first.event.end.toISOString()).to.equal('2031-03-03T08:30:00.000Z');
      expect(tz(first.event.start)).to.equal('Europe/Berlin');
      expect(first.calendarText).to.include('DTSTART;TZID=Europe/Berlin:20310303T090000');
      expect(first.calendarText).to.include('BEGIN:VTIMEZONE');
      expect(first.event.status).to.equal('CONFIRMED');
      expect(val(first.event.organizer)).to.equal('mailto:buergeramt@example.org');
      expect(val(first.event.attendee).toLowerCase()).to.equal(`mailto:${email}`);
      expect(val(first.event.url)).to.equal(created.body.links.citizen);
      expect(val((first.event as any).conference)).to.equal(created.body.links.citizen);
      expect((first.event as any).conference.params.FEATURE).to.equal('VIDEO');
      const alarms = (first.event as any).alarms as Array<{ action: string; trigger: string; description: string }>;
      expect(alarms).to.have.length(1);
      expect(alarms[0]).to.include({ action: 'DISPLAY', trigger: '-PT30M' });
      expect(alarms[0]!.description).to.match(/beginnt in 30 Minuten/);
      expect(first.event.description).to.include(created.body.links.citizen);
      expect(first.event.description).to.include('Personalausweis oder Reisepass');
      expect(first.event.description).to.include(created.body.links.cancel);

      const moved = await postGenericWebhook(c.baseUrl, c.webhookSecret, {
        ...payload,
        type: 'appointment.rescheduled',
        appointment: { ...payload.appointment, start: '2031-07-01T14:00:00+02:00', end: '2031-07-01T14:45:00+02:00' },
      });
      expect(moved.status).to.equal(200);
      const second = readInvitation(await nthMailTo(email, 2));
      expect(second.mail.headers.subject).to.match(/verschoben/);
      expect(second.text).to.include(moved.body.links.citizen);
      expect(second.text).to.not.include(created.body.links.citizen);
      expect(second.method).to.equal('REQUEST');
      expect(second.calendarPart.contentType).to.match(/method=REQUEST/i);
      expect(second.event.uid).to.equal(uid);
      expect(String(second.event.sequence)).to.equal('1');
      expect(second.event.start.toISOString()).to.equal('2031-07-01T12:00:00.000Z');
      expect(second.calendarText).to.include('DTSTART;TZID=Europe/Berlin:20310701T140000');
      expect(second.calendarText).to.include('DTEND;TZID=Europe/Berlin:20310701T144500');
      expect(val(second.event.url)).to.equal(moved.body.links.citizen);

      const cancelled = await api(c.baseUrl, `/api/appointments/${created.body.appointmentId}/cancel`, {
        method: 'POST',
      });
      expect(cancelled.status).to.equal(200);
      const third = readInvitation(await nthMailTo(email, 3));
      expect(third.mail.headers.subject).to.match(/abgesagt/);
      expect(third.text).to.not.include(moved.body.links.citizen);
      expect(third.method).to.equal('CANCEL');
      expect(third.calendarPart.contentType).to.match(/method=CANCEL/i);
      expect(third.calendarPart.contentType).to.not.match(/method=REQUEST/i);
      expect(third.event.uid).to.equal(uid);
      expect(String(third.event.sequence)).to.equal('2');
      expect(third.event.status).to.equal('CANCELLED');
      expect(third.event.start.toISOString()).to.equal('2031-07-01T12:00:00.000Z');
      expect(val(third.event.attendee).toLowerCase()).to.equal(`mailto:${email}`);
      expect(third.event.url).to.equal(undefined);
      expect((third.event as any).alarms ?? []).to.have.length(0);
    });

    it('English: English texts and documents, appointment.ics, times in the appointment’s own zone', async () => {
      const email = `en-${kind}@example.org`;
      const res = await api(c.baseUrl, '/api/appointments', {
        body: {
          id: `en-${kind}`,
          title: 'Certificate of good conduct',
          start: '2031-01-15T10:00:00Z',
          end: '2031-01-15T10:20:00Z',
          timezone: 'Europe/London',
          services: ['fuehrungszeugnis', 'unknown-service'],
          citizen: { name: 'Jane Doe', email, locale: 'en-GB' },
        },
      });
      expect(res.status).to.equal(201);
      const inv = readInvitation(await nthMailTo(email, 1));
      expect(inv.mail.headers.subject).to.match(/^Your video appointment on /);
      expect(inv.text).to.include('Dear Jane Doe');
      expect(inv.text).to.include('Wednesday, 15 January 2031');
      expect(inv.text).to.include(service('fuehrungszeugnis').name.en);
      for (const doc of service('fuehrungszeugnis').documents.en) expect(inv.text).to.include(doc);
      expect(inv.text).to.include('unknown-service');
      expect(inv.text).to.include('Technical notes');
      expect(inv.text).to.include(res.body.links.cancel);
      expect(inv.html).to.include('<html lang="en" dir="ltr">');
      expect(inv.calendarPart.filename).to.equal('appointment.ics');
      expect(inv.method).to.equal('REQUEST');
      expect(inv.event.uid).to.equal(`${res.body.id}@localhost`);
      expect(String(inv.event.sequence)).to.equal('0');
      expect(tz(inv.event.start)).to.equal('Europe/London');
      expect(inv.event.start.toISOString()).to.equal('2031-01-15T10:00:00.000Z');
      expect(inv.calendarText).to.include('DTSTART;TZID=Europe/London:20310115T100000');
      expect(inv.calendarText).to.include('TZID:Europe/London');
      expect(((inv.event as any).alarms as Array<{ description: string }>)[0]!.description).to.match(
        /starts in 30 minutes/,
      );
      expect(inv.event.description).to.include('Your concerns and what to have ready');

      // New links: SEQUENCE 1, same UID, the new link, English wording.
      const reissued = await api(c.baseUrl, `/api/appointments/${res.body.id}/links`, { method: 'POST' });
      const second = readInvitation(await nthMailTo(email, 2));
      expect(second.mail.headers.subject).to.match(/^New link for your video appointment/);
      expect(second.text).to.include(reissued.body.links.citizen);
      expect(second.method).to.equal('REQUEST');
      expect(String(second.event.sequence)).to.equal('1');
      expect(val(second.event.url)).to.equal(reissued.body.links.citizen);

      // The citizen cancels on the cancel page: METHOD:CANCEL, SEQUENCE 2, in English.
      const token = reissued.body.links.cancel.slice(reissued.body.links.cancel.indexOf('#') + 1);
      const cancel = await fetch(`${c.baseUrl}/api/cancel`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      expect(cancel.status).to.equal(200);
      const third = readInvitation(await nthMailTo(email, 3));
      expect(third.mail.headers.subject).to.match(/has been cancelled$/);
      expect(third.method).to.equal('CANCEL');
      expect(third.calendarPart.contentType).to.match(/method=CANCEL/i);
      expect(String(third.event.sequence)).to.equal('2');
      expect(third.event.status).to.equal('CANCELLED');
    });
  });
}
