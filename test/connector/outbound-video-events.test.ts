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
  describe(`video-service event webhooks → outbound room events (${kind})`, function () {
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
              name: 'booking',
              url: receiver.url,
              secret: outboundSecret,
              events: ['room.citizen_waiting', 'room.started', 'room.ended'],
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

    async function postEvent(body: unknown, options: { id?: string; secret?: string; contentType?: string } = {}) {
      const text = JSON.stringify(body);
      const signed = sign(options.secret ?? eventsSecret, text, { id: options.id ?? `msg_${randomUUID()}` });
      const res = await fetch(`${c.baseUrl}/webhooks/video-service`, {
        method: 'POST',
        headers: { ...signed.headers, 'content-type': options.contentType ?? 'application/json' },
        body: text,
      });
      return { status: res.status, body: await res.json() };
    }

    const roomEvents = (room: string) =>
      receiver.requests
        .map((r) => verifyIndependently(outboundSecret, r.headers, r.body))
        .filter((b) => b.data.roomId === room);

    it('forwards citizen waiting, the first join as room.started and the end as room.ended — each once', async () => {
      const payload = makeGenericPayload();
      const created = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
      const room = created.body.roomId;
      const at = new Date().toISOString();

      // Bodies as the video service sends them (docs/video-admin-api.md, video-service/src/contract/events.ts).
      const participant = { id: `citizen-${created.body.appointmentId}`, role: 'citizen' };
      const waiting = {
        type: 'room.citizen_waiting',
        timestamp: new Date().toISOString(),
        data: { room, appointmentId: created.body.appointmentId, participant, waitingSince: at },
      };
      expect((await postEvent(waiting)).body).to.deep.include({
        received: true,
        duplicate: false,
        announced: ['room.citizen_waiting'],
      });
      expect(
        (await postEvent({ type: 'room.participant_joined', data: { room, at, participant: { role: 'clerk' } } })).body
          .announced,
      ).to.deep.equal(['room.started']);
      expect(
        (await postEvent({ type: 'room.participant_joined', data: { room, participant: { role: 'citizen' } } })).body
          .announced,
      ).to.deep.equal([]);
      expect(
        (await postEvent({ type: 'room.participant_left', data: { room, participant: { role: 'citizen' } } })).body
          .announced,
      ).to.deep.equal([]);
      const endId = `msg_${randomUUID()}`;
      const endedAt = new Date(Date.now() + 1000).toISOString();
      const ended = {
        type: 'room.ended',
        timestamp: endedAt,
        data: { room, reason: 'closed', endedAt, by: 'admin:connector' },
      };
      expect((await postEvent(ended, { id: endId })).body.announced).to.deep.equal(['room.ended']);
      expect((await postEvent({ type: 'room.ended', data: { room } }, { id: endId })).body).to.deep.include({
        duplicate: true,
        announced: [],
      });
      expect((await postEvent({ type: 'room.ended', data: { room } })).body.announced).to.deep.equal([]);

      await receiver.waitFor(3, (r) => r.body.includes(room));
      await outboxesDrained(c.databaseUrl, ['outbound_deliveries']);
      const bodies = roomEvents(room);
      expect(bodies.map((b) => b.type)).to.have.members(['room.citizen_waiting', 'room.started', 'room.ended']);
      const forwarded = bodies.find((b) => b.type === 'room.citizen_waiting');
      expect(forwarded.data).to.deep.include({
        appointmentId: created.body.appointmentId,
        externalId: payload.appointment.id,
        source: 'generic',
        at,
        participant: { role: 'citizen' },
      });
      expect(bodies.find((b) => b.type === 'room.ended').data).to.deep.include({ at: endedAt, reason: 'closed' });
      expect(await probe.count('video_room_events', { room_id: room })).to.equal(6);
    });

    it('records events of rooms that are no appointment of ours without announcing them', async () => {
      const res = await postEvent({ type: 'room.participant_joined', data: { room: 'ad-hoc-room' } });
      expect(res.body).to.deep.include({ received: true, announced: [] });
    });

    it('refuses bad signatures, wrong types and missing rooms, and acknowledges unknown event types', async () => {
      expect(
        (await postEvent({ type: 'room.ended', data: { room: 'appt-x' } }, { secret: newSecret() })).status,
      ).to.equal(401);
      expect(
        (await postEvent({ type: 'room.ended', data: { room: 'appt-x' } }, { contentType: 'text/plain' })).status,
      ).to.equal(415);
      const missing = await postEvent({ type: 'room.ended', data: {} });
      expect(missing.status).to.equal(422);
      expect(missing.body.issues[0].path).to.equal('data.room');
      expect((await postEvent({ type: 'room.ended', data: { room: 'Not A Room!' } })).status).to.equal(422);
      const other = await postEvent({ type: 'document.signed', data: { room: 'appt-x' } });
      expect(other.status).to.equal(202);
      expect(other.body).to.deep.equal({ ignored: true });
    });
  });
}

describe('video-service event webhooks without a secret', function () {
  this.timeout(30_000);
  it('answers 503 not_configured', async () => {
    const c = await startConnector();
    try {
      const res = await fetch(`${c.baseUrl}/webhooks/video-service`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).to.equal(503);
      expect((await res.json()).error).to.equal('not_configured');
    } finally {
      await c.close();
    }
  });
});
