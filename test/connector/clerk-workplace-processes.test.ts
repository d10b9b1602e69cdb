/**
 * The workplace's live channel across two connector processes (docs/adr/0170): two connector apps (each its own
 * HTTP server, database pool and Redis connections) on one database and one DATA_DIR, joined by the real Redis
 * with a key prefix of their own. A webhook that lands on A reaches clerks connected to B, scoped to their desks,
 * once per page; a lost Redis connection makes every page reload, and changes flow again afterwards.
 */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { newSecret } from '../support/standard-webhooks.ts';
import {
  citizenWaiting,
  openLive,
  postRoomEvent,
  testAuthenticate,
  type LiveStream,
} from './clerk-workplace-support.ts';
import { makeGenericPayload, postGenericWebhook, startConnector, type StartedConnector } from './support.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

for (const { kind, create } of DATABASES) {
  describe(`clerk workplace: live channel across two processes via Redis (${kind})`, function () {
    this.timeout(60_000);
    // Parallel runs (and other suites) on the same Redis must not hear each other.
    const prefix = `va-test-${randomBytes(6).toString('hex')}`;
    const eventsSecret = newSecret();
    const webhookSecret = newSecret();
    let db: TestDatabase;
    let dataDir: string;
    let a: StartedConnector;
    let b: StartedConnector;
    const streams: LiveStream[] = [];

    before(async () => {
      db = await create();
      dataDir = await mkdtemp(path.join(tmpdir(), 'va-connector-shared-'));
      const start = () =>
        startConnector({
          databaseUrl: db.url,
          dataDir,
          webhookSecret,
          env: { VIDEO_EVENTS_WEBHOOK_SECRET: eventsSecret, REDIS_URL, REDIS_KEY_PREFIX: prefix },
          connectorOptions: { authenticateClerk: testAuthenticate, liveHeartbeatMs: 500 },
        });
      a = await start();
      b = await start();
    });
    after(async () => {
      for (const s of streams) s.close();
      await a?.close();
      await b?.close();
      await db?.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    const live = async (on: StartedConnector, clerk: string, lastEventId?: string) => {
      const stream = await openLive(on.baseUrl, clerk, lastEventId);
      streams.push(stream);
      expect(stream.status).to.equal(200);
      await stream.next((m) => m.event === 'ready');
      return stream;
    };
    async function book(on: StartedConnector, services: string[]) {
      const res = await postGenericWebhook(
        on.baseUrl,
        webhookSecret,
        makeGenericPayload({ appointment: { services } }),
      );
      expect(res.status).to.be.within(200, 201);
      return { appointmentId: res.body.appointmentId as string, roomId: res.body.roomId as string };
    }
    const waitingRow = (id: string) => (m: { event: string; data: any }) =>
      m.event === 'row' && m.data.row.id === id && m.data.row.status === 'waiting';

    it("configures both apps for the shared channel under the test run's own prefix", () => {
      expect(a.baseUrl).to.not.equal(b.baseUrl);
      expect(a.config.redis).to.deep.equal({ url: REDIS_URL, keyPrefix: prefix });
    });

    it("sends a room event delivered to process A to a clerk's stream on process B within a second", async () => {
      const annaOnB = await live(b, 'anna');
      const mitte = await book(a, ['anmeldung']);
      const started = Date.now();
      expect(
        (await postRoomEvent(a.baseUrl, eventsSecret, citizenWaiting(mitte.roomId, mitte.appointmentId))).status,
      ).to.equal(200);
      const seen = await annaOnB.next(waitingRow(mitte.appointmentId), 5000);
      expect(Date.now() - started).to.be.below(1000);
      expect(seen.data.row).to.deep.include({ status: 'waiting', citizen: { name: 'Erika Mustermann' } });
    });

    it('keeps the desks apart across processes: a clerk of another desk on B hears nothing of a change on A', async () => {
      const kaiOnB = await live(b, 'kai');
      const annaOnB = await live(b, 'anna');
      const mitte = await book(a, ['anmeldung']);
      const kfz = await book(a, ['kfz-zulassung']);
      await postRoomEvent(a.baseUrl, eventsSecret, citizenWaiting(mitte.roomId, mitte.appointmentId));
      await postRoomEvent(a.baseUrl, eventsSecret, citizenWaiting(kfz.roomId, kfz.appointmentId));
      // Kai's stream carries the kfz change, which came after the Mitte one — and never the Mitte one.
      await kaiOnB.next(waitingRow(kfz.appointmentId), 5000);
      expect(JSON.stringify(kaiOnB.messages)).to.not.include(mitte.appointmentId);
      await annaOnB.next(waitingRow(mitte.appointmentId), 5000);
      expect(JSON.stringify(annaOnB.messages)).to.not.include(kfz.appointmentId);
    });

    it('delivers a change once on every process: locally on A (not again from Redis) and once on B', async () => {
      const annaOnA = await live(a, 'anna');
      const annaOnB = await live(b, 'anna');
      const first = await book(a, ['anmeldung']);
      await postRoomEvent(a.baseUrl, eventsSecret, citizenWaiting(first.roomId, first.appointmentId));
      // A later change from B is the marker: once it arrived on A, A's own echo of the first would have too.
      const marker = await book(b, ['anmeldung']);
      await postRoomEvent(b.baseUrl, eventsSecret, citizenWaiting(marker.roomId, marker.appointmentId));
      for (const stream of [annaOnA, annaOnB]) {
        await stream.next(waitingRow(marker.appointmentId), 5000);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(stream.messages.filter(waitingRow(first.appointmentId))).to.have.length(1);
        expect(stream.messages.filter(waitingRow(marker.appointmentId))).to.have.length(1);
      }
    });

    it('asks a page whose stream moves from A to B (Last-Event-ID of A) to reload its list once', async () => {
      const annaOnA = await live(a, 'anna');
      const mitte = await book(b, ['anmeldung']);
      await postRoomEvent(b.baseUrl, eventsSecret, citizenWaiting(mitte.roomId, mitte.appointmentId));
      const last = await annaOnA.next(waitingRow(mitte.appointmentId), 5000);
      annaOnA.close();
      const moved = await openLive(b.baseUrl, 'anna', last.id!);
      streams.push(moved);
      await moved.next((m) => m.event === 'refresh');
      expect(moved.messages.filter((m) => m.event === 'refresh')).to.have.length(1);
    });

    it('tells every page to reload when the Redis connections were killed, and carries changes again once resubscribed', async () => {
      const annaOnA = await live(a, 'anna');
      const annaOnB = await live(b, 'anna');
      const before = await book(a, ['anmeldung']);
      await postRoomEvent(a.baseUrl, eventsSecret, citizenWaiting(before.roomId, before.appointmentId));
      const lastBeforeGap = await annaOnB.next(waitingRow(before.appointmentId), 5000);

      const admin = createClient({ url: REDIS_URL });
      await admin.connect();
      try {
        const list = await admin.sendCommand<string>(['CLIENT', 'LIST']);
        const ids = list
          .split('\n')
          .filter((line) => line.includes(` name=${prefix}:connector:`))
          .map((line) => /(?:^|\s)id=(\d+)/.exec(line)![1]!);
        expect(ids, 'two connections per process').to.have.length(4);
        for (const id of ids) await admin.sendCommand(['CLIENT', 'KILL', 'ID', id]);
      } finally {
        await admin.close();
      }

      await annaOnA.next((m) => m.event === 'refresh', 10_000);
      await annaOnB.next((m) => m.event === 'refresh', 10_000);
      // A page that reconnects with an id from before the gap cannot be replayed: it reloads as well.
      const late = await openLive(b.baseUrl, 'anna', lastBeforeGap.id!);
      streams.push(late);
      await late.next((m) => m.event === 'refresh');

      const after = await book(a, ['anmeldung']);
      await postRoomEvent(a.baseUrl, eventsSecret, citizenWaiting(after.roomId, after.appointmentId));
      await annaOnB.next(waitingRow(after.appointmentId), 5000);
    });
  });
}
