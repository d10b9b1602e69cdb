/**
 * Test doubles for the outbound side, all REAL local HTTP servers on 127.0.0.1:0:
 * - a webhook receiver that answers from a script (status codes, redirects, Retry-After, hanging until
 *   the client gives up) and records every request;
 * - an INDEPENDENT Standard Webhooks verifier (not the product's code, so a bug there cannot cancel
 *   itself out);
 * - a stand-in for the video service's admin API that checks the bearer service token against the
 *   connector's JWKS, exactly as the video service does with join tokens.
 */
import { createHmac, createPublicKey, timingSafeEqual, type JsonWebKey } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/** What the receiver does with one request. */
export type Reply =
  | { status: number; headers?: Record<string, string>; body?: string }
  /** Never answers (the client's time limit must cut it off); the socket is closed when the receiver stops. */
  | 'hang';

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** Replies used in order for the next requests; when empty, `fallback` answers. */
  script: Reply[];
  fallback: Reply;
  /** Resolves once `count` requests matched `predicate`. */
  waitFor(count: number, predicate?: (r: ReceivedRequest) => boolean, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

/** Starts a recording receiver; `delayMs` delays every answer (to make deliveries overlap). */
export async function startReceiver(
  options: { script?: Reply[]; fallback?: Reply; delayMs?: number } = {},
): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const receiver = {
    requests,
    script: [...(options.script ?? [])],
    fallback: options.fallback ?? { status: 204 },
  } as Receiver;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      const reply = receiver.script.length ? receiver.script.shift()! : receiver.fallback;
      if (reply === 'hang') return;
      const answer = () => {
        res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
        res.end(reply.body ?? '');
      };
      if (options.delayMs) setTimeout(answer, options.delayMs);
      else answer();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.waitFor = async (count, predicate = () => true, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matching = requests.filter(predicate);
      if (matching.length >= count) return matching;
      if (Date.now() > deadline) throw new Error(`receiver: ${matching.length} of ${count} expected requests arrived`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}

/**
 * Standard Webhooks 1.0 verification written from the spec (https://www.standardwebhooks.com/):
 * HMAC-SHA256 over `${id}.${timestamp}.${body}` keyed with the base64-decoded secret after `whsec_`,
 * any `v1,` entry may match, timestamp within 5 minutes. Returns the parsed body; throws on any mismatch.
 */
export function verifyIndependently(secret: string, headers: http.IncomingHttpHeaders, body: string): any {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signature = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signature !== 'string')
    throw new Error('missing Standard Webhooks headers');
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) throw new Error('timestamp outside tolerance');
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  const ok = signature.split(' ').some((entry) => {
    const [version, value] = entry.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!ok) throw new Error('no signature matches');
  return JSON.parse(body);
}

export interface AdminCallSeen {
  path: string;
  body: any;
  claims: jwt.JwtPayload;
}

export interface AdminReceiver {
  url: string;
  /** Calls whose token verified and that were answered 2xx. */
  accepted: AdminCallSeen[];
  /** Every request (also refused ones), with the status it got. */
  seen: Array<{ path: string; status: number }>;
  /** Statuses to answer to the next calls (after a valid token) before accepting. */
  failFirst: number[];
  waitFor(count: number, predicate?: (c: AdminCallSeen) => boolean, timeoutMs?: number): Promise<AdminCallSeen[]>;
  close(): Promise<void>;
}

/**
 * A stand-in for the video service's admin API: `POST /admin/tokens/revoke` `{ jtis }` and
 * `POST /admin/rooms/:room/close`, bearer token ES256 with `aud: video-service-admin`, verified against
 * the connector's JWKS fetched from `jwksUrl` (a function when the connector starts after the receiver).
 */
export async function startAdminReceiver(jwksUrl: string | (() => string)): Promise<AdminReceiver> {
  const receiver = { accepted: [], seen: [], failFirst: [] } as unknown as AdminReceiver;
  const keyFor = async (kid: string | undefined) => {
    const { keys } = (await (await fetch(typeof jwksUrl === 'function' ? jwksUrl() : jwksUrl)).json()) as {
      keys: Array<JsonWebKey & { kid: string }>;
    };
    const jwk = keys.find((k) => k.kid === kid);
    if (!jwk) throw new Error('unknown kid');
    return createPublicKey({ key: jwk, format: 'jwk' });
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const path = req.url ?? '';
      const answer = (status: number, body: unknown = {}) => {
        receiver.seen.push({ path, status });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      let claims: jwt.JwtPayload;
      try {
        const header = jwt.decode(token ?? '', { complete: true })?.header;
        claims = jwt.verify(token ?? '', await keyFor(header?.kid), {
          algorithms: ['ES256'],
          audience: 'video-service-admin',
        }) as jwt.JwtPayload;
      } catch {
        return answer(401, { error: 'unauthorized' });
      }
      if (req.method !== 'POST' || !/^\/admin\/(tokens\/revoke|rooms\/[a-z0-9-]+\/close)$/.test(path))
        return answer(404);
      if (receiver.failFirst.length) return answer(receiver.failFirst.shift()!);
      let body: any;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        return answer(400);
      }
      receiver.accepted.push({ path, body, claims });
      answer(200, { ok: true });
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.waitFor = async (count, predicate = () => true, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matching = receiver.accepted.filter(predicate);
      if (matching.length >= count) return matching;
      if (Date.now() > deadline)
        throw new Error(`admin receiver: ${matching.length} of ${count} expected calls arrived`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}

/** Polls `check` until it returns a truthy value or throws after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
