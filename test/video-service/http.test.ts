/**
 * The HTTP edge: security headers everywhere, caching rules, the room UI files (and a clear 503 when the UI
 * is not built), JSON errors, the body limit, the rate limit on the session exchange, and the socket.io
 * origin check.
 */
import { expect } from 'chai';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createSigningKey,
  postSession,
  signJoinToken,
  startVideoService,
  type StartedVideoService,
} from './support.ts';
import { io as connect } from 'socket.io-client';

const CSP =
  "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

describe('http: headers, room UI files and errors', function () {
  this.timeout(20_000);
  const key = createSigningKey();
  let dist: string;
  let video: StartedVideoService;

  before(async () => {
    dist = await mkdtemp(path.join(tmpdir(), 'va-dist-'));
    await mkdir(path.join(dist, 'assets'));
    await writeFile(
      path.join(dist, 'index.html'),
      '<!doctype html><title>Virtuelles Amt</title><script type="module" src="/assets/room-abc123.js"></script>',
    );
    await writeFile(path.join(dist, 'assets', 'room-abc123.js'), 'console.log("room");');
    video = await startVideoService({ keys: [key], env: { WEB_DIST_DIR: dist, SESSION_RATE_LIMIT_PER_MINUTE: '5' } });
  });

  after(async () => {
    await video?.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('every answer carries CSP, no-referrer, nosniff and the permissions policy', async () => {
    for (const [method, route] of [
      ['GET', '/healthz'],
      ['GET', '/join'],
      ['GET', '/assets/room-abc123.js'],
      ['GET', '/nowhere'],
      ['GET', '/api/session'],
      ['POST', '/api/session'],
    ]) {
      const res = await fetch(`${video.baseUrl}${route}`, { method });
      expect(res.headers.get('content-security-policy'), route).to.equal(CSP);
      expect(res.headers.get('referrer-policy'), route).to.equal('no-referrer');
      expect(res.headers.get('x-content-type-options'), route).to.equal('nosniff');
      expect(res.headers.get('permissions-policy'), route).to.equal(
        'camera=(self), microphone=(self), display-capture=(self)',
      );
      expect(res.headers.get('x-powered-by'), route).to.equal(null);
    }
  });

  it('gives every page a tab icon: /favicon.svg (and /favicon.ico) answer an SVG', async () => {
    for (const route of ['/favicon.svg', '/favicon.ico']) {
      const res = await fetch(`${video.baseUrl}${route}`);
      expect(res.status, route).to.equal(200);
      expect(res.headers.get('content-type'), route).to.match(/^image\/svg\+xml/);
      expect(await res.text(), route).to.match(/^<svg /);
    }
    const verify = await (await fetch(`${video.baseUrl}/verify`)).text();
    expect(verify).to.include('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
  });

  it('serves the room page uncached and hashed assets cached for a year', async () => {
    const page = await fetch(`${video.baseUrl}/join`);
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-type')).to.match(/^text\/html/);
    expect(page.headers.get('cache-control')).to.equal('no-store');
    expect(await page.text()).to.include('/assets/room-abc123.js');
    const asset = await fetch(`${video.baseUrl}/assets/room-abc123.js`);
    expect(asset.status).to.equal(200);
    expect(asset.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    expect(await asset.text()).to.equal('console.log("room");');
    const missing = await fetch(`${video.baseUrl}/assets/nothing.js`);
    expect(missing.status).to.equal(404);
    expect(await missing.json()).to.deep.equal({ error: 'not_found', message: 'Not found' });
  });

  it('answers 503 with a clear message when the room UI is not built', async () => {
    const unbuilt = await startVideoService({ keys: [key], env: { WEB_DIST_DIR: path.join(dist, 'not-built') } });
    try {
      const res = await fetch(`${unbuilt.baseUrl}/join`);
      expect(res.status).to.equal(503);
      expect(await res.text()).to.match(/not been built yet.*npm run build/);
    } finally {
      await unbuilt.close();
    }
  });

  it('health, readiness and JSON 404', async () => {
    expect(await (await fetch(`${video.baseUrl}/healthz`)).json()).to.deep.equal({ status: 'ok' });
    const ready = await fetch(`${video.baseUrl}/readyz`);
    expect(ready.status).to.equal(200);
    expect((await ready.json()).database).to.equal('ok');
    const nowhere = await fetch(`${video.baseUrl}/api/nowhere`);
    expect(nowhere.status).to.equal(404);
    expect(nowhere.headers.get('cache-control')).to.equal('no-store');
    expect(await nowhere.json()).to.deep.equal({ error: 'not_found', message: 'Not found' });
  });

  it('refuses API bodies over 16 kB and malformed JSON', async () => {
    const big = await fetch(`${video.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'x'.repeat(17 * 1024) }),
    });
    expect(big.status).to.equal(413);
    expect((await big.json()).error).to.equal('too_large');
    const broken = await fetch(`${video.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"token":',
    });
    expect(broken.status).to.equal(400);
    expect((await broken.json()).error).to.equal('invalid_input');
  });

  it('rate-limits the session exchange per client', async () => {
    const limited = await startVideoService({ keys: [key], env: { SESSION_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await postSession(limited.baseUrl, signJoinToken(key))).status);
      expect(statuses).to.deep.equal([201, 201, 201, 429, 429]);
      const res = await fetch(`${limited.baseUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(Number(res.headers.get('retry-after'))).to.be.within(1, 60);
    } finally {
      await limited.close();
    }
  });

  it('socket.io refuses browsers from another origin, even with a valid session', async () => {
    const { body } = await postSession(video.baseUrl, signJoinToken(key));
    const sessionToken = body.sessionToken as string;
    const attempt = async (origin: string) => {
      const socket = connect(video.baseUrl, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth: { session: sessionToken },
        extraHeaders: { origin },
      });
      const outcome = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', () => resolve('refused'));
      });
      socket.close();
      return outcome;
    };
    expect(await attempt('https://evil.example')).to.equal('refused');
    expect(await attempt(video.baseUrl), "the page's own origin").to.equal('connected');
  });
});
