/**
 * Cal.com sends BOOKING_CREATED again for a booking the connector already holds (a new `createdAt`, the
 * same `uid`): the connector converges to the payload and answers 2xx with the same links — never a second
 * appointment or a second mail; other times are a reschedule. Mail over a real SMTP server, both databases.
 */
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { calBody, calBooking, inMinutes, postCalcom } from './calcom-payloads.ts';
import { startSmtpServer, type CapturingSmtpServer } from './mail-smtp-server.ts';
import { parseMail, unfoldIcs } from './mime.ts';
import { openDatabaseProbe, startConnector, type DatabaseProbe, type StartedConnector } from './support.ts';

const SECRET = 'calcom-test-secret-0123456789abcdef';
const later = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/** What a link opens with: the token id of a full-token link, else the link id in the fragment. */
function credentialOf(link: string): string {
  const fragment = link.slice(link.indexOf('#') + 1);
  const claims = jwt.decode(fragment) as { jti?: string } | null;
  return claims?.jti ?? fragment;
}

for (const { kind, create } of DATABASES) {
  describe(`Cal.com BOOKING_CREATED for a booking already held (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let smtp: CapturingSmtpServer;
    let c: StartedConnector;
    let probe: DatabaseProbe;
    let n = 0;
    const address = () => `twice-${kind}-${++n}-${Date.now()}@example.org`;
    const mailsTo = (to: string) => smtp.received.filter((m) => m.to.includes(to));
    const subjects = (to: string) => mailsTo(to).map((m) => parseMail(m.raw).headers.subject ?? '');

    before(async () => {
      db = await create();
      smtp = await startSmtpServer();
      c = await startConnector({
        databaseUrl: db.url,
        webhookSecret: null,
        env: { JOIN_LINKS: 'short', CALCOM_WEBHOOK_SECRET: SECRET, SMTP_URL: `smtp://127.0.0.1:${smtp.port}` },
      });
      probe = await openDatabaseProbe(db.url);
    });
    after(async () => {
      await probe?.close();
      await c?.close();
      await smtp?.close();
      await db?.drop();
    });

    /** Cancels the booking and waits for that mail: every mail queued before it has been sent by then. */
    async function drain(uid: string, payload: Record<string, unknown>, to: string): Promise<void> {
      const res = await postCalcom(
        c.baseUrl,
        SECRET,
        calBody('BOOKING_CANCELLED', { ...payload, uid, status: 'CANCELLED' }, later(30)),
      );
      expect(res.status).to.equal(200);
      await smtp.waitFor(() =>
        mailsTo(to).some((m) => /^Abgesagt|abgesagt/.test(parseMail(m.raw).headers.subject ?? '')),
      );
    }

    it('the same booking again with a new createdAt answers 200 with the same appointment and links, and mails once', async () => {
      const to = address();
      const booking = calBooking({ attendee: { email: to } });
      const first = await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_CREATED', booking, later(0)));
      expect(first.status).to.equal(200);
      await smtp.waitFor(() => mailsTo(to).length === 1);

      const again = await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_CREATED', booking, later(5)));
      expect(again.status).to.equal(200);
      expect(again.body.appointmentId).to.equal(first.body.appointmentId);
      expect(again.body.roomId).to.equal(first.body.roomId);
      expect(again.body.status).to.equal('scheduled');
      for (const k of ['citizen', 'clerk', 'cancel'])
        expect(credentialOf(again.body.links[k]), k).to.equal(credentialOf(first.body.links[k]));
      expect(again.body.links.ics).to.equal(first.body.links.ics);

      expect(await probe.count('appointments', { source: 'calcom', external_id: booking.uid })).to.equal(1);
      expect(await probe.count('link_revocations', { appointment_id: first.body.appointmentId })).to.equal(0);
      const [row] = await probe.rows('appointments', { id: first.body.appointmentId });
      expect(Number(row!.sequence)).to.equal(0);

      await drain(booking.uid, booking, to);
      expect(mailsTo(to)).to.have.length(2); // the confirmation and the cancellation, nothing in between
    });

    it('the same booking again with other details takes them over without new links or mail', async () => {
      const to = address();
      const booking = calBooking({ attendee: { email: to } });
      const first = await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_CREATED', booking, later(0)));
      const renamed = {
        ...booking,
        additionalNotes: 'Mit Dolmetscherin',
        eventTitle: 'Anmeldung (Video, Dolmetscherin)',
      };
      const again = await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_CREATED', renamed, later(5)));
      expect(again.status).to.equal(200);
      expect(credentialOf(again.body.links.citizen)).to.equal(credentialOf(first.body.links.citizen));
      const [row] = await probe.rows('appointments', { id: first.body.appointmentId });
      expect(row!.notes).to.equal('Mit Dolmetscherin');
      expect(row!.title).to.equal('Anmeldung (Video, Dolmetscherin)');
      await drain(booking.uid, booking, to);
      expect(mailsTo(to)).to.have.length(2);
    });

    it('the same booking again at another time is a reschedule: new links, old ones revoked, SEQUENCE 1, a "moved" mail', async () => {
      const to = address();
      const booking = calBooking({ attendee: { email: to } });
      const first = await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_CREATED', booking, later(0)));
      await smtp.waitFor(() => mailsTo(to).length === 1);

      const start = inMinutes(3 * 60);
      const moved = {
        ...booking,
        startTime: start.toISOString(),
        endTime: new Date(start.getTime() + 30 * 60_000).toISOString(),
      };
      const again = await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_CREATED', moved, later(5)));
      expect(again.status).to.equal(200);
      expect(again.body.appointmentId).to.equal(first.body.appointmentId);
      for (const k of ['citizen', 'clerk', 'cancel', 'ics'])
        expect(again.body.links[k], k).to.not.equal(first.body.links[k]);

      const revoked = await probe.rows('link_revocations', { appointment_id: first.body.appointmentId });
      expect(revoked.map((r) => r.kind).sort()).to.deep.equal(['cancel', 'citizen', 'clerk']);
      expect(revoked.every((r) => r.reason === 'rescheduled')).to.equal(true);
      const [row] = await probe.rows('appointments', { id: first.body.appointmentId });
      expect(Number(row!.sequence)).to.equal(1);
      expect(new Date(row!.start_at as string).getTime()).to.equal(start.getTime());

      const mail = await smtp.waitFor(() => mailsTo(to).length === 2).then(() => parseMail(mailsTo(to)[1]!.raw));
      expect(mail.headers.subject).to.match(/verschoben/);
      const calendar = mail.leaves.find((l) => l.contentType.startsWith('text/calendar'))!;
      expect(unfoldIcs(calendar.body)).to.match(/^SEQUENCE:1\r?$/m);
      const text = mail.leaves.find((l) => l.contentType.startsWith('text/plain'))!.body;
      expect(text).to.include(again.body.links.citizen);
    });

    it('two BOOKING_CREATED of a new booking at once (same body, and a new createdAt) make one appointment and one mail', async () => {
      const to = address();
      const booking = calBooking({ attendee: { email: to } });
      const body = calBody('BOOKING_CREATED', booking, later(0));
      const answers = await Promise.all([
        postCalcom(c.baseUrl, SECRET, body),
        postCalcom(c.baseUrl, SECRET, body),
        postCalcom(c.baseUrl, SECRET, calBody('BOOKING_CREATED', booking, later(1))),
        postCalcom(c.baseUrl, SECRET, calBody('BOOKING_CREATED', booking, later(2))),
      ]);
      for (const a of answers) expect(a.status, JSON.stringify(a.body)).to.equal(200);
      expect(new Set(answers.map((a) => a.body.appointmentId)).size).to.equal(1);
      expect(new Set(answers.map((a) => credentialOf(a.body.links.citizen))).size).to.equal(1);
      expect(await probe.count('appointments', { source: 'calcom', external_id: booking.uid })).to.equal(1);
      expect(await probe.count('mail_outbox', { appointment_id: answers[0]!.body.appointmentId })).to.equal(1);
      await drain(booking.uid, booking, to);
      expect(subjects(to)).to.have.length(2);
    });
  });
}
