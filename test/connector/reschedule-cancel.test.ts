import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { unfoldIcs } from './mime.ts';
import {
  makeGenericPayload,
  openDatabaseProbe,
  postGenericWebhook,
  startConnector,
  waitForMail,
  type DatabaseProbe,
  type StartedConnector,
} from './support.ts';

const claimsOf = (link: string) =>
  jwt.decode(link.slice(link.indexOf('#') + 1)) as jwt.JwtPayload & Record<string, any>;
const hours = (n: number) => n * 3600_000;

for (const { kind, create } of DATABASES) {
  describe(`reschedule and cancel via the generic webhook (${kind})`, function () {
    this.timeout(30_000);
    let db: TestDatabase;
    let c: StartedConnector;
    let probe: DatabaseProbe;

    before(async () => {
      db = await create();
      c = await startConnector({ databaseUrl: db.url });
      probe = await openDatabaseProbe(db.url);
    });
    after(async () => {
      await probe?.close();
      await c?.close();
      await db?.drop();
    });

    it('moves the appointment: new times, new links, sequence + 1, old token ids superseded, mail with the new link', async () => {
      const created = makeGenericPayload();
      const first = await postGenericWebhook(c.baseUrl, c.webhookSecret, created);
      expect(first.status).to.equal(200);
      const oldClaims = claimsOf(first.body.links.citizen);

      const newStart = new Date(Date.parse(created.appointment.start) + hours(24));
      const newEnd = new Date(newStart.getTime() + 45 * 60_000);
      const moved = await postGenericWebhook(c.baseUrl, c.webhookSecret, {
        type: 'appointment.rescheduled',
        appointment: { ...created.appointment, start: newStart.toISOString(), end: newEnd.toISOString() },
      });
      expect(moved.status).to.equal(200);
      expect(moved.body.appointmentId).to.equal(first.body.appointmentId);
      expect(moved.body.roomId).to.equal(first.body.roomId);
      for (const k of ['citizen', 'clerk', 'cancel', 'ics'] as const)
        expect(moved.body.links[k]).to.not.equal(first.body.links[k]);

      const newClaims = claimsOf(moved.body.links.citizen);
      expect(newClaims.jti).to.not.equal(oldClaims.jti);
      expect(newClaims.nbf).to.equal(newStart.getTime() / 1000 - 15 * 60);
      expect(newClaims.appt.start).to.equal(newStart.toISOString());

      const [row] = await probe.rows('appointments', { id: first.body.appointmentId });
      expect(Number(row!.sequence)).to.equal(1);
      expect(row!.status).to.equal('scheduled');
      expect(new Date(row!.start_at as string).getTime()).to.equal(newStart.getTime());
      expect(new Date(row!.end_at as string).getTime()).to.equal(newEnd.getTime());
      expect(row!.citizen_jti).to.equal(newClaims.jti);

      const revoked = await probe.rows('link_revocations', { appointment_id: first.body.appointmentId });
      expect(revoked.map((r) => r.kind).sort()).to.deep.equal(['cancel', 'citizen', 'clerk']);
      expect(revoked.find((r) => r.kind === 'citizen')!.jti).to.equal(oldClaims.jti);

      const mail = await waitForMail(c.baseUrl, (m) => m.text.includes(moved.body.links.citizen));
      expect(mail.subject).to.match(/verschoben/);
      expect(mail.attachments[0]!.contentType).to.include('method=REQUEST');
      const icsRes = await fetch(`${c.baseUrl}/dev/mailbox/${mail.id}/attachments/0`);
      expect(unfoldIcs(await icsRes.text())).to.include('SEQUENCE:1');
    });

    it('cancels: status cancelled, join links revoked, cancellation mail with METHOD:CANCEL', async () => {
      const created = makeGenericPayload();
      const first = await postGenericWebhook(c.baseUrl, c.webhookSecret, created);
      const cancelled = await postGenericWebhook(c.baseUrl, c.webhookSecret, {
        type: 'appointment.cancelled',
        appointment: { id: created.appointment.id },
      });
      expect(cancelled.status).to.equal(200);
      expect(cancelled.body).to.deep.equal({
        appointmentId: first.body.appointmentId,
        roomId: first.body.roomId,
        status: 'cancelled',
      });

      const [row] = await probe.rows('appointments', { id: first.body.appointmentId });
      expect(row!.status).to.equal('cancelled');
      expect(Number(row!.sequence)).to.equal(1);
      const revoked = await probe.rows('link_revocations', { appointment_id: first.body.appointmentId });
      expect(revoked.map((r) => r.kind).sort()).to.deep.equal(['citizen', 'clerk']);

      const mail = await waitForMail(
        c.baseUrl,
        (m) => m.subject.includes('abgesagt') && m.to[0] === 'erika@example.org' && !m.text.includes('join#'),
      );
      expect(mail.attachments[0]!.contentType).to.include('method=CANCEL');
      const ics = unfoldIcs(await (await fetch(`${c.baseUrl}/dev/mailbox/${mail.id}/attachments/0`)).text());
      expect(ics).to.include('METHOD:CANCEL');
      expect(ics).to.include('STATUS:CANCELLED');
      expect(ics).to.include(`UID:${first.body.appointmentId}@`);

      const again = await postGenericWebhook(c.baseUrl, c.webhookSecret, {
        type: 'appointment.cancelled',
        appointment: { id: created.appointment.id },
      });
      expect(again.status).to.equal(200);
      expect(await probe.count('mail_outbox', { appointment_id: first.body.appointmentId })).to.equal(2);
    });

    it('refuses to reschedule a cancelled appointment (409) and to cancel an unknown one (404)', async () => {
      const created = makeGenericPayload();
      await postGenericWebhook(c.baseUrl, c.webhookSecret, created);
      await postGenericWebhook(c.baseUrl, c.webhookSecret, {
        type: 'appointment.cancelled',
        appointment: { id: created.appointment.id },
      });
      const moved = await postGenericWebhook(c.baseUrl, c.webhookSecret, {
        ...created,
        type: 'appointment.rescheduled',
      });
      expect(moved.status).to.equal(409);
      const unknown = await postGenericWebhook(c.baseUrl, c.webhookSecret, {
        type: 'appointment.cancelled',
        appointment: { id: 'never-seen' },
      });
      expect(unknown.status).to.equal(404);
    });

    it('creates the appointment when a reschedule arrives for a booking it never saw', async () => {
      const payload = { ...makeGenericPayload(), type: 'appointment.rescheduled' as const };
      const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
      expect(res.status).to.equal(200);
      expect(await probe.count('appointments', { external_id: payload.appointment.id })).to.equal(1);
    });
  });
}
