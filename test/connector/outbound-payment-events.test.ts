/**
 * The connector passes the video service's payment events on (issue 12): `payment.completed` and
 * `payment.failed` from `POST /webhooks/video-service` become outbound webhooks of the same type, with the
 * appointment's ids added, once per webhook id (a replay or the same settlement twice changes nothing),
 * bad bodies refused with nothing announced, rooms that are not ours recorded only.
 */
import { expect } from 'chai';
import { randomBytes, randomUUID } from 'node:crypto';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { newSecret, sign } from '../support/standard-webhooks.ts';
import { startReceiver, verifyIndependently, type Receiver } from './outbound-support.ts';
import {
  makeGenericPayload,
  openDatabaseProbe,
  postGenericWebhook,
  startConnector,
  type DatabaseProbe,
  type StartedConnector,
} from './support.ts';
import { outboxesDrained } from './outbox-drained.ts';

for (const { kind, create } of DATABASES) {
  describe(`video-service payment events → outbound webhooks (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let receiver: Receiver;
    let c: StartedConnector;
    let probe: DatabaseProbe;
    const eventsSecret = newSecret();
    const outboundSecret = `whsec_${randomBytes(32).toString('base64')}`;

    before(async () => {
      db = await create();
      receiver = await startReceiver();
      c = await startConnector({
        databaseUrl: db.url,
        env: {
          VIDEO_EVENTS_WEBHOOK_SECRET: eventsSecret,
          ALLOW_PRIVATE_TARGETS: 'true',
          OUTBOUND_WEBHOOKS: JSON.stringify([
            {
              name: 'treasury',
              url: receiver.url,
              secret: outboundSecret,
              events: ['payment.completed', 'payment.failed'],
            },
          ]),
        },
      });
      probe = await openDatabaseProbe(db.url);
    });
    after(async () => {
      await probe?.close();
      await c?.close();
      await receiver?.close();
      await db?.drop();
    });

    async function postEvent(body: unknown, id = `msg_${randomUUID()}`) {
      const text = JSON.stringify(body);
      const signed = sign(eventsSecret, text, { id });
      const res = await fetch(`${c.baseUrl}/webhooks/video-service`, {
        method: 'POST',
        headers: { ...signed.headers, 'content-type': 'application/json' },
        body: text,
      });
      return { status: res.status, body: await res.json() };
    }

    // As the video service sends it (video-service/src/casework/payments/payment-events.ts).
    const paymentEvent = (
      room: string,
      appointmentId: string,
      type: 'payment.completed' | 'payment.failed',
      payment = randomUUID(),
    ) => ({
      type,
      timestamp: new Date().toISOString(),
      data: {
        payment,
        room,
        appointmentId,
        state: type === 'payment.completed' ? 'paid' : 'failed',
        amountCents: 500,
        currency: 'EUR',
        method: 'sandbox',
        kassenzeichen: type === 'payment.completed' ? 'VA-20261207-0123456789' : null,
        services: ['meldebescheinigung'],
        at: new Date().toISOString(),
      },
    });

    it('forwards payment.completed and payment.failed once each, with the appointment ids', async () => {
      const payload = makeGenericPayload();
      const created = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
      const room = created.body.roomId;
      const failed = paymentEvent(room, created.body.appointmentId, 'payment.failed');
      const paid = paymentEvent(room, created.body.appointmentId, 'payment.completed');
      const paidId = `msg_payment_${paid.data.payment}`;
      expect((await postEvent(failed, `msg_payment_${failed.data.payment}`)).body).to.deep.include({
        received: true,
        duplicate: false,
        announced: ['payment.failed'],
      });
      // The same settlement twice at once (two video-service processes): one announcement.
      const [one, two] = await Promise.all([postEvent(paid, paidId), postEvent(paid, paidId)]);
      expect([one.body.announced, two.body.announced]).to.have.deep.members([['payment.completed'], []]);

      await receiver.waitFor(2, (r) => r.body.includes(room));
      await outboxesDrained(c.databaseUrl, ['outbound_deliveries']);
      const bodies = receiver.requests
        .map((r) => verifyIndependently(outboundSecret, r.headers, r.body))
        .filter((b) => b.data.roomId === room);
      expect(bodies.map((b) => b.type)).to.have.members(['payment.failed', 'payment.completed']);
      expect(bodies.find((b) => b.type === 'payment.completed').data).to.deep.include({
        appointmentId: created.body.appointmentId,
        externalId: payload.appointment.id,
        source: 'generic',
        roomId: room,
        paymentId: paid.data.payment,
        state: 'paid',
        amountCents: 500,
        currency: 'EUR',
        kassenzeichen: 'VA-20261207-0123456789',
        services: ['meldebescheinigung'],
      });
      expect(await probe.count('video_room_events', { room_id: room })).to.equal(2);
    });

    it('refuses a malformed payment event with nothing recorded, and records a foreign room without announcing', async () => {
      const bad = paymentEvent('appt-x', randomUUID(), 'payment.completed');
      const refused = await postEvent({ ...bad, data: { ...bad.data, amountCents: -5 } });
      expect(refused.status).to.equal(422);
      expect(refused.body.issues[0].path).to.equal('data.amountCents');
      expect(await probe.count('video_room_events', { room_id: 'appt-x' })).to.equal(0);
      const foreign = await postEvent(paymentEvent('ad-hoc-room', randomUUID(), 'payment.completed'));
      expect(foreign.body).to.deep.include({ received: true, duplicate: false, announced: [] });
    });
  });
}
