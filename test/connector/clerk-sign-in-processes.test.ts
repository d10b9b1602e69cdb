/**
 * The clerk's sign-in and session behind a load balancer (docs/adr/0170): two connector apps with one PUBLIC_URL,
 * one database, one DATA_DIR and one Redis. The sign-in starts on A and the provider's redirect back lands on B
 * (state, nonce and PKCE verifier are rows, not memory); the session then works on both, including B's live
 * channel hearing a change that came in on A, and a sign-out on B ends it on A as well.
 */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DevIdentityProvider } from '../../connector/src/demo/dev-idp/dev-identity-provider.ts';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { freePort } from '../support/ports.ts';
import { newSecret } from '../support/standard-webhooks.ts';
import { Browser, CLIENT_ID, signInUntilCallback } from './clerk-support.ts';
import { citizenWaiting, openLive, postRoomEvent, type LiveStream } from './clerk-workplace-support.ts';
import { makeGenericPayload, postGenericWebhook, startConnector, type StartedConnector } from './support.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SESSION = 'va_clerk';
const CLIENT_SECRET = 'test-client-secret-0123456789';

for (const { kind, create } of DATABASES) {
  describe(`clerk sign-in across two connector processes (${kind})`, function () {
    this.timeout(60_000);
    const prefix = `va-test-${randomBytes(6).toString('hex')}`;
    const eventsSecret = newSecret();
    const webhookSecret = newSecret();
    let db: TestDatabase;
    let dataDir: string;
    let idp: DevIdentityProvider;
    let a: StartedConnector;
    let b: StartedConnector;
    /** The one public address both sit behind (A's port: the provider redirects there). */
    let publicUrl: string;
    const streams: LiveStream[] = [];

    before(async () => {
      db = await create();
      dataDir = await mkdtemp(path.join(tmpdir(), 'va-connector-shared-'));
      const [portA, portB] = [await freePort(), await freePort()];
      publicUrl = `http://127.0.0.1:${portA}`;
      idp = await DevIdentityProvider.start({
        clients: [
          {
            clientId: CLIENT_ID,
            clientSecret: CLIENT_SECRET,
            redirectUris: [`${publicUrl}/clerk/callback`],
            postLogoutRedirectUris: [`${publicUrl}/clerk/login`],
          },
        ],
      });
      const start = (port: number) =>
        startConnector({
          databaseUrl: db.url,
          dataDir,
          webhookSecret,
          env: {
            PORT: String(port),
            PUBLIC_URL: publicUrl,
            CLERK_OIDC_ISSUER: idp.issuer,
            CLERK_OIDC_CLIENT_ID: CLIENT_ID,
            CLERK_OIDC_CLIENT_SECRET: CLIENT_SECRET,
            VIDEO_EVENTS_WEBHOOK_SECRET: eventsSecret,
            REDIS_URL,
            REDIS_KEY_PREFIX: prefix,
          },
        });
      a = await start(portA);
      b = await start(portB);
    });
    after(async () => {
      for (const s of streams) s.close();
      await a?.close();
      await b?.close();
      await idp?.close();
      await db?.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('finishes on B a sign-in started on A; the session then holds on both and B hears changes from A', async () => {
      const browser = new Browser();
      const callback = new URL(await signInUntilCallback(browser, a.baseUrl, 'mbeispiel'));
      expect(callback.origin).to.equal(publicUrl);
      // The load balancer sends the provider's redirect back to the other process.
      const landed = await browser.request(`${b.baseUrl}${callback.pathname}${callback.search}`);
      expect(landed.status, landed.text).to.equal(303);
      expect(landed.headers.get('location')).to.equal('/clerk');
      const session = browser.cookie(b.baseUrl, SESSION);
      expect(session).to.be.a('string');
      const cookie = { cookie: `${SESSION}=${session}` };
      for (const on of [a, b]) {
        const list = await fetch(`${on.baseUrl}/clerk/api/appointments`, { headers: cookie });
        expect(list.status, on.baseUrl).to.equal(200);
        expect(((await list.json()) as any).me).to.include({ id: 'mbeispiel' });
      }

      const liveOnB = await openLive(b.baseUrl, cookie);
      streams.push(liveOnB);
      expect(liveOnB.status).to.equal(200);
      await liveOnB.next((m) => m.event === 'ready');
      const booked = await postGenericWebhook(
        a.baseUrl,
        webhookSecret,
        makeGenericPayload({ appointment: { services: ['anmeldung'] } }),
      );
      const { appointmentId, roomId } = booked.body as { appointmentId: string; roomId: string };
      await postRoomEvent(a.baseUrl, eventsSecret, citizenWaiting(roomId, appointmentId));
      await liveOnB.next(
        (m) => m.event === 'row' && m.data.row.id === appointmentId && m.data.row.status === 'waiting',
      );
    });

    it('ends the session on A when the clerk signs out on B (the CSRF token needs no per-process state)', async () => {
      const browser = new Browser();
      const callback = new URL(await signInUntilCallback(browser, a.baseUrl, 'afischer'));
      await browser.request(`${b.baseUrl}${callback.pathname}${callback.search}`);
      const session = browser.cookie(b.baseUrl, SESSION)!;
      const csrf = browser.cookie(b.baseUrl, 'va_clerk_csrf')!;
      const out = await browser.request(`${b.baseUrl}/clerk/logout`, {
        method: 'POST',
        headers: { origin: publicUrl },
        form: { _csrf: csrf },
      });
      expect(out.status, out.text).to.equal(200);
      const afterwards = await fetch(`${a.baseUrl}/clerk/api/appointments`, {
        headers: { cookie: `${SESSION}=${session}` },
      });
      expect(afterwards.status).to.equal(401);
    });
  });
}
