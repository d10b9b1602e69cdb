/**
 * Plug-in tokens (issue 13, item 3; docs/ui-plugins.md): a scheduler's backend gets a short-lived token for one
 * clerk with its API key; the browser uses it as a bearer token on the workplace API and live channel, from
 * another origin (CORS for PLUGIN_ALLOWED_ORIGINS only). Expired, tampered, foreign-audience, foreign-key tokens
 * are refused; a token of desk A sees nothing of desk B; take-next works with the token and without CSRF.
 */
import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Writable } from 'node:stream';
import { createLogger } from '../../connector/src/log.ts';
import { issuePluginToken } from '../../connector/src/tokens/plugin-token.ts';
import { fromPem } from '../../connector/src/tokens/signing-key.ts';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { newSecret } from '../support/standard-webhooks.ts';
import {
  citizenWaiting,
  clerkHeaders,
  openLive,
  postRoomEvent,
  testAuthenticate,
  type LiveStream,
} from './clerk-workplace-support.ts';
import { makeGenericPayload, postGenericWebhook, startConnector, type StartedConnector } from './support.ts';

const API_KEY = 'scheduler-test-key-0123456789';
const SCHEDULER = 'http://scheduler.test:8080';

for (const { kind, create } of DATABASES) {
  describe(`plug-in tokens for the workplace (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let c: StartedConnector;
    const eventsSecret = newSecret();
    const streams: LiveStream[] = [];
    /** Everything the connector logged, at debug level. */
    const logged: string[] = [];
    const logSink = new Writable({ write: (chunk, _enc, done) => (logged.push(String(chunk)), done()) });

    before(async () => {
      db = await create();
      c = await startConnector({
        databaseUrl: db.url,
        env: {
          VIDEO_EVENTS_WEBHOOK_SECRET: eventsSecret,
          JOIN_LINKS: 'short',
          API_KEYS: API_KEY,
          PLUGIN_ALLOWED_ORIGINS: `${SCHEDULER},https://other.example`,
        },
        connectorOptions: {
          authenticateClerk: testAuthenticate,
          liveHeartbeatMs: 300,
          logger: createLogger('debug', 'connector', logSink),
        },
      });
    });
    after(async () => {
      for (const s of streams) s.close();
      await c?.close();
      await db?.drop();
    });

    const requestToken = async (body: unknown, key = API_KEY) => {
      const res = await fetch(`${c.baseUrl}/api/plugin-tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as any };
    };
    const tokenFor = async (id: string, desks: string[], ttlSeconds?: number) => {
      const res = await requestToken({
        clerk: { id, name: `Clerk ${id}`, desks },
        ...(ttlSeconds ? { ttlSeconds } : {}),
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      issuedTokens.push(res.body.token as string);
      return res.body.token as string;
    };
    const issuedTokens: string[] = [];
    const list = async (token: string, extra: Record<string, string> = {}) => {
      const res = await fetch(`${c.baseUrl}/clerk/api/appointments`, {
        headers: { authorization: `Bearer ${token}`, ...extra },
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as any };
    };
    async function book(services: string[]) {
      const res = await postGenericWebhook(
        c.baseUrl,
        c.webhookSecret,
        makeGenericPayload({ appointment: { services } }, 5),
      );
      expect(res.status).to.be.within(200, 201);
      return { appointmentId: res.body.appointmentId as string, roomId: res.body.roomId as string };
    }

    it('issues a token only for a valid API key, for known desks, for at most 8 hours', async () => {
      expect(
        (await requestToken({ clerk: { id: 'anna', name: 'Anna', desks: [] } }, 'wrong-key-0123456789abc')).status,
      ).to.equal(401);
      const unknownDesk = await requestToken({ clerk: { id: 'anna', name: 'Anna', desks: ['nowhere'] } });
      expect(unknownDesk.status).to.equal(422);
      expect(
        (await requestToken({ clerk: { id: 'anna', name: 'Anna', desks: ['kfz'] }, ttlSeconds: 8 * 3600 + 1 })).status,
      ).to.equal(422);
      expect((await requestToken({ clerk: { id: '', name: 'Anna', desks: ['kfz'] } })).status).to.equal(422);

      const before = Math.floor(Date.now() / 1000);
      const res = await requestToken({ clerk: { id: 'anna', name: 'Anna Berger', desks: ['buergeramt-mitte'] } });
      expect(res.status).to.equal(201);
      expect(res.headers.get('cache-control')).to.equal('no-store');
      expect(res.body).to.include({ tokenType: 'Bearer', audience: 'va-plugin' });
      const decoded = jwt.decode(res.body.token, { complete: true }) as jwt.Jwt & { payload: jwt.JwtPayload };
      expect(decoded.header).to.include({ alg: 'ES256', kid: c.connector.signingKey.kid });
      expect(decoded.payload).to.include({ aud: 'va-plugin', sub: 'anna', iss: c.connector.publicUrl });
      expect(decoded.payload.desks).to.deep.equal(['buergeramt-mitte']);
      expect(decoded.payload.exp! - before).to.be.within(3599, 3601);
      expect(Date.parse(res.body.expiresAt) / 1000).to.equal(decoded.payload.exp);
      const long = jwt.decode(await tokenFor('anna', ['kfz'], 8 * 3600)) as jwt.JwtPayload;
      expect(long.exp! - long.iat!).to.equal(8 * 3600);
    });

    it("a token of desk A lists and streams desk A's appointments and nothing of desk B", async () => {
      const mitte = await book(['anmeldung']);
      const kfz = await book(['kfz-zulassung']);
      const tokenA = await tokenFor('anna', ['buergeramt-mitte']);
      const tokenB = await tokenFor('kai', ['kfz']);
      const a = await list(tokenA);
      expect(a.status).to.equal(200);
      expect(a.body.me).to.deep.include({ id: 'anna', name: 'Clerk anna' });
      const idsA = a.body.items.map((r: any) => r.id);
      expect(idsA).to.include(mitte.appointmentId).and.not.include(kfz.appointmentId);
      const idsB = (await list(tokenB)).body.items.map((r: any) => r.id);
      expect(idsB).to.include(kfz.appointmentId).and.not.include(mitte.appointmentId);

      const liveA = await openLive(c.baseUrl, { authorization: `Bearer ${tokenA}` });
      const liveB = await openLive(c.baseUrl, { authorization: `Bearer ${tokenB}` });
      streams.push(liveA, liveB);
      expect(liveA.status).to.equal(200);
      await liveA.next((m) => m.event === 'ready');
      await liveB.next((m) => m.event === 'ready');
      expect(
        (await postRoomEvent(c.baseUrl, eventsSecret, citizenWaiting(kfz.roomId, kfz.appointmentId))).status,
      ).to.equal(200);
      expect(
        (await postRoomEvent(c.baseUrl, eventsSecret, citizenWaiting(mitte.roomId, mitte.appointmentId))).status,
      ).to.equal(200);
      const seen = await liveA.next((m) => m.event === 'row' && m.data.row.id === mitte.appointmentId);
      expect(seen.data.row.status).to.equal('waiting');
      await liveB.next((m) => m.event === 'row' && m.data.row.id === kfz.appointmentId);
      expect(liveA.messages.some((m) => JSON.stringify(m).includes(kfz.appointmentId))).to.equal(false);
      expect(liveB.messages.some((m) => JSON.stringify(m).includes(mitte.appointmentId))).to.equal(false);
    });

    it('refuses expired, tampered, foreign-audience, foreign-key, unsigned and query-string tokens with 401', async () => {
      const key = c.connector.signingKey;
      const issuer = c.connector.publicUrl;
      const clerk = { id: 'anna', name: 'Anna', desks: ['buergeramt-mitte'] };
      const expired = issuePluginToken(key, {
        issuer,
        clerk,
        ttlSeconds: 60,
        now: new Date(Date.now() - 120_000),
      }).token;
      const good = await tokenFor('anna', ['buergeramt-mitte']);
      const [h, p, s] = good.split('.');
      const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
      const widened = Buffer.from(JSON.stringify({ ...payload, desks: ['buergeramt-mitte', 'kfz'] })).toString(
        'base64url',
      );
      const tampered = `${h}.${widened}.${s}`;
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        iss: issuer,
        sub: 'anna',
        name: 'Anna',
        desks: ['kfz'],
        scope: 'clerk-workplace',
        jti: 'x',
        iat: now,
        exp: now + 600,
      };
      const foreignAudience = jwt.sign({ ...claims, aud: 'video-service' }, key.privateKey, {
        algorithm: 'ES256',
        keyid: key.kid,
      });
      const foreignIssuer = jwt.sign(
        { ...claims, aud: 'va-plugin', iss: 'https://elsewhere.example' },
        key.privateKey,
        { algorithm: 'ES256', keyid: key.kid },
      );
      const other = fromPem(
        generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
          format: 'pem',
          type: 'pkcs8',
        }) as string,
      );
      const foreignKey = jwt.sign({ ...claims, aud: 'va-plugin' }, other.privateKey, {
        algorithm: 'ES256',
        keyid: key.kid,
      });
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, aud: 'va-plugin' })).toString('base64url')}.`;
      for (const [name, token] of Object.entries({
        expired,
        tampered,
        foreignAudience,
        foreignIssuer,
        foreignKey,
        unsigned,
      })) {
        const res = await list(token);
        expect(res.status, name).to.equal(401);
        const live = await fetch(`${c.baseUrl}/clerk/api/live`, { headers: { authorization: `Bearer ${token}` } });
        expect(live.status, `${name} live`).to.equal(401);
        await live.body?.cancel();
      }
      const query = await fetch(`${c.baseUrl}/clerk/api/appointments?access_token=${good}`);
      expect(query.status).to.equal(401);
      expect((await list(good)).status).to.equal(200);
    });

    it('ends the live channel with signed_out once the token has expired', async () => {
      const token = issuePluginToken(c.connector.signingKey, {
        issuer: c.connector.publicUrl,
        clerk: { id: 'anna', name: 'Anna', desks: ['buergeramt-mitte'] },
        ttlSeconds: 1,
      }).token;
      const live = await openLive(c.baseUrl, { authorization: `Bearer ${token}` });
      streams.push(live);
      expect(live.status).to.equal(200);
      await live.next((m) => m.event === 'ready');
      // 1 s lifetime + 5 s clock tolerance + a heartbeat.
      await live.next((m) => m.event === 'signed_out', 10_000);
    });

    it('takes the next citizen with a token and no CSRF pair; two plug-ins at once get one citizen once', async () => {
      const first = await book(['ummeldung']);
      expect(
        (
          await postRoomEvent(
            c.baseUrl,
            eventsSecret,
            citizenWaiting(first.roomId, first.appointmentId, new Date(Date.now() - 3_600_000)),
          )
        ).status,
      ).to.equal(200);
      const tokenAnna = await tokenFor('anna', ['buergeramt-mitte']);
      const tokenBen = await tokenFor('ben', ['buergeramt-mitte']);
      const tokenKai = await tokenFor('kai', ['kfz']);
      const take = (token: string, desk = 'buergeramt-mitte') =>
        fetch(`${c.baseUrl}/clerk/api/desks/${desk}/take-next`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, origin: SCHEDULER },
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
      expect((await take(tokenKai)).status).to.equal(403);
      const [a, b] = await Promise.all([take(tokenAnna), take(tokenBen)]);
      // The longest-waiting citizen went to exactly one of them; the other got another citizen or a 409.
      const taken = [a, b].filter((r) => r.status === 200).map((r) => r.body.row.id as string);
      expect(taken).to.include(first.appointmentId);
      expect(new Set(taken).size).to.equal(taken.length);
      for (const r of [a, b]) expect(r.status).to.be.oneOf([200, 409]);
      // A cookie/session request still needs the CSRF pair.
      const session = await fetch(`${c.baseUrl}/clerk/api/desks/buergeramt-mitte/take-next`, {
        method: 'POST',
        headers: clerkHeaders('anna', c.baseUrl, false),
      });
      expect(session.status).to.equal(403);
      // An invalid bearer token beside a session does not skip CSRF either.
      const mixed = await fetch(`${c.baseUrl}/clerk/api/desks/buergeramt-mitte/take-next`, {
        method: 'POST',
        headers: { ...clerkHeaders('anna', c.baseUrl, false), authorization: 'Bearer a.b.c' },
      });
      expect(mixed.status).to.equal(403);
    });

    it('never logs a plug-in token, the API key or a clerk name', () => {
      const text = logged.join('');
      expect(text).to.include('plug-in token issued');
      expect(issuedTokens.length).to.be.greaterThan(3);
      for (const token of issuedTokens) expect(text).to.not.include(token.split('.')[2]!);
      expect(text).to.not.include(API_KEY);
      expect(text).to.not.match(/Clerk anna|Anna Berger/);
    });

    it('answers CORS for the allowed origins only, with the Authorization header and without credentials', async () => {
      const preflight = (origin: string, method = 'GET') =>
        fetch(`${c.baseUrl}/clerk/api/live`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': method,
            'access-control-request-headers': 'authorization',
          },
        });
      const ok = await preflight(SCHEDULER);
      expect(ok.status).to.equal(204);
      expect(ok.headers.get('access-control-allow-origin')).to.equal(SCHEDULER);
      expect(ok.headers.get('access-control-allow-headers')).to.match(/authorization/i);
      expect(ok.headers.get('access-control-allow-methods')).to.include('POST');
      expect(ok.headers.get('access-control-allow-credentials')).to.equal(null);
      expect(ok.headers.get('vary')).to.match(/origin/i);
      const evil = await preflight('https://evil.example', 'POST');
      expect(evil.status).to.equal(403);
      expect(evil.headers.get('access-control-allow-origin')).to.equal(null);

      const token = await tokenFor('anna', ['buergeramt-mitte']);
      const allowed = await list(token, { origin: 'https://other.example' });
      expect(allowed.headers.get('access-control-allow-origin')).to.equal('https://other.example');
      const other = await list(token, { origin: 'https://evil.example' });
      expect(other.headers.get('access-control-allow-origin')).to.equal(null);
      const unauthenticated = await fetch(`${c.baseUrl}/clerk/api/appointments`, { headers: { origin: SCHEDULER } });
      expect(unauthenticated.status).to.equal(401);
      // The plug-in can read the 401 and ask its host for a new token.
      expect(unauthenticated.headers.get('access-control-allow-origin')).to.equal(SCHEDULER);
      // Nothing outside /clerk/api gets CORS.
      const api = await fetch(`${c.baseUrl}/api/plugin-tokens`, {
        method: 'OPTIONS',
        headers: { origin: SCHEDULER, 'access-control-request-method': 'POST' },
      });
      expect(api.headers.get('access-control-allow-origin')).to.equal(null);
    });
  });
}
