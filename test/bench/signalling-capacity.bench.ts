/**
 * Signalling capacity: 500 concurrent rooms of two socket.io clients each (a clerk and the citizen the clerk
 * admitted) on ONE video-service process (`node video-service/src/main.ts`, SQLite, keys from a JWKS_FILE, tokens
 * signed here), then request round trips under that load. Target: p99 ≤ 100 ms.
 *
 * The load is what a room's signalling carries during a call: every client reports its connection quality every
 * 2 s (`quality:report`, 500 requests/s in all). While it runs, rooms picked at random measure
 *  - `media:state` round trip (request → acknowledgement; stored and pushed to the other side), and
 *  - signal relay: the clerk's `signal:candidate` until the citizen's socket receives it (sender → server →
 *    receiver, what perfect negotiation waits on).
 * The clients run in this process, the service in its own, so they do not share an event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../support/ports.ts';
import {
  connectSocket, createSigningKey, jwksOf, nextEvent, openSession, participantToken, request, roomTokens,
  type RoomClient, type SigningKey,
} from '../video-service/support.ts';
import type { BenchResult } from './types.ts';

const ROOMS = 500;
const MEASURE_MS = 20_000;
const QUALITY_EVERY_MS = 2000;
/** Samples started per second (each picks a room and measures both kinds). */
const SAMPLES_PER_SECOND = 100;
const SETUP_CONCURRENCY = 25;
const TARGET_MS = 100;
const ROOT = path.resolve(import.meta.dirname, '../..');

interface Room { clerk: RoomClient; citizen: RoomClient; citizenId: string }

export default async function signallingCapacity(): Promise<BenchResult[]> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'va-capacity-'));
  const key = createSigningKey();
  await writeFile(path.join(dataDir, 'jwks.json'), JSON.stringify(jwksOf([key])));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const service = await startService(baseUrl, {
    PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: baseUrl, DATA_DIR: dataDir, JWKS_FILE: path.join(dataDir, 'jwks.json'),
    DATABASE_URL: `sqlite:${path.join(dataDir, 'video.sqlite')}`, MEDIA_MODE: 'p2p', LOG_LEVEL: 'warn',
    SESSION_RATE_LIMIT_PER_MINUTE: '100000',
  });
  const rooms: Room[] = [];
  try {
    const setupStarted = Date.now();
    await inBatches(ROOMS, SETUP_CONCURRENCY, async () => rooms.push(await openRoom(baseUrl, key)));
    const setupMs = Date.now() - setupStarted;
    const rssBefore = await rssMb(service.pid!);
    const { mediaState, relay, errors, qualityReports } = await measure(rooms);
    const rssAfter = await rssMb(service.pid!);
    const row = (name: string, values: number[], p: number, target?: boolean): BenchResult => {
      const value = percentile(values, p);
      return {
        name, value, unit: 'ms',
        ...(target ? { target: `≤ ${TARGET_MS} ms`, pass: value <= TARGET_MS } : {}),
        notes: `${values.length} samples over ${MEASURE_MS / 1000} s; p50 ${percentile(values, 50).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`,
      };
    };
    return [
      row(`media:state round trip p99, ${ROOMS} rooms × 2 sockets`, mediaState, 99, true),
      row(`signal relay clerk → citizen p99, ${ROOMS} rooms × 2 sockets`, relay, 99, true),
      {
        name: 'background load during the measurement', value: qualityReports / (MEASURE_MS / 1000), unit: 'quality:report/s',
        notes: `${errors} failed or refused requests; setup of ${ROOMS * 2} sockets (session, join, admit) ${(setupMs / 1000).toFixed(1)} s`,
      },
      { name: `video-service resident memory with ${ROOMS * 2} sockets`, value: rssAfter, unit: 'MB', notes: `${rssBefore.toFixed(0)} MB before the measurement` },
    ];
  } finally {
    for (const room of rooms) {
      room.clerk.close();
      room.citizen.close();
    }
    service.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A room as people make it: clerk joins, citizen joins and waits, clerk admits, citizen is in. */
async function openRoom(baseUrl: string, key: SigningKey): Promise<Room> {
  const tokens = roomTokens(key);
  const clerkSession = await openSession(baseUrl, tokens.clerk);
  const citizenSession = await openSession(baseUrl, tokens.citizen);
  const clerk = await connectSocket(baseUrl, { session: clerkSession.sessionToken });
  const citizen = await connectSocket(baseUrl, { session: citizenSession.sessionToken });
  expectOk(await request(clerk, 'room:join', {}), 'clerk room:join');
  expectOk(await request(citizen, 'room:join', {}), 'citizen room:join');
  const admitted = nextEvent(citizen, 'room:snapshot', 10_000);
  expectOk(await request(clerk, 'lobby:admit', { participantId: tokens.citizenId }), 'lobby:admit');
  if ((await admitted).phase !== 'admitted') throw new Error('citizen not admitted');
  return { clerk, citizen, citizenId: tokens.citizenId };
}

async function measure(rooms: Room[]): Promise<{ mediaState: number[]; relay: number[]; errors: number; qualityReports: number }> {
  const mediaState: number[] = [];
  const relay: number[] = [];
  let errors = 0;
  let qualityReports = 0;
  const sockets = rooms.flatMap((r) => [r.clerk, r.citizen]);
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  // Background: every socket reports its quality every 2 s, phases spread evenly.
  sockets.forEach((socket, i) => {
    timers.push(setTimeout(() => {
      const report = () => {
        qualityReports += 1;
        request(socket, 'quality:report', { level: 'good', rttMs: 20, packetLoss: 0, bitrateKbps: 800 }).then((r) => { if (!r.ok) errors += 1; }, () => { errors += 1; });
      };
      report();
      timers.push(setInterval(report, QUALITY_EVERY_MS));
    }, (i / sockets.length) * QUALITY_EVERY_MS));
  });
  await new Promise((r) => setTimeout(r, QUALITY_EVERY_MS)); // the load is up
  qualityReports = 0;
  const pending: Array<Promise<void>> = [];
  const end = Date.now() + MEASURE_MS;
  let toggle = false;
  while (Date.now() < end) {
    const room = rooms[Math.floor(Math.random() * rooms.length)]!;
    toggle = !toggle;
    pending.push(timeMediaState(room.citizen, toggle).then((ms) => { mediaState.push(ms); }, () => { errors += 1; }));
    pending.push(timeRelay(room).then((ms) => { relay.push(ms); }, () => { errors += 1; }));
    await new Promise((r) => setTimeout(r, 1000 / SAMPLES_PER_SECOND));
  }
  await Promise.all(pending);
  for (const timer of timers) clearTimeout(timer);
  return { mediaState, relay, errors, qualityReports };
}

async function timeMediaState(socket: RoomClient, video: boolean): Promise<number> {
  const started = performance.now();
  const reply = await request(socket, 'media:state', { audio: true, video });
  expectOk(reply, 'media:state');
  return performance.now() - started;
}

async function timeRelay(room: Room): Promise<number> {
  const candidate = { candidate: `candidate:1 1 udp 2122260223 127.0.0.1 ${10_000 + Math.floor(Math.random() * 50_000)} typ host`, sdpMid: '0', sdpMLineIndex: 0 };
  const started = performance.now();
  const arrived = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => { room.citizen.off('signal:candidate', onSignal); reject(new Error('relay timed out')); }, 5000);
    const onSignal = (payload: { candidate: { candidate: string } | null }) => {
      if (payload.candidate?.candidate !== candidate.candidate) return;
      clearTimeout(timer);
      room.citizen.off('signal:candidate', onSignal);
      resolve(performance.now() - started);
    };
    room.citizen.on('signal:candidate', onSignal);
  });
  expectOk(await request(room.clerk, 'signal:candidate', { to: room.citizenId, candidate }), 'signal:candidate');
  return arrived;
}

function expectOk(reply: { ok: boolean; error?: { code: string } }, what: string): void {
  if (!reply.ok) throw new Error(`${what} refused: ${reply.error?.code}`);
}

async function inBatches(count: number, concurrency: number, task: () => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      next += 1;
      await task();
    }
  }));
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** The service in its own process; resolves once /readyz answers. */
async function startService(baseUrl: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'video-service/src/main.ts')], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`video service exited with ${child.exitCode}`);
    if ((await fetch(`${baseUrl}/readyz`).catch(() => undefined))?.ok) return child;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('video service not ready within 20 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
