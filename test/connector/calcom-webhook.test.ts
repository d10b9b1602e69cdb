import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { calBody, calBooking, calSignature, calUid, inMinutes, postCalcom } from './calcom-payloads.ts';
import {
  openDatabaseProbe,
  startConnector,
  waitForMail,
  type DatabaseProbe,
  type StartedConnector,
} from './support.ts';

const SECRET = 'calcom-test-secret-0123456789abcdef';
const claimsOf = (link: string) =>
  jwt.decode(link.slice(link.indexOf('#') + 1)) as jwt.JwtPayload & Record<string, any>;
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as any;

for (const { kind, create } of DATABASES) {
  describe(`Cal.com webhook (${kind})`, function () {
    this.timeout(30_000);
    let db: TestDatabase;
    let c: StartedConnector;
    let probe: DatabaseProbe;

    before(async () => {
      db = await create();
      c = await startConnector({
        databaseUrl: db.url,
        webhookSecret: null,
        env: {
          CALCOM_WEBHOOK_SECRET: SECRET,
          CALCOM_SERVICE_MAP: JSON.stringify({ 1201: ['anmeldung'], 'fuehrungszeugnis-video': ['fuehrungszeugnis'] }),
        },
      });
      probe = await openDatabaseProbe(db.url);
    });
    after(async () => {
      await probe?.close();
      await c?.close();
      await db?.drop();
    });

    const counts = async () => [
      await probe.count('appointments'),
      await probe.count('mail_outbox'),
      await probe.count('inbound_events'),
      await probe.count('link_revocations'),
    ];
    /** Runs `act` and asserts it changed no table. */
    async function expectNoEffect(act: () => Promise<void>): Promise<void> {
      const before = await counts();
      await act();
      expect(await counts()).to.deep.equal(before);
    }

    it('BOOKING_CREATED creates the appointment: attendee as citizen, organizer as clerk, mapped services, links answered', async () => {
      const payload = calBooking();
      const res = await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_CREATED', payload));
      expect(res.status).to.equal(200);
      expect(res.body.roomId).to.equal(`appt-${res.body.appointmentId}`);
      expect(res.body.status).to.equal('scheduled');
      expect(Object.keys(res.body.links).sort()).to.deep.equal(['cancel', 'citizen', 'clerk', 'ics']);

      const [row] = await probe.rows('appointments', { source: 'calcom', external_id: payload.uid });
      expect(row!.id).to.equal(res.body.appointmentId);
      expect(row!.title).to.equal('Anmeldung (Video)');
      expect(row!.timezone).to.equal('Europe/Berlin');
      expect(new Date(row!.start_at as string).toISOString()).to.equal(new Date(payload.startTime).toISOString());
      expect(json(row!.services)).to.deep.equal(['anmeldung']);
      expect(json(row!.citizen)).to.deep.equal({
        name: 'Erika Mustermann',
        email: 'erika@example.org',
        phone: '+49 30 1234567',
        locale: 'de',
      });
      expect(json(row!.clerk)).to.deep.include({ id: '7', name: 'Max Schulz', email: 'schulz@buergeramt.example.org' });

      const clerk = claimsOf(res.body.links.clerk);
      expect(clerk.role).to.equal('clerk');
      expect(clerk.name).to.equal('Max Schulz');
      const mail = await waitForMail(c.baseUrl, (m) => m.text.includes(res.body.links.citizen));
      expect(mail.to).to.deep.equal(['erika@example.org']);
    });

    it('maps services by event type slug when the id is not in CALCOM_SERVICE_MAP, and none when neither is', async () => {
      const bySlug = calBooking({ eventTypeId: 999, slug: 'fuehrungszeugnis-video' });
      const unmapped = calBooking({ eventTypeId: 998, slug: 'sonstiges' });
      expect((await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_CREATED', bySlug))).status).to.equal(200);
      expect((await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_CREATED', unmapped))).status).to.equal(200);
      const [a] = await probe.rows('appointments', { external_id: bySlug.uid });
      const [b] = await probe.rows('appointments', { external_id: unmapped.uid });
      expect(json(a!.services)).to.deep.equal(['fuehrungszeugnis']);
      expect(json(b!.services)).to.deep.equal([]);
    });

    it('BOOKING_RESCHEDULED with a new uid moves the same appointment: new links, old ones revoked, one row', async () => {
      const original = calBooking();
      const first = await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_CREATED', original));
      const oldCitizen = claimsOf(first.body.links.citizen);

      const newStart = inMinutes(24 * 60 + 90);
      const moved = {
        ...calBooking({ start: newStart, minutes: 45 }),
        rescheduleUid: original.uid,
        rescheduleId: original.bookingId,
        rescheduleStartTime: original.startTime,
        rescheduleEndTime: original.endTime,
        rescheduledBy: 'erika@example.org',
      };
      const res = await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_RESCHEDULED', moved));
      expect(res.status).to.equal(200);
      expect(res.body.appointmentId).to.equal(first.body.appointmentId);
      expect(res.body.roomId).to.equal(first.body.roomId);
      for (const k of ['citizen', 'clerk', 'cancel', 'ics'])
        expect(res.body.links[k]).to.not.equal(first.body.links[k]);

      expect(await probe.count('appointments', { source: 'calcom', external_id: original.uid })).to.equal(0);
      const [row] = await probe.rows('appointments', { source: 'calcom', external_id: moved.uid });
      expect(row!.id).to.equal(first.body.appointmentId);
      expect(Number(row!.sequence)).to.equal(1);
      expect(new Date(row!.start_at as string).getTime()).to.equal(newStart.getTime());
      expect(new Date(row!.end_at as string).getTime()).to.equal(newStart.getTime() + 45 * 60_000);

      const revoked = await probe.rows('link_revocations', { appointment_id: first.body.appointmentId });
      const citizenRevocation = revoked.find((r) => r.kind === 'citizen')!;
      expect(citizenRevocation.jti).to.equal(oldCitizen.jti);
      expect(citizenRevocation.reason).to.equal('rescheduled');
      expect(claimsOf(res.body.links.citizen).jti).to.equal(row!.citizen_jti);

      const mail = await waitForMail(c.baseUrl, (m) => m.text.includes(res.body.links.citizen));
      expect(mail.subject).to.match(/verschoben/);

      // Should Cal.com still announce the replaced booking as cancelled, the moved appointment stays.
      const stale = await postCalcom(
        c.baseUrl,
        SECRET,
        calBody('BOOKING_CANCELLED', { ...original, status: 'CANCELLED' }),
      );
      expect(stale.body).to.deep.equal({ ignored: true, reason: 'unknown_appointment' });
      expect((await probe.rows('appointments', { id: first.body.appointmentId }))[0]!.status).to.equal('scheduled');
    });

    it('BOOKING_RESCHEDULED for a booking it never saw creates the appointment', async () => {
      const moved = { ...calBooking(), rescheduleUid: calUid() };
      const res = await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_RESCHEDULED', moved));
      expect(res.status).to.equal(200);
      expect(res.body.links.citizen).to.be.a('string');
      expect(await probe.count('appointments', { source: 'calcom', external_id: moved.uid })).to.equal(1);
    });

    it('BOOKING_CANCELLED cancels: status cancelled, join links revoked, cancellation mailed', async () => {
      const booking = calBooking();
      const first = await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_CREATED', booking));
      const res = await postCalcom(
        c.baseUrl,
        SECRET,
        calBody('BOOKING_CANCELLED', {
          ...booking,
          status: 'CANCELLED',
          cancellationReason: 'Termin nicht mehr nötig',
          cancelledBy: 'erika@example.org',
        }),
      );
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({
        appointmentId: first.body.appointmentId,
        roomId: first.body.roomId,
        status: 'cancelled',
      });
      const [row] = await probe.rows('appointments', { id: first.body.appointmentId });
      expect(row!.status).to.equal('cancelled');
      const revoked = await probe.rows('link_revocations', { appointment_id: first.body.appointmentId });
      expect(revoked.map((r) => r.kind).sort()).to.deep.equal(['citizen', 'clerk']);
      await waitForMail(c.baseUrl, (m) => m.subject.includes('abgesagt') && m.to[0] === 'erika@example.org');
    });

    it('a booking replacing one cancelled by "request reschedule" becomes a new appointment', async () => {
      const original = calBooking();
      const first = await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_CREATED', original));
      await postCalcom(
        c.baseUrl,
        SECRET,
        calBody('BOOKING_CANCELLED', { ...original, status: 'CANCELLED', requestReschedule: true }),
      );
      const replacement = { ...calBooking({ start: inMinutes(3 * 24 * 60) }), rescheduleUid: original.uid };
      const res = await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_RESCHEDULED', replacement));
      expect(res.status).to.equal(200);
      expect(res.body.appointmentId).to.not.equal(first.body.appointmentId);
      const [row] = await probe.rows('appointments', { external_id: replacement.uid });
      expect(row!.status).to.equal('scheduled');
    });

    it('BOOKING_REJECTED and BOOKING_CANCELLED of a booking it never saw are answered 200 ignored, nothing changes', async () => {
      await expectNoEffect(async () => {
        for (const trigger of ['BOOKING_REJECTED', 'BOOKING_CANCELLED']) {
          const res = await postCalcom(
            c.baseUrl,
            SECRET,
            calBody(trigger, { ...calBooking(), status: 'REJECTED', rejectionReason: 'kein Termin frei' }),
          );
          expect(res.status).to.equal(200);
          expect(res.body).to.deep.equal({ ignored: true, reason: 'unknown_appointment' });
        }
      });
    });

    it('ignores BOOKING_REQUESTED (awaiting confirmation) and every other trigger event with 200', async () => {
      await expectNoEffect(async () => {
        const requested = await postCalcom(
          c.baseUrl,
          SECRET,
          calBody('BOOKING_REQUESTED', { ...calBooking(), status: 'PENDING' }),
        );
        expect(requested.status).to.equal(200);
        expect(requested.body).to.deep.equal({ ignored: true });
        for (const trigger of ['MEETING_ENDED', 'BOOKING_PAID', 'PING', 'OOO_CREATED']) {
          const res = await postCalcom(c.baseUrl, SECRET, calBody(trigger, { oooEntry: { id: 1 } }));
          expect(res.status, trigger).to.equal(200);
          expect(res.body).to.deep.equal({ ignored: true });
        }
      });
    });

    it('a confirmed request (BOOKING_CREATED after BOOKING_REQUESTED) creates the appointment once', async () => {
      const booking = calBooking();
      await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_REQUESTED', { ...booking, status: 'PENDING' }));
      const res = await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_CREATED', booking));
      expect(res.status).to.equal(200);
      expect(await probe.count('appointments', { external_id: booking.uid })).to.equal(1);
    });

    it('a repeated delivery (same trigger, uid, rescheduleUid, createdAt) gets the same answer and has one effect', async () => {
      const body = calBody('BOOKING_CREATED', calBooking());
      const first = await postCalcom(c.baseUrl, SECRET, body);
      const before = await counts();
      const again = await postCalcom(c.baseUrl, SECRET, body);
      const concurrent = await Promise.all([postCalcom(c.baseUrl, SECRET, body), postCalcom(c.baseUrl, SECRET, body)]);
      expect(again.status).to.equal(200);
      expect(again.body).to.deep.equal(first.body);
      for (const r of concurrent) expect(r.body).to.deep.equal(first.body);
      expect(await counts()).to.deep.equal(before);
      expect(await probe.count('mail_outbox', { appointment_id: first.body.appointmentId })).to.equal(1);
    });

    it('refuses a wrong signature, an unsigned request (no-secret-provided) and a missing header with 401, changing nothing', async () => {
      const body = calBody('BOOKING_CREATED', calBooking());
      await expectNoEffect(async () => {
        const wrong = await postCalcom(c.baseUrl, 'another-secret-of-sufficient-length', body);
        expect(wrong.status).to.equal(401);
        expect(wrong.body.error).to.equal('bad_signature');
        const tampered = await postCalcom(c.baseUrl, SECRET, body.replace('Erika', 'Erika2'), {
          signature: calSignature(SECRET, body),
        });
        expect(tampered.status).to.equal(401);
        const garbage = await postCalcom(c.baseUrl, SECRET, body, { signature: 'sha256=abc' });
        expect(garbage.status).to.equal(401);
        const unsigned = await postCalcom(c.baseUrl, SECRET, body, { signature: 'no-secret-provided' });
        expect(unsigned.status).to.equal(401);
        expect(unsigned.body.error).to.equal('missing_signature');
        expect(unsigned.body.message).to.match(/no-secret-provided/);
        const missing = await postCalcom(c.baseUrl, SECRET, body, { signature: null });
        expect(missing.status).to.equal(401);
        expect(missing.body.error).to.equal('missing_signature');
      });
    });

    it('refuses another content type (415), a body over 1 MB (413), malformed JSON (400), changing nothing', async () => {
      await expectNoEffect(async () => {
        const form = 'triggerEvent=BOOKING_CREATED';
        expect(
          (await postCalcom(c.baseUrl, SECRET, form, { contentType: 'application/x-www-form-urlencoded' })).status,
        ).to.equal(415);
        const big = calBody('BOOKING_CREATED', { ...calBooking(), description: 'x'.repeat(1024 * 1024 + 10) });
        expect((await postCalcom(c.baseUrl, SECRET, big)).status).to.equal(413);
        const broken = '{"triggerEvent": "BOOKING_CREATED", ';
        const malformed = await postCalcom(c.baseUrl, SECRET, broken);
        expect(malformed.status).to.equal(400);
        expect(malformed.body.error).to.equal('malformed_json');
      });
    });

    it('refuses schema violations with 422 naming the fields, changing nothing', async () => {
      await expectNoEffect(async () => {
        const noAttendee = await postCalcom(
          c.baseUrl,
          SECRET,
          calBody('BOOKING_CREATED', { ...calBooking(), attendees: [] }),
        );
        expect(noAttendee.status).to.equal(422);
        expect(noAttendee.body.issues.map((i: any) => i.path)).to.include('payload.attendees');

        const b = calBooking();
        const backwards = await postCalcom(
          c.baseUrl,
          SECRET,
          calBody('BOOKING_CREATED', { ...b, endTime: b.startTime, startTime: b.endTime }),
        );
        expect(backwards.status).to.equal(422);
        expect(backwards.body.issues.map((i: any) => i.path)).to.include('payload.endTime');

        const localTime = await postCalcom(
          c.baseUrl,
          SECRET,
          calBody('BOOKING_CREATED', { ...calBooking(), startTime: '2026-06-02 10:00:00' }),
        );
        expect(localTime.status).to.equal(422);
        expect(localTime.body.issues.map((i: any) => i.path)).to.include('payload.startTime');

        const badMail = calBooking();
        badMail.attendees[0].email = 'not-an-address';
        const res = await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_CREATED', badMail));
        expect(res.status).to.equal(422);
        expect(res.body.issues.map((i: any) => i.path)).to.include('payload.attendees.0.email');

        const noEnvelope = await postCalcom(c.baseUrl, SECRET, JSON.stringify({ uid: 'x' }));
        expect(noEnvelope.status).to.equal(422);
        expect(noEnvelope.body.issues.map((i: any) => i.path)).to.include('triggerEvent');
      });
    });
  });
}

describe('Cal.com webhook without CALCOM_WEBHOOK_SECRET', function () {
  this.timeout(30_000);
  let c: StartedConnector;
  before(async () => {
    c = await startConnector({ webhookSecret: null });
  });
  after(() => c?.close());

  it('answers 503 not_configured', async () => {
    const res = await postCalcom(c.baseUrl, SECRET, calBody('BOOKING_CREATED', calBooking()));
    expect(res.status).to.equal(503);
    expect(res.body.error).to.equal('not_configured');
  });
});

describe('Cal.com configuration', () => {
  it('reads CALCOM_WEBHOOK_SECRET and CALCOM_SERVICE_MAP, and refuses bad values naming the key', async () => {
    const { loadConfig } = await import('../../connector/src/config.ts');
    const ok = loadConfig({ CALCOM_WEBHOOK_SECRET: SECRET, CALCOM_SERVICE_MAP: '{"1201":["anmeldung"]}' });
    expect(ok.calcomWebhookSecret).to.equal(SECRET);
    expect(ok.calcomServiceMap).to.deep.equal({ 1201: ['anmeldung'] });
    expect(loadConfig({}).calcomServiceMap).to.deep.equal({});
    expect(() => loadConfig({ CALCOM_WEBHOOK_SECRET: 'short' })).to.throw(/CALCOM_WEBHOOK_SECRET/);
    expect(() => loadConfig({ CALCOM_SERVICE_MAP: '{nope' })).to.throw(/CALCOM_SERVICE_MAP: must be a JSON object/);
    expect(() => loadConfig({ CALCOM_SERVICE_MAP: '{"1":["Anmeldung!"]}' })).to.throw(/CALCOM_SERVICE_MAP/);
  });
});
