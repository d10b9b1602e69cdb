import { expect } from 'chai';
import { randomBytes, randomUUID } from 'node:crypto';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { eventually, startReceiver, verifyIndependently, type Receiver } from './outbound-support.ts';
import {
  makeGenericPayload,
  openDatabaseProbe,
  postGenericWebhook,
  startConnector,
  type DatabaseProbe,
  type StartedConnector,
} from './support.ts';
import { outboxesDrained } from './outbox-drained.ts';

const API_KEY = `test-key-${randomBytes(12).toString('hex')}`;
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** Environment for a connector whose outbound webhooks go to `endpoints`; retries shrunk 1000×. */
function outboundEnv(
  endpoints: Array<{ name: string; url: string; secret: string; events?: string[] }>,
  extra: Record<string, string> = {},
) {
  return {
    OUTBOUND_WEBHOOKS: JSON.stringify(endpoints),
    ALLOW_PRIVATE_TARGETS: 'true',
    OUTBOUND_RETRY_SCALE: '0.001',
    OUTBOUND_TIMEOUT_SECONDS: '0.5',
    API_KEYS: API_KEY,
    ...extra,
  };
}

async function api(c: StartedConnector, method: string, path: string, body?: unknown) {
  const res = await fetch(`${c.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${API_KEY}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

for (const { kind, create } of DATABASES) {
  describe(`outbound webhooks (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let probe: DatabaseProbe;
    let receiver: Receiver | undefined;
    let c: StartedConnector | undefined;

    before(async () => {
      db = await create();
    });
    afterEach(async () => {
      await c?.close();
      await receiver?.close();
      await probe?.close();
      c = undefined;
      receiver = undefined;
    });
    after(async () => {
      await db?.drop();
    });

    async function start(env: Record<string, string>) {
      c = await startConnector({ databaseUrl: db.url, env });
      probe = await openDatabaseProbe(db.url);
      return c;
    }

    it('delivers appointment.linked through 500, a redirect and a timeout: nothing lost, one webhook-id, signatures verify', async () => {
      const secret = newSecret();
      receiver = await startReceiver({
        script: [
          { status: 500 },
          { status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } },
          'hang',
          { status: 200 },
        ],
      });
      await start(outboundEnv([{ name: `crm-${randomUUID().slice(0, 8)}`, url: `${receiver.url}/hooks/va`, secret }]));
      const payload = makeGenericPayload();
      const answer = await postGenericWebhook(c!.baseUrl, c!.webhookSecret, payload);
      expect(answer.status).to.equal(200);

      const requests = await receiver.waitFor(4);
      await outboxesDrained(c!.databaseUrl, ['outbound_deliveries']);
      expect(receiver.requests).to.have.length(4, 'the redirect is not followed and nothing is sent after the success');
      expect(requests.every((r) => r.path === '/hooks/va' && r.method === 'POST')).to.equal(true);
      const ids = new Set(requests.map((r) => r.headers['webhook-id']));
      expect(ids.size).to.equal(1);
      expect([...ids][0]).to.match(/^msg_[0-9a-f]{32}$/);
      expect(new Set(requests.map((r) => r.body)).size).to.equal(1, 'every retry sends the same bytes');
      for (const r of requests) {
        expect(r.headers['content-type']).to.equal('application/json');
        const body = verifyIndependently(secret, r.headers, r.body);
        expect(body.type).to.equal('appointment.linked');
        expect(body.data).to.include({
          appointmentId: answer.body.appointmentId,
          externalId: payload.appointment.id,
          source: 'generic',
          change: 'created',
          roomId: answer.body.roomId,
        });
        expect(body.data.links).to.deep.equal(answer.body.links);
        expect(Date.parse(body.timestamp)).to.be.a('number').and.not.NaN;
      }
      expect(() => verifyIndependently(newSecret(), requests[0]!.headers, requests[0]!.body)).to.throw(
        'no signature matches',
      );

      const log = await eventually(async () => {
        const list = await api(c!, 'GET', `/api/webhooks/deliveries?appointmentId=${answer.body.appointmentId}`);
        return list.body.items[0]?.status === 'delivered' ? list.body.items : null;
      });
      expect(log).to.have.length(1);
      expect(log[0]).to.include({
        webhookId: [...ids][0],
        eventType: 'appointment.linked',
        attempts: 4,
        lastStatusCode: 200,
      });
      const detail = await api(c!, 'GET', `/api/webhooks/deliveries/${log[0].id}`);
      expect(detail.body.log.map((a: any) => [a.statusCode, a.error, a.outcome])).to.deep.equal([
        [500, 'http_500', 'retry'],
        [302, 'redirect', 'retry'],
        [null, 'timeout', 'retry'],
        [200, null, 'delivered'],
      ]);
      expect(detail.body.payload.data.appointmentId).to.equal(answer.body.appointmentId);
    });

    it('writes the event in the same transaction as the change: a refused change leaves no event', async () => {
      receiver = await startReceiver();
      await start(outboundEnv([{ name: 'tx', url: receiver.url, secret: newSecret() }]));
      const payload = makeGenericPayload();
      expect((await postGenericWebhook(c!.baseUrl, c!.webhookSecret, payload)).status).to.equal(200);
      const before = await probe.count('outbound_events');
      // The same booking again converges (200) and announces nothing new.
      const again = await postGenericWebhook(c!.baseUrl, c!.webhookSecret, payload);
      expect(again.status).to.equal(200);
      expect(await probe.count('outbound_events')).to.equal(before);
      // A refused change (creating again a booking that was cancelled) leaves no event.
      expect(
        (
          await postGenericWebhook(c!.baseUrl, c!.webhookSecret, {
            type: 'appointment.cancelled',
            appointment: payload.appointment,
          })
        ).status,
      ).to.equal(200);
      const afterCancel = await probe.count('outbound_events');
      const refused = await postGenericWebhook(c!.baseUrl, c!.webhookSecret, payload);
      expect(refused.status).to.equal(409);
      expect(await probe.count('outbound_events')).to.equal(afterCancel);
      await receiver.waitFor(1);
    });

    it('tells the booking system when the citizen cancels on the cancel page, and about reschedules', async () => {
      const secret = newSecret();
      receiver = await startReceiver();
      await start(outboundEnv([{ name: 'cancels', url: receiver.url, secret }]));
      const payload = makeGenericPayload({}, 120);
      const created = await postGenericWebhook(c!.baseUrl, c!.webhookSecret, payload);
      const moved = await postGenericWebhook(c!.baseUrl, c!.webhookSecret, {
        type: 'appointment.rescheduled',
        appointment: {
          ...payload.appointment,
          start: new Date(Date.parse(payload.appointment.start) + 3600_000).toISOString(),
          end: new Date(Date.parse(payload.appointment.end) + 3600_000).toISOString(),
        },
      });
      expect(moved.status).to.equal(200);
      const cancelToken = moved.body.links.cancel.split('#')[1];
      const cancelled = await fetch(`${c!.baseUrl}/api/cancel`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: cancelToken }),
      });
      expect(cancelled.status).to.equal(200);

      const requests = await receiver.waitFor(3);
      const bodies = requests.map((r) => verifyIndependently(secret, r.headers, r.body));
      const byType = (t: string) => bodies.filter((b) => b.type === t);
      expect(
        byType('appointment.linked')
          .map((b) => b.data.change)
          .sort(),
      ).to.deep.equal(['created', 'rescheduled']);
      expect(byType('appointment.linked').find((b) => b.data.change === 'rescheduled').data.links).to.deep.equal(
        moved.body.links,
      );
      const [cancel] = byType('appointment.cancelled');
      expect(cancel.data).to.include({
        appointmentId: created.body.appointmentId,
        externalId: payload.appointment.id,
        cancelledBy: 'citizen',
        status: 'cancelled',
      });
      expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).to.equal(3);
    });

    it('sends only the subscribed event types to an endpoint', async () => {
      const secret = newSecret();
      receiver = await startReceiver();
      await start(outboundEnv([{ name: 'only-cancel', url: receiver.url, secret, events: ['appointment.cancelled'] }]));
      const payload = makeGenericPayload();
      await postGenericWebhook(c!.baseUrl, c!.webhookSecret, payload);
      await postGenericWebhook(c!.baseUrl, c!.webhookSecret, {
        type: 'appointment.cancelled',
        appointment: { id: payload.appointment.id },
      });
      const [only] = await receiver.waitFor(1);
      await outboxesDrained(c!.databaseUrl, ['outbound_deliveries']);
      expect(receiver.requests).to.have.length(1);
      expect(verifyIndependently(secret, only!.headers, only!.body).type).to.equal('appointment.cancelled');
    });

    it('disables an endpoint that answers 410 Gone and queues nothing more for it until it is enabled again', async () => {
      receiver = await startReceiver({ script: [{ status: 410 }] });
      const name = `gone-${randomUUID().slice(0, 8)}`;
      await start(outboundEnv([{ name, url: receiver.url, secret: newSecret() }]));
      const first = await postGenericWebhook(c!.baseUrl, c!.webhookSecret, makeGenericPayload());
      await receiver.waitFor(1);
      const endpoint = await eventually(async () => {
        const list = await api(c!, 'GET', '/api/webhooks/endpoints');
        const found = list.body.items.find((e: any) => e.name === name);
        return found && !found.enabled ? found : null;
      });
      expect(endpoint).to.include({ enabled: false, disabledReason: 'gone', origin: 'config' });
      expect(endpoint).to.not.have.property('secret');
      const [delivery] = (await api(c!, 'GET', `/api/webhooks/deliveries?appointmentId=${first.body.appointmentId}`))
        .body.items;
      expect(delivery).to.include({ status: 'failed', lastStatusCode: 410, attempts: 1 });

      // Asked after the endpoint list was read once (and, on SQLite, kept in memory): the 410 must reach it.
      const second = await postGenericWebhook(c!.baseUrl, c!.webhookSecret, makeGenericPayload());
      await outboxesDrained(c!.databaseUrl, ['outbound_deliveries']);
      expect(receiver.requests).to.have.length(1);
      expect(
        (await api(c!, 'GET', `/api/webhooks/deliveries?appointmentId=${second.body.appointmentId}`)).body.items,
      ).to.deep.equal([]);

      const enabled = await api(c!, 'PATCH', `/api/webhooks/endpoints/${endpoint.id}`, { enabled: true });
      expect(enabled.body).to.include({ enabled: true, disabledReason: null });
      const edit = await api(c!, 'PATCH', `/api/webhooks/endpoints/${endpoint.id}`, { url: 'https://example.org/x' });
      expect(edit.status).to.equal(403);
      expect(edit.body.error).to.equal('config_endpoint');
      await postGenericWebhook(c!.baseUrl, c!.webhookSecret, makeGenericPayload());
      await receiver.waitFor(2);
    });

    it('honours Retry-After on 429', async () => {
      receiver = await startReceiver({ script: [{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }] });
      await start(outboundEnv([{ name: 'slow-down', url: receiver.url, secret: newSecret() }]));
      await postGenericWebhook(c!.baseUrl, c!.webhookSecret, makeGenericPayload());
      const [a, b] = await receiver.waitFor(2);
      expect(b!.at - a!.at).to.be.at.least(950);
      expect(b!.headers['webhook-id']).to.equal(a!.headers['webhook-id']);
    });

    it('refuses private and loopback targets unless ALLOW_PRIVATE_TARGETS=true', async () => {
      receiver = await startReceiver();
      await start({
        ...outboundEnv([{ name: 'loopback', url: receiver.url, secret: newSecret() }]),
        ALLOW_PRIVATE_TARGETS: 'false',
      });
      const created = await postGenericWebhook(c!.baseUrl, c!.webhookSecret, makeGenericPayload());
      const delivery = await eventually(async () => {
        const [d] = (await api(c!, 'GET', `/api/webhooks/deliveries?appointmentId=${created.body.appointmentId}`)).body
          .items;
        return d?.attempts > 0 ? d : null;
      });
      expect(delivery).to.include({ lastError: 'private_target', lastStatusCode: null });
      expect(receiver.requests).to.have.length(0);

      for (const url of [
        'http://127.0.0.1:9/x',
        'http://localhost/x',
        'http://10.1.2.3/',
        'http://169.254.169.254/latest',
        'http://[::1]/',
        'http://192.168.0.10/',
      ]) {
        const refused = await api(c!, 'POST', '/api/webhooks/endpoints', {
          name: `p-${randomUUID().slice(0, 8)}`,
          url,
        });
        expect(refused.status, url).to.equal(422);
        expect(refused.body.issues[0].path).to.equal('url');
      }
    });

    it('replays a delivery with the same webhook-id and body', async () => {
      const secret = newSecret();
      receiver = await startReceiver();
      await start(outboundEnv([{ name: 'replay', url: receiver.url, secret }]));
      const created = await postGenericWebhook(c!.baseUrl, c!.webhookSecret, makeGenericPayload());
      const [first] = await receiver.waitFor(1);
      const delivery = await eventually(async () => {
        const [d] = (await api(c!, 'GET', `/api/webhooks/deliveries?appointmentId=${created.body.appointmentId}`)).body
          .items;
        return d?.status === 'delivered' ? d : null;
      });
      const replay = await api(c!, 'POST', `/api/webhooks/deliveries/${delivery.id}/replay`);
      expect(replay.status).to.equal(202);
      expect(replay.body).to.include({ id: delivery.id, status: 'pending', webhookId: delivery.webhookId });
      const [, second] = await receiver.waitFor(2);
      expect(second!.headers['webhook-id']).to.equal(first!.headers['webhook-id']);
      expect(second!.body).to.equal(first!.body);
      verifyIndependently(secret, second!.headers, second!.body);
      expect((await api(c!, 'POST', '/api/webhooks/deliveries/999999/replay')).status).to.equal(404);
    });

    it('manages endpoints through the API: secret shown once, unknown events refused, API key required', async () => {
      receiver = await startReceiver();
      await start(outboundEnv([]));
      expect((await fetch(`${c!.baseUrl}/api/webhooks/deliveries`)).status).to.equal(401);
      expect(
        (
          await fetch(`${c!.baseUrl}/api/webhooks/endpoints`, {
            headers: { authorization: 'Bearer wrong-key-wrong-key' },
          })
        ).status,
      ).to.equal(401);
      const bad = await api(c!, 'POST', '/api/webhooks/endpoints', {
        name: 'x',
        url: receiver.url,
        events: ['appointment.created'],
      });
      expect(bad.status).to.equal(422);
      const made = await api(c!, 'POST', '/api/webhooks/endpoints', {
        name: `api-${randomUUID().slice(0, 8)}`,
        url: `${receiver.url}/in`,
      });
      expect(made.status).to.equal(201);
      expect(made.body.secret).to.match(/^whsec_/);
      expect(made.body).to.include({ origin: 'api', enabled: true, events: null });
      const listed = (await api(c!, 'GET', '/api/webhooks/endpoints')).body.items.find(
        (e: any) => e.id === made.body.id,
      );
      expect(listed).to.not.have.property('secret');
      expect(
        (await api(c!, 'POST', '/api/webhooks/endpoints', { name: made.body.name, url: receiver.url })).status,
      ).to.equal(409);

      await postGenericWebhook(c!.baseUrl, c!.webhookSecret, makeGenericPayload());
      const [r] = await receiver.waitFor(1);
      expect(verifyIndependently(made.body.secret, r!.headers, r!.body).type).to.equal('appointment.linked');

      expect((await api(c!, 'DELETE', `/api/webhooks/endpoints/${made.body.id}`)).status).to.equal(204);
      expect((await api(c!, 'DELETE', `/api/webhooks/endpoints/${made.body.id}`)).status).to.equal(404);
      const filtered = await api(c!, 'GET', '/api/webhooks/deliveries?status=nope');
      expect(filtered.status).to.equal(422);
    });
  });
}
