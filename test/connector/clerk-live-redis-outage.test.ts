/**
 * The live relay when Redis goes away (docs/adr/0170), against a redis-server of the test's own (so it can be
 * killed without disturbing anyone else's): webhooks are answered and the local streams keep their rows while
 * Redis is down, the outage is logged without personal data, and when the server is back the subscription
 * returns and every open page is told to reload. Messages on the channel that no connector wrote are dropped.
 * The database does not matter here (SQLite); clerk-workplace-processes.test.ts runs both.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { createClient } from 'redis';
import { createLogger } from '../../connector/src/log.ts';
import { freePort } from '../support/ports.ts';
import { newSecret } from '../support/standard-webhooks.ts';
import {
  citizenWaiting,
  openLive,
  postRoomEvent,
  testAuthenticate,
  type LiveStream,
} from './clerk-workplace-support.ts';
import { makeGenericPayload, postGenericWebhook, startConnector, type StartedConnector } from './support.ts';

/** A throw-away redis-server on `port` (no persistence); resolves once it accepts connections. */
async function startRedis(port: number): Promise<ChildProcess> {
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const deadline = Date.now() + 10_000;
  while (!output.includes('Ready to accept connections')) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return server;
}

async function stopRedis(server: ChildProcess | undefined): Promise<void> {
  if (!server || server.exitCode !== null) return;
  const exited = once(server, 'exit');
  server.kill('SIGKILL');
  await exited;
}

describe('clerk workplace: the live relay while Redis is down and after it is back', function () {
  this.timeout(60_000);
  const eventsSecret = newSecret();
  const chunks: string[] = [];
  const logLines = () =>
    chunks
      .join('')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  let port: number;
  let redis: ChildProcess | undefined;
  let c: StartedConnector;
  const streams: LiveStream[] = [];

  before(async () => {
    port = await freePort();
    redis = await startRedis(port);
    c = await startConnector({
      env: { VIDEO_EVENTS_WEBHOOK_SECRET: eventsSecret, REDIS_URL: `redis://127.0.0.1:${port}` },
      connectorOptions: { authenticateClerk: testAuthenticate, liveHeartbeatMs: 500 },
      logger: createLogger(
        'info',
        'connector',
        new Writable({ write: (chunk, _enc, done) => (chunks.push(String(chunk)), done()) }),
      ),
    });
  });
  after(async () => {
    for (const s of streams) s.close();
    await c?.close();
    await stopRedis(redis);
  });

  async function book() {
    const res = await postGenericWebhook(
      c.baseUrl,
      c.webhookSecret,
      makeGenericPayload({ appointment: { services: ['anmeldung'] } }),
    );
    expect(res.status).to.be.within(200, 201);
    return { appointmentId: res.body.appointmentId as string, roomId: res.body.roomId as string };
  }

  it('drops messages on the channel that are not a connector’s, and carries on', async () => {
    const live = await openLive(c.baseUrl, 'anna');
    streams.push(live);
    await live.next((m) => m.event === 'ready');
    const intruder = createClient({ url: `redis://127.0.0.1:${port}` });
    await intruder.connect();
    try {
      for (const message of [
        'not json',
        '{"from":"elsewhere","id":"Erika Mustermann <erika@example.org>"}',
        '{"id":"x"}',
      ])
        await intruder.publish('va:connector:live', message);
    } finally {
      await intruder.close();
    }
    const a = await book();
    await postRoomEvent(c.baseUrl, eventsSecret, citizenWaiting(a.roomId, a.appointmentId));
    await live.next((m) => m.event === 'row' && m.data.row.id === a.appointmentId && m.data.row.status === 'waiting');
    expect(live.messages.filter((m) => m.event === 'refresh')).to.have.length(0);
    const dropped = logLines().filter((l) => l.msg === 'redis | unreadable live message dropped');
    expect(dropped).to.have.length(3);
    expect(JSON.stringify(logLines())).to.not.include('Erika').and.not.include('erika@example.org');
  });

  it('answers webhooks and keeps the local streams live while Redis is down; reloads every page when it is back', async () => {
    const live = await openLive(c.baseUrl, 'anna');
    streams.push(live);
    await live.next((m) => m.event === 'ready');
    await stopRedis(redis);

    const during = await book();
    const started = Date.now();
    const answer = await postRoomEvent(c.baseUrl, eventsSecret, citizenWaiting(during.roomId, during.appointmentId));
    expect(answer.status).to.equal(200);
    expect(Date.now() - started, 'the webhook does not wait for Redis').to.be.below(2000);
    await live.next(
      (m) => m.event === 'row' && m.data.row.id === during.appointmentId && m.data.row.status === 'waiting',
    );
    expect(live.messages.filter((m) => m.event === 'refresh')).to.have.length(0);

    redis = await startRedis(port);
    await live.next((m) => m.event === 'refresh', 20_000);
    const lines = logLines();
    expect(lines.some((l) => l.msg === 'redis | connection error (reconnecting)')).to.equal(true);
    expect(lines.some((l) => l.msg === 'redis | live subscription back: pages are told to reload')).to.equal(true);
    expect(JSON.stringify(lines)).to.not.include('Erika').and.not.include('Mustermann');

    const after = await book();
    await postRoomEvent(c.baseUrl, eventsSecret, citizenWaiting(after.roomId, after.appointmentId));
    await live.next(
      (m) => m.event === 'row' && m.data.row.id === after.appointmentId && m.data.row.status === 'waiting',
    );
  });
});
