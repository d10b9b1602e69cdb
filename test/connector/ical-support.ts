/**
 * Helpers for the iCal feed tests: a REAL local HTTP server serving feeds (ETag/Last-Modified and
 * 304 answers, outages, 500s, garbage), fixture loading with relative dates, an independent
 * wall-time → UTC conversion for expected values, and the sync call of the REST route.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const API_KEY = 'test-api-key-0123456789abcdef';
const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'ical');

export interface ServedFeed {
  body: Buffer;
  /** Default 200. */
  status?: number;
  /** Default `text/calendar; charset=utf-8`. */
  contentType?: string;
  /** Answer ETag / Last-Modified and honour If-None-Match / If-Modified-Since (default true). */
  validators?: boolean;
  /** Milliseconds to wait before answering (to make concurrent polls overlap). */
  delayMs?: number;
  /** With a 3xx status: where to. */
  location?: string;
}

export interface FeedRequest {
  path: string;
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
  status: number;
}

/** A feed server on 127.0.0.1 that can go down and come back on the same port. */
export class FeedServer {
  readonly requests: FeedRequest[] = [];
  /** Most requests in progress at the same time, per path. */
  readonly maxConcurrent = new Map<string, number>();
  #feeds = new Map<string, ServedFeed>();
  #inFlight = new Map<string, number>();
  #server: Server | undefined;
  #port = 0;

  static async start(): Promise<FeedServer> {
    const s = new FeedServer();
    await s.up();
    return s;
  }

  url(name: string): string {
    return `http://127.0.0.1:${this.#port}/feeds/${name}.ics`;
  }

  set(name: string, feed: ServedFeed | string | Buffer): void {
    const served = typeof feed === 'string' || Buffer.isBuffer(feed) ? { body: Buffer.from(feed) } : feed;
    this.#feeds.set(`/feeds/${name}.ics`, served);
  }

  requestsFor(name: string): FeedRequest[] {
    return this.requests.filter((r) => r.path === `/feeds/${name}.ics`);
  }

  /** Starts listening (again, on the same port after `down()`). */
  async up(): Promise<void> {
    const server = createServer((req, res) => void this.#answer(req, res));
    await new Promise<void>((resolve) => server.listen(this.#port, '127.0.0.1', resolve));
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Stops listening: connections are refused until `up()`. */
  async down(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #answer(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const feed = this.#feeds.get(url);
    const inFlight = (this.#inFlight.get(url) ?? 0) + 1;
    this.#inFlight.set(url, inFlight);
    this.maxConcurrent.set(url, Math.max(this.maxConcurrent.get(url) ?? 0, inFlight));
    const finish = (status: number, headers: Record<string, string>, body?: Buffer) => {
      this.#inFlight.set(url, (this.#inFlight.get(url) ?? 1) - 1);
      this.requests.push({
        path: url,
        ifNoneMatch: req.headers['if-none-match'] as string | undefined,
        ifModifiedSince: req.headers['if-modified-since'] as string | undefined,
        status,
      });
      res.writeHead(status, headers);
      res.end(body);
    };
    if (feed?.delayMs) await new Promise((r) => setTimeout(r, feed.delayMs));
    if (!feed) return finish(404, { 'content-type': 'text/plain' }, Buffer.from('not found'));
    const status = feed.status ?? 200;
    if (status !== 200)
      return finish(
        status,
        { 'content-type': 'text/html', ...(feed.location ? { location: feed.location } : {}) },
        feed.body,
      );
    const headers: Record<string, string> = { 'content-type': feed.contentType ?? 'text/calendar; charset=utf-8' };
    if (feed.validators !== false) {
      const etag = `"${createHash('sha1').update(feed.body).digest('hex')}"`;
      headers.etag = etag;
      headers['last-modified'] = 'Wed, 18 Nov 2026 10:00:00 GMT';
      if (req.headers['if-none-match'] === etag) return finish(304, { etag });
    }
    finish(200, headers, feed.body);
  }
}

/** Local calendar date `days` from now in Europe/Berlin, as `YYYYMMDD`. */
export function berlinDate(days: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + days * 86_400_000));
  return parts.replace(/-/g, '');
}

/**
 * The UTC instant at which a clock in `zone` shows `YYYYMMDD` + `HH:MM` — computed by trying every
 * quarter-hour offset and formatting back (independent of the connector's own conversion).
 */
export function wallToUtc(date: string, time: string, zone = 'Europe/Berlin'): Date {
  const wall = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)} ${time}`;
  const asUtc = Date.parse(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${time}:00Z`);
  const format = new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (let quarter = -56; quarter <= 56; quarter++) {
    const candidate = new Date(asUtc - quarter * 15 * 60_000);
    if (format.format(candidate) === wall) return candidate;
  }
  throw new Error(`no instant shows ${wall} in ${zone}`);
}

/**
 * Reads `fixtures/ical/<file>` as BYTES and replaces `{{D+n}}` / `{{D-n}}` by the Berlin date n days
 * from now (so the fixtures stay inside the look-ahead window). latin1 keeps every byte as it is.
 */
export function fixture(file: string, vars: Record<string, string> = {}): Buffer {
  const text = readFileSync(path.join(FIXTURES, file)).toString('latin1');
  const replaced = text
    .replace(/\{\{D([+-])(\d+)\}\}/g, (_m, sign: string, n: string) =>
      berlinDate(sign === '+' ? Number(n) : -Number(n)),
    )
    .replace(/\{\{(\w+)\}\}/g, (m, key: string) => vars[key] ?? m);
  return Buffer.from(replaced, 'latin1');
}

export interface SyncAnswer {
  status: number;
  body: {
    feed: string;
    status: 'changed' | 'not_modified' | 'error';
    created: Array<{ externalId: string; appointmentId: string }>;
    rescheduled: Array<{ externalId: string; appointmentId: string }>;
    cancelled: Array<{ externalId: string; appointmentId: string }>;
    failed: Array<{ externalId: string; error: string }>;
    error?: { code: string; message: string };
  } & Record<string, unknown>;
}

/** `POST /api/feeds/<name>/sync` with the test API key (or `key`). */
export async function syncFeed(baseUrl: string, name: string, key: string | null = API_KEY): Promise<SyncAnswer> {
  const res = await fetch(`${baseUrl}/api/feeds/${name}/sync`, {
    method: 'POST',
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  return { status: res.status, body: (await res.json()) as SyncAnswer['body'] };
}

/** One feed entry of ICAL_FEEDS for `server`, manual polling unless `pollSeconds` is given. */
export function feedEntry(
  server: FeedServer,
  name: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { name, url: server.url(name), pollSeconds: 0, ...extra };
}

/** ms of a stored DATETIME column (SQLite gives text, MariaDB a Date). */
export const ms = (value: unknown): number => new Date(value as string).getTime();

/** A minimal VEVENT in Europe/Berlin (`date` YYYYMMDD, times HH:MM). */
export function vevent(e: {
  uid: string;
  date: string;
  from: string;
  to: string;
  summary?: string;
  sequence?: number;
  extra?: string[];
}): string {
  const t = (hhmm: string) => `${e.date}T${hhmm.replace(':', '')}00`;
  return [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    'DTSTAMP:20261101T090000Z',
    `DTSTART;TZID=Europe/Berlin:${t(e.from)}`,
    `DTEND;TZID=Europe/Berlin:${t(e.to)}`,
    `SUMMARY:${e.summary ?? 'Videotermin'}`,
    `SEQUENCE:${e.sequence ?? 0}`,
    'ATTENDEE;CN=Erika Mustermann:mailto:erika@example.org',
    ...(e.extra ?? []),
    'END:VEVENT',
  ].join('\r\n');
}

/** A VCALENDAR around `events` (METHOD:PUBLISH unless given). */
export function calendar(events: string[], method = 'PUBLISH'): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//Feed//DE',
    `METHOD:${method}`,
    ...events,
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
