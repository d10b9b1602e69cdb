/**
 * Event webhooks to the connector, against a real local HTTP receiver: Standard Webhooks signatures, the
 * same `webhook-id` on every retry, retries after failures, 410 gives up, private targets refused unless
 * allowed, and several senders sharing one database deliver every event exactly once.
 */
import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMariaDatabase, createSqliteDatabase, type TestDatabase } from '../support/databases.ts';
import { newSecret } from '../support/standard-webhooks.ts';
import { openDatabase, type Database } from '../../video-service/src/persistence/database.ts';
import { EventSender, type EventSenderOptions } from '../../video-service/src/events/event-sender.ts';
import { eventRecorder } from '../../video-service/src/events/event-recorder.ts';
import { createRootLogger } from '../../video-service/src/log.ts';
import type { VideoEventBody } from '../../video-service/src/contract/events.ts';
import {
  connectSocket,
  createSigningKey,
  nextEvent,
  openSession,
  request,
  roomTokens,
  startVideoService,
} from './support.ts';
import { useRoomFixture } from './room-fixture.ts';

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A receiver that answers each request with the next status of `plan` (then 204) and records everything. */
interface Receiver {
  url: string;
  deliveries: Delivery[];
  close(): Promise<void>;
}

async function startReceiver(plan: (delivery: { id: string; attempt: number }) => number): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const attempts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      const attempt = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, attempt);
      const status = plan({ id, attempt });
      deliveries.push({ headers: req.headers, body, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/video`,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Verifies a delivery like a Standard Webhooks receiver would (independently of the product's signer). */
function verified(secret: string, d: Delivery): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${d.headers['webhook-id']}.${d.headers['webhook-timestamp']}.${d.body}`)
    .digest('base64');
  return (
    String(d.headers['webhook-signature']).split(' ').includes(`v1,${expected}`) &&
    Math.abs(Number(d.headers['webhook-timestamp']) - Date.now() / 1000) < 300
  );
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const log = createRootLogger('silent');

describe('event webhooks: a room reported to the connector', function () {
  this.timeout(30_000);
  const secret = newSecret();
  let receiver: Receiver;
  // The first attempt of every event fails with 500; the retry succeeds. Started before the fixture's service.
  before(async () => {
    receiver = await startReceiver(({ attempt }) => (attempt === 1 ? 500 : 204));
  });
  const f = useRoomFixture(createSqliteDatabase, {
    env: () => ({
      EVENTS_WEBHOOK_URL: receiver.url,
      EVENTS_WEBHOOK_SECRET: secret,
      EVENTS_RETRY_SCHEDULE_SECONDS: '1,1,1',
      EVENTS_POLL_MS: '100',
      ALLOW_PRIVATE_TARGETS: 'true',
    }),
  });
  after(() => receiver?.close());

  it('waiting, joining, leaving and ending arrive signed, retried after a failure with the same webhook-id', async () => {
    const { tokens, clerk } = await f.admitted();
    const closed = nextEvent(clerk.socket, 'room:closed');
    expect(await request(clerk.socket, 'room:end', {})).to.deep.equal({ ok: true, data: null });
    await closed;

    const delivered = await until('every event delivered', async () => {
      const ok = receiver.deliveries.filter((d) => d.status === 204);
      return ok.length >= 6 ? ok : undefined;
    });
    const bodies = delivered
      .map((d) => JSON.parse(d.body) as VideoEventBody)
      .filter((b) => b.data.room === tokens.room);
    const summary = bodies.map((b) => `${b.type}:${'participant' in b.data ? b.data.participant.role : b.data.reason}`);
    expect(summary).to.have.members([
      'room.participant_joined:clerk',
      'room.citizen_waiting:citizen',
      'room.participant_joined:citizen',
      'room.participant_left:clerk',
      'room.participant_left:citizen',
      'room.ended:ended',
    ]);
    const ended = bodies.find((b) => b.type === 'room.ended')!;
    expect(ended.data).to.include({ room: tokens.room, reason: 'ended', by: tokens.clerkId });
    const waiting = bodies.find((b) => b.type === 'room.citizen_waiting')!;
    expect(waiting.data).to.deep.include({ participant: { id: tokens.citizenId, role: 'citizen' } });
    expect(JSON.stringify(bodies), 'no names in events').not.to.include('Erika');

    for (const d of delivered) {
      expect(verified(secret, d), 'signature').to.equal(true);
      const attempts = receiver.deliveries.filter((x) => x.headers['webhook-id'] === d.headers['webhook-id']);
      expect(
        attempts.map((a) => a.status),
        'first failed, retry with the same id succeeded',
      ).to.deep.equal([500, 204]);
    }
    const rows = await f.video.service.db.outbox.list();
    expect(rows).to.have.length(6);
    expect(rows.every((r) => r.deliveredAt !== null && r.attempts === 2)).to.equal(true);
  });
});

describe('event webhooks: the sender', function () {
  this.timeout(30_000);
  const secret = newSecret();
  const databases: TestDatabase[] = [];
  const opened: Database[] = [];
  const senders: EventSender[] = [];
  const receivers: Receiver[] = [];
  const record = eventRecorder({ enabled: true });
  const ended = (room: string) => ({
    room,
    reason: 'closed' as const,
    endedAt: new Date().toISOString(),
    by: 'admin:test',
  });

  afterEach(async () => {
    for (const s of senders.splice(0)) await s.close();
    for (const r of receivers.splice(0)) await r.close();
    for (const d of opened.splice(0)) await d.close();
    for (const d of databases.splice(0)) await d.drop();
  });

  async function database(make: () => Promise<TestDatabase>): Promise<Database> {
    const testDb = await make();
    databases.push(testDb);
    const db = await openDatabase(testDb.url, log);
    opened.push(db);
    return db;
  }

  async function receiverFor(plan: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
    const r = await startReceiver(plan);
    receivers.push(r);
    return r;
  }

  function sender(db: Database, url: string, extra: Partial<EventSenderOptions> = {}): EventSender {
    const s = new EventSender({
      outbox: db.outbox,
      url,
      secret,
      retrySchedule: [1, 1],
      pollMs: 50,
      timeoutMs: 5000,
      allowPrivateTargets: true,
      log,
      ...extra,
    });
    senders.push(s);
    s.start();
    return s;
  }

  it('two senders on one MariaDB database deliver each of 40 events exactly once', async () => {
    const receiver = await receiverFor(() => 204);
    const a = await database(createMariaDatabase);
    const b = await openDatabase(databases[0]!.url, log);
    opened.push(b);
    for (let i = 0; i < 40; i++) {
      await record.record(a.outbox, 'room.participant_joined', {
        room: `appt-${i}`,
        appointmentId: String(i),
        participant: { id: `p-${i}`, role: 'citizen' },
      });
    }
    sender(a, receiver.url);
    sender(b, receiver.url);
    await until('40 deliveries', async () => ((await a.outbox.list()).every((r) => r.deliveredAt) ? true : undefined));
    const ids = receiver.deliveries.map((d) => String(d.headers['webhook-id']));
    expect(ids).to.have.length(40);
    expect(new Set(ids).size).to.equal(40);
  });

  it('410 Gone gives the event up at once', async () => {
    const receiver = await receiverFor(() => 410);
    const db = await database(createSqliteDatabase);
    await record.record(db.outbox, 'room.ended', ended('appt-gone'));
    sender(db, receiver.url);
    const row = await until('given up', async () => (await db.outbox.list()).find((r) => r.failedAt));
    expect(row).to.include({ attempts: 1, lastError: 'HTTP 410', deliveredAt: null });
    expect(receiver.deliveries).to.have.length(1);
  });

  it('retries stop after the schedule: one attempt plus one per step', async () => {
    const receiver = await receiverFor(() => 503);
    const db = await database(createSqliteDatabase);
    await record.record(db.outbox, 'room.ended', ended('appt-down'));
    sender(db, receiver.url, { retrySchedule: [0, 0] });
    const row = await until('given up', async () => (await db.outbox.list()).find((r) => r.failedAt));
    expect(row).to.include({ attempts: 3, lastError: 'HTTP 503' });
    expect(receiver.deliveries).to.have.length(3);
    expect(new Set(receiver.deliveries.map((d) => d.headers['webhook-id'])).size).to.equal(1);
  });

  it('a private target is refused unless ALLOW_PRIVATE_TARGETS is set', async () => {
    const receiver = await receiverFor(() => 204);
    const db = await database(createSqliteDatabase);
    await record.record(db.outbox, 'room.ended', ended('appt-private'));
    sender(db, receiver.url, { allowPrivateTargets: false });
    const row = await until('a failed attempt', async () => (await db.outbox.list()).find((r) => r.lastError));
    expect(row.lastError).to.match(/private address/);
    expect(row.deliveredAt).to.equal(null);
    expect(receiver.deliveries).to.deep.equal([]);
  });

  it('without EVENTS_WEBHOOK_URL nothing is recorded', async () => {
    const key = createSigningKey();
    const video = await startVideoService({ keys: [key] });
    try {
      const tokens = roomTokens(key);
      const { sessionToken } = await openSession(video.baseUrl, tokens.clerk);
      const socket = await connectSocket(video.baseUrl, { session: sessionToken });
      expect((await request(socket, 'room:join', {})).ok).to.equal(true);
      socket.close();
      expect(await video.service.db.outbox.list()).to.deep.equal([]);
    } finally {
      await video.close();
    }
  });
});
