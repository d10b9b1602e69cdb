import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { openDatabaseProbe } from './support.ts';
import { Browser, signIn, signInUntilCallback, startSignInStack, type SignInStack } from './clerk-support.ts';

/** The session cookie's name on http (development and tests): without the __Host- prefix. */
const SESSION = 'va_clerk';

for (const { kind, create } of DATABASES) {
  describe(`clerk sign-in with OpenID Connect (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let s: SignInStack;

    before(async () => {
      db = await create();
      s = await startSignInStack({ databaseUrl: db.url });
    });
    after(async () => {
      await s?.close();
      await db?.drop();
    });

    /** The principal the workplace's routes would see for this browser. */
    const principalOf = (browser: Browser) =>
      s.connector.connector.authenticateClerk({
        headers: { cookie: `${SESSION}=${browser.cookie(s.baseUrl, SESSION) ?? ''}` },
      } as never);

    it('a clerk signs in with code + PKCE at the provider and lands on /clerk with a session cookie', async () => {
      const browser = new Browser();
      const login = await browser.request(`${s.baseUrl}/clerk/login?returnTo=/clerk`);
      expect(login.status).to.equal(303);
      const authorize = new URL(login.headers.get('location')!);
      expect(authorize.origin).to.equal(s.idp.issuer);
      expect(authorize.searchParams.get('code_challenge_method')).to.equal('S256');
      expect(authorize.searchParams.get('code_challenge')).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(authorize.searchParams.get('state')).to.have.length.greaterThan(20);
      expect(authorize.searchParams.get('nonce')).to.have.length.greaterThan(20);
      expect(authorize.searchParams.get('redirect_uri')).to.equal(`${s.baseUrl}/clerk/callback`);
      // The verifier stays on the server: nothing in the URL or the cookie is it.
      expect(login.headers.getSetCookie().join(';')).to.not.include(authorize.searchParams.get('state')!);

      const landed = await signIn(browser, s.baseUrl, 'mbeispiel');
      expect(landed.status).to.equal(200);
      expect(landed.hops.at(-1)).to.equal(`${s.baseUrl}/clerk`);
      expect(landed.text).to.include('Max Beispiel');
      const cookieLine = (await fetch(`${s.baseUrl}/clerk/login`, { redirect: 'manual' })).headers
        .getSetCookie()
        .join('\n');
      expect(cookieLine).to.match(/va_clerk_login=.*HttpOnly/);
      const principal = await principalOf(browser);
      expect(principal).to.include({ id: 'mbeispiel', name: 'Max Beispiel', email: 'max.beispiel@amt.example' });
      expect(principal!.desks).to.deep.equal(['buergeramt-mitte']);
    });

    it('sets the session cookie HttpOnly, SameSite=Lax, Path=/ and a readable CSRF cookie, and stores only a hash', async () => {
      const browser = new Browser();
      const callback = await signInUntilCallback(browser, s.baseUrl, 'afischer');
      const answer = await browser.request(callback);
      expect(answer.status).to.equal(303);
      const cookies = answer.headers.getSetCookie();
      const session = cookies.find((c) => c.startsWith(`${SESSION}=`))!;
      expect(session)
        .to.match(/HttpOnly/)
        .and.match(/SameSite=Lax/)
        .and.match(/Path=\//);
      expect(session).to.not.match(/Secure/); // http in tests: no __Host- prefix, no Secure
      const csrf = cookies.find((c) => c.startsWith('va_clerk_csrf='))!;
      expect(csrf).to.not.match(/HttpOnly/);
      const secret = browser.cookie(s.baseUrl, SESSION)!;
      const rows = await rawSessions();
      expect(JSON.stringify(rows)).to.not.include(secret);
      expect(rows.some((r) => r.clerk_id === 'afischer')).to.equal(true);
    });

    async function rawSessions(): Promise<Array<Record<string, unknown>>> {
      const probe = await openDatabaseProbe(s.connector.databaseUrl);
      try {
        return await probe.rows('clerk_sessions');
      } finally {
        await probe.close();
      }
    }

    it('maps the desks from the groups claim: Kai Schmidt is at the kfz desk only', async () => {
      const browser = new Browser();
      await signIn(browser, s.baseUrl, 'kschmidt');
      const principal = await principalOf(browser);
      expect(principal).to.include({ id: 'kschmidt', name: 'Kai Schmidt' });
      expect(principal!.desks).to.deep.equal(['kfz']);
    });

    it('refuses a callback with a wrong state (400, no session)', async () => {
      const browser = new Browser();
      const callback = new URL(await signInUntilCallback(browser, s.baseUrl, 'mbeispiel'));
      callback.searchParams.set('state', 'wrong-state-value');
      const answer = await browser.request(callback.href);
      expect(answer.status).to.equal(400);
      expect(answer.headers.get('content-type')).to.match(/text\/html/);
      expect(answer.text).to.include('Anmeldung fehlgeschlagen');
      expect(browser.cookie(s.baseUrl, SESSION)).to.equal(undefined);
    });

    it('refuses a callback without state, and one from a different browser', async () => {
      const browser = new Browser();
      const callback = new URL(await signInUntilCallback(browser, s.baseUrl, 'mbeispiel'));
      const noState = new URL(callback);
      noState.searchParams.delete('state');
      expect((await browser.request(noState.href)).status).to.equal(400);
      // Another browser (no login cookie of this sign-in) holding the whole callback URL gets nothing.
      const other = new Browser();
      expect((await other.request(callback.href)).status).to.equal(400);
      expect(other.cookie(s.baseUrl, SESSION)).to.equal(undefined);
    });

    it('refuses a code that was used already (400 on the replay, no second session)', async () => {
      const browser = new Browser();
      const callback = await signInUntilCallback(browser, s.baseUrl, 'mbeispiel');
      const login = browser.cookie(s.baseUrl, 'va_clerk_login')!;
      expect((await browser.request(callback)).status).to.equal(303);
      const replay = new Browser();
      replay.cookies(s.baseUrl).set('va_clerk_login', login);
      const answer = await replay.request(callback);
      expect(answer.status).to.equal(400);
      expect(replay.cookie(s.baseUrl, SESSION)).to.equal(undefined);
    });

    it('two callbacks with the same code at once: exactly one session', async () => {
      const browser = new Browser();
      const callback = await signInUntilCallback(browser, s.baseUrl, 'afischer');
      const login = browser.cookie(s.baseUrl, 'va_clerk_login')!;
      const twins = [new Browser(), new Browser()];
      for (const b of twins) b.cookies(s.baseUrl).set('va_clerk_login', login);
      const answers = await Promise.all(twins.map((b) => b.request(callback)));
      expect(answers.map((a) => a.status).sort()).to.deep.equal([303, 400]);
      expect(twins.filter((b) => b.cookie(s.baseUrl, SESSION)).length).to.equal(1);
    });

    it('refuses an expired code (the provider aged it), 400 and no session', async () => {
      const browser = new Browser();
      const callback = await signInUntilCallback(browser, s.baseUrl, 'mbeispiel');
      expect(s.idp.store.expire('AuthorizationCode')).to.be.greaterThan(0);
      const answer = await browser.request(callback);
      expect(answer.status).to.equal(400);
      expect(answer.text).to.include('abgelaufen oder schon benutzt');
      expect(browser.cookie(s.baseUrl, SESSION)).to.equal(undefined);
    });

    it('refuses a wrong password at the provider (no way past its form)', async () => {
      const browser = new Browser();
      const form = await browser.follow(`${s.baseUrl}/clerk/login`);
      const answer = await browser.submitLogin(form, 'mbeispiel', 'not-dev');
      expect(answer.status).to.equal(401);
      expect(browser.cookie(s.baseUrl, SESSION)).to.equal(undefined);
    });

    it('sends returnTo only to a same-origin path', async () => {
      for (const [given, expected] of [
        ['/clerk?day=2026-12-08', '/clerk?day=2026-12-08'],
        ['//evil.example/x', '/clerk'],
        ['https://evil.example/', '/clerk'],
        ['/\\evil.example', '/clerk'],
      ]) {
        const browser = new Browser();
        const landed = await signIn(browser, s.baseUrl, 'mbeispiel', given);
        expect(landed.hops.at(-1), given).to.equal(`${s.baseUrl}${expected}`);
      }
    });

    it('logout ends the session: the cookie no longer signs anybody in, and the provider’s logout is offered', async () => {
      const browser = new Browser();
      await signIn(browser, s.baseUrl, 'mbeispiel');
      const secret = browser.cookie(s.baseUrl, SESSION)!;
      expect(await principalOf(browser)).to.not.equal(null);
      const answer = await browser.request(`${s.baseUrl}/clerk/logout`, {
        method: 'POST',
        headers: { origin: s.baseUrl, 'x-csrf-token': browser.cookie(s.baseUrl, 'va_clerk_csrf')! },
      });
      expect(answer.status).to.equal(200);
      expect(answer.text).to.include('Abgemeldet');
      expect(answer.text).to.include(`${s.idp.issuer}/session/end`);
      expect(browser.cookie(s.baseUrl, SESSION)).to.equal(undefined);
      const stale = new Browser();
      stale.cookies(s.baseUrl).set(SESSION, secret);
      expect(await principalOf(stale)).to.equal(null);
      const page = await stale.request(`${s.baseUrl}/clerk`);
      expect(page.status).to.equal(303);
      expect(page.headers.get('location')).to.equal('/clerk/login?returnTo=/clerk');
    });

    it('two logouts at once: both answer the signed-out page, the session is gone', async () => {
      const browser = new Browser();
      await signIn(browser, s.baseUrl, 'kschmidt');
      const headers = {
        origin: s.baseUrl,
        'x-csrf-token': browser.cookie(s.baseUrl, 'va_clerk_csrf')!,
        cookie: `${SESSION}=${browser.cookie(s.baseUrl, SESSION)}; va_clerk_csrf=${browser.cookie(s.baseUrl, 'va_clerk_csrf')}`,
      };
      const answers = await Promise.all(
        [0, 1].map(() => fetch(`${s.baseUrl}/clerk/logout`, { method: 'POST', headers })),
      );
      expect(answers.map((a) => a.status)).to.deep.equal([200, 200]);
      expect(await principalOf(browser)).to.equal(null);
    });

    it('a plain HTML form can log out with the _csrf field (Chromium sends Origin: null under no-referrer)', async () => {
      const browser = new Browser();
      const landed = await signIn(browser, s.baseUrl, 'afischer');
      const token = /name="_csrf" value="([^"]+)"/.exec(landed.text)![1]!;
      const answer = await browser.request(`${s.baseUrl}/clerk/logout`, {
        method: 'POST',
        headers: { origin: 'null', 'sec-fetch-site': 'same-origin' },
        form: { _csrf: token },
      });
      expect(answer.status).to.equal(200);
      expect(await principalOf(browser)).to.equal(null);
    });

    it('refuses logout without the CSRF token, with a wrong one, or from a foreign origin (403, session kept)', async () => {
      const browser = new Browser();
      await signIn(browser, s.baseUrl, 'mbeispiel');
      const token = browser.cookie(s.baseUrl, 'va_clerk_csrf')!;
      const attempts: Array<Record<string, string>> = [
        { origin: s.baseUrl },
        { origin: s.baseUrl, 'x-csrf-token': `${token.slice(0, -2)}xx` },
        { origin: 'https://evil.example', 'x-csrf-token': token },
        { 'sec-fetch-site': 'cross-site', 'x-csrf-token': token },
        { 'x-csrf-token': token }, // neither Origin nor Sec-Fetch-Site
        { origin: 'null', 'x-csrf-token': token }, // an opaque origin without Sec-Fetch-Site
        { origin: 'null', 'sec-fetch-site': 'same-site', 'x-csrf-token': token }, // a sibling sub-domain
      ];
      for (const headers of attempts) {
        const answer = await browser.request(`${s.baseUrl}/clerk/logout`, { method: 'POST', headers });
        expect(answer.status, JSON.stringify(headers)).to.equal(403);
      }
      expect(await principalOf(browser)).to.include({ id: 'mbeispiel' });
    });

    it('an idle session ends: after 31 minutes without a request the principal is null and the row is gone', async () => {
      const browser = new Browser();
      await signIn(browser, s.baseUrl, 'kschmidt');
      const { sessionId } = (await principalOf(browser))!;
      s.clock.advance(20 * 60_000);
      expect(await principalOf(browser)).to.include({ id: 'kschmidt' }); // moves last_seen
      s.clock.advance(20 * 60_000);
      expect(await principalOf(browser), 'active within the idle time').to.include({ id: 'kschmidt' });
      s.clock.advance(31 * 60_000);
      expect(await principalOf(browser)).to.equal(null);
      expect((await rawSessions()).map((r) => r.id)).to.not.include(sessionId);
    });

    it('a session ends after its absolute lifetime however busy the clerk is', async () => {
      const browser = new Browser();
      await signIn(browser, s.baseUrl, 'mbeispiel');
      for (let hour = 0; hour < 10; hour++) {
        s.clock.advance(20 * 60_000);
        expect(await principalOf(browser)).to.not.equal(null);
        s.clock.advance(20 * 60_000);
        expect(await principalOf(browser)).to.not.equal(null);
        s.clock.advance(20 * 60_000);
        if (hour < 9) expect(await principalOf(browser)).to.not.equal(null);
      }
      expect(await principalOf(browser)).to.equal(null);
    });
  });
}

describe('clerk sign-in with a public client (PKCE only, no secret)', function () {
  this.timeout(60_000);
  let s: SignInStack;
  before(async () => {
    s = await startSignInStack({ clientSecret: null });
  });
  after(() => s?.close());

  it('signs in', async () => {
    const browser = new Browser();
    const landed = await signIn(browser, s.baseUrl, 'afischer');
    expect(landed.status).to.equal(200);
    expect(landed.text).to.include('Anna Fischer');
  });
});
