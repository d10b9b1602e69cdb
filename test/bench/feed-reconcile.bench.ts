/**
 * iCal feed reconciliation (issue 3 target: a 10,000-event feed in ≤ 3 s and ≤ 300 MB peak memory),
 * on SQLite, against a real connector and a real feed server on loopback. Each phase runs in its own
 * child process (this file with `--phase …`) that holds only the connector — feed server, SMTP sink
 * and a stand-in for the video service's admin API run in the parent — so
 * `process.resourceUsage().maxRSS` is that connector's peak, its start included. Times are taken
 * around `POST /api/feeds/<name>/sync` (fetch + parse + expand + diff + apply).
 *
 * The feed: 9,900 single events + 100 weekly series (~10,400 instances) over the next 29 days, Europe/
 * Berlin, with ORGANIZER, DESCRIPTION, LOCATION. Phases:
 *  1. import — the first poll, without citizen addresses (no mail): every instance becomes an
 *     appointment with its links;
 *  2. poll, 1 % changed — now with ATTENDEE addresses: 50 moved, 25 removed, 25 new (mail for each);
 *  3. poll, nothing changed — a new body (new DTSTAMPs), so no 304 and no hash shortcut: a full read
 *     and diff that ends with no change;
 *  2 and 3 again on a copy of the imported database with the recommended V8 flag (RECOMMENDED_FLAGS);
 *  4. import-mail — a second feed of 1,000 new events with citizen addresses: the rate of a first
 *     import with mail (links, rendered mail + .ics, outbox); a 10,000-event import with mail takes
 *     longer than this benchmark may run.
 * Sizes can be changed with BENCH_FEED_EVENTS, BENCH_FEED_SERIES, BENCH_FEED_MAIL_EVENTS.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { startConnector } from '../connector/support.ts';
import type { BenchResult } from './types.ts';

const EVENTS = Number(process.env.BENCH_FEED_EVENTS ?? 10_000);
const SERIES = Number(process.env.BENCH_FEED_SERIES ?? 100);
const API_KEY = 'bench-api-key-0123456789abcdef';
const PHASES = ['import', 'changed', 'unchanged', 'import-mail'] as const;
/** Events of the second feed that measures a first import with citizen mail. */
const MAIL_EVENTS = Number(process.env.BENCH_FEED_MAIL_EVENTS ?? 1_000);
type Phase = (typeof PHASES)[number];

interface PhaseResult {
  phase: Phase;
  ms: number;
  /** CPU time of the connector process during the sync (user + system), telling apart load from work. */
  cpuMs: number;
  maxRssMb: number;
  feedBytes: number;
  created: number;
  rescheduled: number;
  cancelled: number;
  status: string;
}

// ------------------------------------------------------------------ the feed

const pad = (n: number) => String(n).padStart(2, '0');

/** Berlin wall date `days` after the base day, `YYYYMMDD`. */
function day(baseMs: number, days: number): string {
  const d = new Date(baseMs + days * 86_400_000);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

function buildFeed(baseMs: number, phase: Phase): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Bench//Termine//DE',
    'METHOD:PUBLISH',
    'X-WR-TIMEZONE:Europe/Berlin',
  ];
  const stamp = phase === 'unchanged' ? '20261102T090000Z' : '20261101T090000Z';
  const mail = phase !== 'import';
  const singles = phase === 'import-mail' ? MAIL_EVENTS : EVENTS - SERIES;
  const prefix = phase === 'import-mail' ? 'mail' : 'bench';
  for (let i = 0; i < singles; i++) {
    const poll = phase === 'changed' || phase === 'unchanged';
    if (poll && i % 400 === 7) continue; // 25 removed
    const moved = poll && i % 200 === 3; // 50 moved by 15 minutes
    const slot = i % 340; // 17 parallel counters × 20 half-hour slots × 29 days
    const d = 1 + (Math.floor(i / 340) % 29);
    const minutes = 8 * 60 + (slot % 20) * 30 + (moved ? 15 : 0);
    const t = (m: number) => `${day(baseMs, d)}T${pad(Math.floor(m / 60))}${pad(m % 60)}00`;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${prefix}-${i}@termine.example.org`,
      `DTSTAMP:${stamp}`,
      `DTSTART;TZID=Europe/Berlin:${t(minutes)}`,
      `DTEND;TZID=Europe/Berlin:${t(minutes + 25)}`,
      `SUMMARY:Videotermin Anmeldung ${i}`,
      `DESCRIPTION:Bitte halten Sie Ihren Personalausweis\\, die Wohnungsgeberbestätigung und eine Meldebescheinigung bereit.`,
      'LOCATION:Online',
      ...(mail ? [`ATTENDEE;CN=Bürgerin ${i};ROLE=REQ-PARTICIPANT:mailto:citizen-${i}@example.org`] : []),
      'ORGANIZER;CN=Bürgeramt Mitte:mailto:buergeramt@example.org',
      `SEQUENCE:${moved ? 1 : 0}`,
      'END:VEVENT',
    );
  }
  for (let s = 0; s < (phase === 'import-mail' ? 0 : SERIES); s++) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:bench-series-${s}@termine.example.org`,
      `DTSTAMP:${stamp}`,
      `DTSTART;TZID=Europe/Berlin:${day(baseMs, 1 + (s % 7))}T${pad(7 + (s % 10))}0000`,
      `DTEND;TZID=Europe/Berlin:${day(baseMs, 1 + (s % 7))}T${pad(7 + (s % 10))}3000`,
      'RRULE:FREQ=WEEKLY;COUNT=10',
      `SUMMARY:Video-Sprechstunde ${s}`,
      ...(mail ? [`ATTENDEE;CN=Sprechstunde ${s}:mailto:series-${s}@example.org`] : []),
      'END:VEVENT',
    );
  }
  if (phase === 'changed' || phase === 'unchanged') {
    for (let n = 0; n < 25; n++) {
      const t = `${day(baseMs, 2 + (n % 20))}T${pad(18 + (n % 3))}0000`;
      lines.push(
        'BEGIN:VEVENT',
        `UID:bench-new-${n}@termine.example.org`,
        `DTSTAMP:${stamp}`,
        `DTSTART;TZID=Europe/Berlin:${t}`,
        `SUMMARY:Neu ${n}`,
        `ATTENDEE;CN=Neu ${n}:mailto:new-${n}@example.org`,
        'END:VEVENT',
      );
    }
  }
  lines.push('END:VCALENDAR', '');
  return lines.join('\r\n');
}

// ------------------------------------------------------------------ one phase (child process)

const feedName = (phase: Phase) => (phase === 'import-mail' ? 'bench-mail' : 'bench');

/** The connector alone in this process: the feed server and the SMTP sink run in the parent. */
async function runPhase(phase: Phase, dataDir: string, peers: PeerAddresses): Promise<PhaseResult> {
  const connector = await startConnector({
    dataDir,
    env: {
      API_KEYS: API_KEY,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      ALLOW_PRIVATE_TARGETS: 'true',
      SMTP_URL: `smtp://127.0.0.1:${peers.smtpPort}`,
      VIDEO_ADMIN_URL: peers.videoAdminUrl,
      ICAL_FEEDS: JSON.stringify([{ name: feedName(phase), url: peers.feedUrl, pollSeconds: 0, lookAheadDays: 30 }]),
    },
  });
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const res = await fetch(`${connector.baseUrl}/api/feeds/${feedName(phase)}/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    const answer = (await res.json()) as {
      status: string;
      created: unknown[];
      rescheduled: unknown[];
      cancelled: unknown[];
    };
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return {
      phase,
      ms,
      cpuMs: (used.user + used.system) / 1000,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      feedBytes: 0,
      created: answer.created?.length ?? 0,
      rescheduled: answer.rescheduled?.length ?? 0,
      cancelled: answer.cancelled?.length ?? 0,
      status: answer.status ?? `HTTP ${res.status}`,
    };
  } finally {
    await connector.close();
  }
}

function runChild(phase: Phase, dataDir: string, peers: PeerAddresses, nodeFlags: string[] = []): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...nodeFlags, import.meta.filename, '--phase', phase, dataDir, JSON.stringify(peers)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(line) as PhaseResult);
      } catch {
        reject(new Error(`phase ${phase} ended with code ${code} and no result`));
      }
    });
  });
}

interface PeerAddresses {
  feedUrl: string;
  smtpPort: number;
  /** Answers the connector's admin calls (token revocation, room close) like the video service would. */
  videoAdminUrl: string;
}

/** Feed server, SMTP sink, video-service stand-in: in the parent, so they do not count for the connector's memory. */
async function startPeers() {
  let body: Buffer = Buffer.alloc(0);
  const feedServer = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' }).end(body),
  );
  await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const video = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => video.listen(0, '127.0.0.1', resolve));
  const addresses: PeerAddresses = {
    feedUrl: `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/termine.ics`,
    smtpPort: (smtp.server.address() as AddressInfo).port,
    videoAdminUrl: `http://127.0.0.1:${(video.address() as AddressInfo).port}`,
  };
  return {
    addresses,
    serve(next: Buffer) {
      body = next;
    },
    async close() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      for (const server of [feedServer, video]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

// ------------------------------------------------------------------ the benchmark

/**
 * V8 flag recommended for the connector process (docs/ical-feeds.md): on a machine with much memory
 * Node lets the young generation grow to 2 × 64 MB, which is most of a poll's peak RSS.
 */
const RECOMMENDED_FLAGS = ['--max-semi-space-size=16'];

export default async function run(): Promise<BenchResult[]> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'va-bench-feed-'));
  const flaggedDir = `${dataDir}-flagged`;
  const importFlaggedDir = `${dataDir}-import-flagged`;
  // Today 00:00 UTC as the base day: the events lie on days 1–29, inside the 30-day window.
  const baseMs = Math.floor(Date.now() / 86_400_000) * 86_400_000;
  const peers = await startPeers();
  const measure = async (phase: Phase, dir: string, flags: string[] = []) => {
    const body = Buffer.from(buildFeed(baseMs, phase));
    peers.serve(body);
    return { ...(await runChild(phase, dir, peers.addresses, flags)), feedBytes: body.length };
  };
  try {
    const imported = await measure('import', dataDir);
    const importedFlagged = await measure('import', importFlaggedDir, RECOMMENDED_FLAGS);
    await cp(dataDir, flaggedDir, { recursive: true });
    const changed = await measure('changed', dataDir);
    const unchanged = await measure('unchanged', dataDir);
    const changedFlagged = await measure('changed', flaggedDir, RECOMMENDED_FLAGS);
    const unchangedFlagged = await measure('unchanged', flaggedDir, RECOMMENDED_FLAGS);
    const withMail = await measure('import-mail', dataDir);

    const describe = (p: PhaseResult) =>
      `${(p.feedBytes / 1e6).toFixed(1)} MB feed; ${p.status}: ${p.created} created, ${p.rescheduled} rescheduled, ${p.cancelled} cancelled`;
    const load = `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
    const time = (name: string, p: PhaseResult, notes = ''): BenchResult => ({
      name,
      value: p.ms / 1000,
      unit: 's',
      target: '≤ 3 s',
      pass: p.ms <= 3000,
      notes: `${describe(p)}${notes}; ${(p.cpuMs / 1000).toFixed(2)} s CPU; ${load}`,
    });
    const memory = (name: string, p: PhaseResult, flags: string): BenchResult => ({
      name,
      value: p.maxRssMb,
      unit: 'MB',
      target: '≤ 300 MB',
      pass: p.maxRssMb <= 300,
      notes: `peak RSS of the connector process (maxRSS, its start included), ${flags}`,
    });
    const flagNote = `node ${RECOMMENDED_FLAGS.join(' ')}`;
    return [
      time('feed poll, 10,000 events, 1 % changed (SQLite)', changed),
      memory('feed poll, 10,000 events, 1 % changed: peak memory', changed, 'default Node flags'),
      memory(
        'feed poll, 10,000 events, 1 % changed: peak memory, recommended flag',
        changedFlagged,
        `${flagNote} (${(changedFlagged.ms / 1000).toFixed(2)} s)`,
      ),
      time('feed poll, 10,000 events, nothing changed (SQLite)', unchanged, '; a new body, so a full read and diff'),
      memory('feed poll, 10,000 events, nothing changed: peak memory', unchanged, 'default Node flags'),
      memory(
        'feed poll, 10,000 events, nothing changed: peak memory, recommended flag',
        unchangedFlagged,
        `${flagNote} (${(unchangedFlagged.ms / 1000).toFixed(2)} s)`,
      ),
      time(
        'first import of a 10,000-event feed (SQLite)',
        imported,
        '; no citizen address in this feed, so no mail: every instance becomes an appointment with its three link ids (tokens are signed when a link is first read)',
      ),
      memory('first import of a 10,000-event feed: peak memory', imported, 'default Node flags'),
      memory(
        'first import of a 10,000-event feed: peak memory, recommended flag',
        importedFlagged,
        `${flagNote} (${(importedFlagged.ms / 1000).toFixed(2)} s)`,
      ),
      {
        name: 'first import with citizen mail (SQLite)',
        value: withMail.created / (withMail.ms / 1000),
        unit: 'appointments/s',
        notes: `${withMail.created} new appointments in ${(withMail.ms / 1000).toFixed(1)} s, each with links and a rendered mail + .ics in the outbox; peak RSS ${withMail.maxRssMb.toFixed(0)} MB`,
      },
    ];
  } finally {
    await peers.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(flaggedDir, { recursive: true, force: true });
    await rm(importFlaggedDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--phase') {
  const [phase, dataDir, peers] = process.argv.slice(3) as [Phase, string, string];
  const result = await runPhase(phase, dataDir, JSON.parse(peers) as PeerAddresses);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
