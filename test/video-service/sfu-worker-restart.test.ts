/**
 * A mediasoup worker killed with SIGKILL (issue 15, ADR 0175), against the real worker: the pool replaces it
 * in the same slot (same WebRtcServer port), /readyz reports it, the room gets a new router on demand, and
 * the room's admitted sockets are told `sfu:restart`. A worker that keeps dying leaves its slot down and
 * /readyz answers 503 with the reason. Closing the service stops a pending replacement.
 */
import { expect } from 'chai';
import type { SfuWorkerPool } from '../../video-service/src/media/sfu/worker-pool.ts';
import { createSqliteDatabase } from '../support/databases.ts';
import { freePort } from '../support/ports.ts';
import { useRoomFixture } from './room-fixture.ts';
import { nextEvent, recordEvents, request, requireWorker, settle, testWorkerBin } from './support.ts';

const opusParameters = {
  mid: '0',
  codecs: [
    { mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] },
  ],
  headerExtensions: [],
  encodings: [{ ssrc: 11111111 }],
  rtcp: { cname: 'test', reducedSize: true },
};

interface Readiness {
  status: string;
  media: {
    mode: string;
    reason: string;
    workers: { configured: number; live: number; restarts: number; restarting: number[]; down: number[] };
  };
}

async function readyz(baseUrl: string): Promise<{ status: number; body: Readiness }> {
  const res = await fetch(`${baseUrl}/readyz`);
  return { status: res.status, body: (await res.json()) as Readiness };
}

async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills the slot's worker and waits for its replacement; returns the new pid. */
async function killAndAwaitReplacement(pool: SfuWorkerPool): Promise<number> {
  const pid = pool.workers[0]!.worker.pid;
  process.kill(pid, 'SIGKILL');
  await until('the worker to be replaced', () => pool.workers.length === 1 && pool.workers[0]!.worker.pid !== pid);
  return pool.workers[0]!.worker.pid;
}

function sfuEnv(mediaPort: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    MEDIA_MODE: 'sfu',
    MEDIASOUP_WORKER_BIN: testWorkerBin() ?? '',
    MEDIASOUP_WORKERS: '1',
    MEDIASOUP_LISTEN_IP: '127.0.0.1',
    MEDIASOUP_PORT: String(mediaPort),
    ...extra,
  };
}

describe('a mediasoup worker killed mid-call (needs a worker)', function () {
  this.timeout(30_000);
  let mediaPort = 0;
  before(async function () {
    await requireWorker(this);
    mediaPort = await freePort();
  });
  const f = useRoomFixture(createSqliteDatabase, { env: () => sfuEnv(mediaPort) });

  it('is replaced on the same port, /readyz says so, the room gets a new router and everyone hears sfu:restart', async () => {
    const { tokens, clerk, citizen } = await f.admitted();
    const { sfu } = f.video.service;
    if (!sfu) throw new Error('the service runs no SFU');
    const send = await request(citizen.socket, 'sfu:createTransport', { direction: 'send' });
    if (!send.ok) throw new Error(send.error.message);
    const produced = await request(citizen.socket, 'sfu:produce', {
      transportId: send.data.id,
      kind: 'audio',
      rtpParameters: opusParameters,
      source: 'microphone',
    });
    if (!produced.ok) throw new Error(produced.error.message);
    const routerBefore = await sfu.routers.routerFor(tokens.room);
    const clerkEvents = recordEvents(clerk.socket);
    const clerkRestart = nextEvent(clerk.socket, 'sfu:restart');
    const citizenRestart = nextEvent(citizen.socket, 'sfu:restart');

    const oldPid = sfu.pool.workers[0]!.worker.pid;
    const newPid = await killAndAwaitReplacement(sfu.pool);
    expect(await clerkRestart).to.deep.equal({ reason: 'worker_died' });
    expect(await citizenRestart).to.deep.equal({ reason: 'worker_died' });
    await settle();
    expect(
      clerkEvents.filter((e) => e.event === 'sfu:producerClosed'),
      'the restart says it for every producer; no producerClosed per producer',
    ).to.deep.equal([]);
    expect(alive(oldPid)).to.equal(false);
    expect(alive(newPid)).to.equal(true);

    const ready = await readyz(f.video.baseUrl);
    expect(ready.status).to.equal(200);
    expect(ready.body.status).to.equal('ready');
    expect(ready.body.media.workers).to.deep.equal({ configured: 1, live: 1, restarts: 1, restarting: [], down: [] });

    const stale = await request(citizen.socket, 'sfu:connectTransport', {
      transportId: send.data.id,
      dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD' }] },
    });
    expect(stale.ok === false && stale.error.code, 'the old transport is gone').to.equal('not_found');

    const again = await request(citizen.socket, 'sfu:createTransport', { direction: 'send' });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.data.iceCandidates.map((c) => c.port)).to.deep.equal(send.data.iceCandidates.map((c) => c.port));
    expect(again.data.iceCandidates[0]!.port, 'the configured port').to.equal(mediaPort);
    const routerAfter = await sfu.routers.routerFor(tokens.room);
    expect(routerAfter.id).to.not.equal(routerBefore.id);
    expect(routerAfter.closed).to.equal(false);
    const announced = nextEvent(clerk.socket, 'sfu:newProducer');
    const reproduced = await request(citizen.socket, 'sfu:produce', {
      transportId: again.data.id,
      kind: 'audio',
      rtpParameters: opusParameters,
      source: 'microphone',
    });
    expect(reproduced.ok).to.equal(true);
    expect((await announced).participantId).to.equal(tokens.citizenId);
  });

  it('closing the service while a replacement is pending starts no worker', async () => {
    const { sfu } = f.video.service;
    if (!sfu) throw new Error('the service runs no SFU');
    const pid = sfu.pool.workers[0]!.worker.pid;
    const { restarts } = sfu.pool.status();
    process.kill(pid, 'SIGKILL');
    await until('the death to be noticed', () => sfu.pool.workers.length === 0);
    await f.video.service.close();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sfu.pool.workers).to.deep.equal([]);
    expect(sfu.pool.status().restarts).to.equal(restarts);
  });
});

describe('a mediasoup worker that keeps dying (needs a worker)', function () {
  this.timeout(30_000);
  let mediaPort = 0;
  before(async function () {
    await requireWorker(this);
    mediaPort = await freePort();
  });
  const f = useRoomFixture(createSqliteDatabase, { env: () => sfuEnv(mediaPort, { MEDIASOUP_RESTART_LIMIT: '2' }) });

  it('leaves its slot down after the limit; /readyz is 503 with the reason; requests get a clear error', async () => {
    const { clerk } = await f.admitted();
    const { sfu } = f.video.service;
    if (!sfu) throw new Error('the service runs no SFU');
    await killAndAwaitReplacement(sfu.pool);
    const last = await killAndAwaitReplacement(sfu.pool);
    process.kill(last, 'SIGKILL');
    await until('the slot to be given up', () => sfu.pool.status().down.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sfu.pool.workers, 'no further replacement').to.deep.equal([]);

    const ready = await readyz(f.video.baseUrl);
    expect(ready.status).to.equal(503);
    expect(ready.body.status).to.equal('unavailable');
    expect(ready.body.media.workers).to.deep.equal({ configured: 1, live: 0, restarts: 2, restarting: [], down: [0] });
    expect(ready.body.media.reason).to.match(/now 0 of 1 live: slot 0 given up after too many worker deaths/);

    const caps = await request(clerk.socket, 'sfu:capabilities', {});
    expect(caps.ok === false && caps.error).to.deep.include({ code: 'invalid_state' });
    expect(caps.ok === false && caps.error.message).to.match(/no live worker/);

    await f.video.service.close();
    expect(sfu.pool.workers).to.deep.equal([]);
  });
});

describe('MEDIA_MODE=auto when every worker is given up (needs a worker)', function () {
  this.timeout(30_000);
  let mediaPort = 0;
  before(async function () {
    await requireWorker(this);
    mediaPort = await freePort();
  });
  const f = useRoomFixture(createSqliteDatabase, {
    env: () => sfuEnv(mediaPort, { MEDIA_MODE: 'auto', MEDIASOUP_RESTART_LIMIT: '0' }),
  });

  it('new calls use peer-to-peer (not an SFU without workers) and /readyz says why', async () => {
    const before = await f.admitted();
    expect(before.admittedSnapshot.media?.mode).to.equal('sfu');
    const { sfu } = f.video.service;
    if (!sfu) throw new Error('the service runs no SFU');
    process.kill(sfu.pool.workers[0]!.worker.pid, 'SIGKILL');
    await until('the slot to be given up', () => sfu.pool.status().down.length === 1);

    const ready = await readyz(f.video.baseUrl);
    expect(ready.status).to.equal(200);
    expect(ready.body.media.mode).to.equal('p2p');
    expect(ready.body.media.reason).to.match(/every mediasoup worker given up .*new calls use peer-to-peer/);
    expect(ready.body.media.workers).to.deep.include({ live: 0, down: [0] });

    const { admittedSnapshot, clerk } = await f.admitted();
    expect(admittedSnapshot.media?.mode).to.equal('p2p');
    expect(admittedSnapshot.media?.maxParticipants).to.equal(f.video.config.maxParticipants.p2p);
    const caps = await request(clerk.socket, 'sfu:capabilities', {});
    expect(caps.ok === false && caps.error.code).to.equal('invalid_state');
  });
});
