/**
 * The connector and a REAL video service, wired as in production: the video service trusts the
 * connector's JWKS, takes the connector's admin calls, and sends its room events to the connector, which
 * forwards them to the booking system's receiver. A rescheduled link stops working at the video service;
 * a cancellation closes the room and the booking system hears `room.ended`.
 */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { freePort } from '../support/ports.ts';
import { newSecret } from '../support/standard-webhooks.ts';
import {
  connectSocket,
  postSession,
  request,
  startVideoService,
  type StartedVideoService,
} from '../video-service/support.ts';
import { eventually, startReceiver, verifyIndependently, type Receiver } from './outbound-support.ts';
import { makeGenericPayload, postGenericWebhook, startConnector, type StartedConnector } from './support.ts';

const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

for (const { kind, create } of DATABASES) {
  describe(`connector ⇄ real video service: revocation, room close, room events (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let video: StartedVideoService;
    let c: StartedConnector;
    let receiver: Receiver;
    const eventsSecret = newSecret();
    const outboundSecret = `whsec_${randomBytes(32).toString('base64')}`;

    before(async () => {
      db = await create();
      receiver = await startReceiver();
      const connectorPort = await freePort();
      const connectorUrl = `http://127.0.0.1:${connectorPort}`;
      video = await startVideoService({
        jwksUrl: `${connectorUrl}/.well-known/jwks.json`,
        env: {
          EVENTS_WEBHOOK_URL: `${connectorUrl}/webhooks/video-service`,
          EVENTS_WEBHOOK_SECRET: eventsSecret,
          ALLOW_PRIVATE_TARGETS: 'true',
          EVENTS_POLL_MS: '200',
        },
      });
      c = await startConnector({
        databaseUrl: db.url,
        env: {
          JOIN_LINKS: 'short',
          PORT: String(connectorPort),
          PUBLIC_URL: connectorUrl,
          VIDEO_PUBLIC_URL: video.baseUrl,
          VIDEO_ADMIN_URL: video.baseUrl,
          VIDEO_EVENTS_WEBHOOK_SECRET: eventsSecret,
          OUTBOUND_WEBHOOKS: JSON.stringify([{ name: 'booking', url: receiver.url, secret: outboundSecret }]),
          ALLOW_PRIVATE_TARGETS: 'true',
          OUTBOUND_RETRY_SCALE: '0.01',
        },
      });
    });
    after(async () => {
      await c?.close();
      await video?.close();
      await receiver?.close();
      await db?.drop();
    });

    const received = (type: string, room: string) =>
      receiver.requests
        .map((r) => verifyIndependently(outboundSecret, r.headers, r.body))
        .filter((b) => b.type === type && b.data.roomId === room);

    it('a waiting citizen reaches the booking system, a reschedule revokes the old link, a cancellation closes the room', async () => {
      const payload = makeGenericPayload({}, 5);
      const created = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
      expect(created.status).to.equal(200);
      const room = created.body.roomId as string;
      const oldCitizen = created.body.links.citizen.split('#')[1] as string;

      // The citizen enters the waiting room → room.citizen_waiting at the booking system.
      const session = await postSession(video.baseUrl, oldCitizen);
      expect(session.status).to.equal(201);
      const citizen = await connectSocket(video.baseUrl, { session: String(session.body.sessionToken) });
      const join = await request(citizen, 'room:join', {});
      expect(join.ok).to.equal(true);
      await eventually(
        async () => received('room.citizen_waiting', room).length === 1,
        20_000,
        'room.citizen_waiting at the receiver',
      );
      citizen.disconnect();

      // Reschedule → the video service refuses the old citizen link.
      const moved = await postGenericWebhook(c.baseUrl, c.webhookSecret, {
        type: 'appointment.rescheduled',
        appointment: {
          ...payload.appointment,
          start: later(payload.appointment.start, 60_000),
          end: later(payload.appointment.end, 60_000),
        },
      });
      expect(moved.status).to.equal(200);
      const refused = await eventually(
        async () => {
          const res = await postSession(video.baseUrl, oldCitizen);
          return res.status === 401 ? res : null;
        },
        20_000,
        'the old link to be revoked',
      );
      expect(refused.body.error).to.equal('revoked');
      expect((await postSession(video.baseUrl, moved.body.links.citizen.split('#')[1])).status).to.equal(201);

      // Cancel → the room is closed; the video service reports room.ended (closed); the booking system hears it.
      await postGenericWebhook(c.baseUrl, c.webhookSecret, {
        type: 'appointment.cancelled',
        appointment: { id: payload.appointment.id },
      });
      const [ended] = await eventually(
        async () => {
          const list = received('room.ended', room);
          return list.length ? list : null;
        },
        20_000,
        'room.ended at the receiver',
      );
      expect(ended.data).to.include({
        appointmentId: created.body.appointmentId,
        externalId: payload.appointment.id,
        reason: 'closed',
      });
      expect(received('appointment.cancelled', room)).to.have.length(1);
    });
  });
}
