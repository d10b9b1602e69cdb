/**
 * The clerk sign-in under test: the development OpenID provider (real oidc-provider on its own port) and a
 * connector configured against it, plus a small browser stand-in for HTTP — a cookie jar per host (cookies
 * ignore ports, as in browsers) that follows redirects by hand and submits the provider's sign-in form.
 */
import { DevIdentityProvider } from '../../connector/src/demo/dev-idp/dev-identity-provider.ts';
import { freePort } from '../support/ports.ts';
import { startConnector, type StartConnectorOptions, type StartedConnector } from './support.ts';

export const CLIENT_ID = 'virtuelles-amt-test';

/** A clock tests move: `clock.advance(31 * 60_000)`. */
export class TestClock {
  #offset = 0;
  readonly now = () => new Date(Date.now() + this.#offset);
  advance(ms: number): void {
    this.#offset += ms;
  }
}

export interface SignInStack {
  idp: DevIdentityProvider;
  connector: StartedConnector;
  /** The connector's PUBLIC_URL (http://127.0.0.1:<port>). */
  baseUrl: string;
  clock: TestClock;
  close(): Promise<void>;
}

export async function startSignInStack(
  options: {
    databaseUrl?: string;
    clientSecret?: string | null;
    env?: Record<string, string>;
    logger?: StartConnectorOptions['logger'];
    /** The provider answers Entra's groups overage instead of a groups claim. */
    groupsOverageEndpoint?: string;
  } = {},
): Promise<SignInStack> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const clientSecret = options.clientSecret === undefined ? 'test-client-secret-0123456789' : options.clientSecret;
  const idp = await DevIdentityProvider.start({
    clients: [
      {
        clientId: CLIENT_ID,
        ...(clientSecret ? { clientSecret } : {}),
        redirectUris: [`${baseUrl}/clerk/callback`],
        postLogoutRedirectUris: [`${baseUrl}/clerk/login`],
      },
    ],
    ...(options.groupsOverageEndpoint ? { groupsOverageEndpoint: options.groupsOverageEndpoint } : {}),
  });
  const clock = new TestClock();
  let connector: StartedConnector;
  try {
    connector = await startConnector({
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      clerkClock: clock.now,
      ...(options.logger ? { logger: options.logger } : {}),
      env: {
        PORT: String(port),
        PUBLIC_URL: baseUrl,
        CLERK_OIDC_ISSUER: idp.issuer,
        CLERK_OIDC_CLIENT_ID: CLIENT_ID,
        ...(clientSecret ? { CLERK_OIDC_CLIENT_SECRET: clientSecret } : {}),
        ...options.env,
      },
    });
  } catch (err) {
    await idp.close();
    throw err;
  }
  return {
    idp,
    connector,
    baseUrl,
    clock,
    async close() {
      await connector.close();
      await idp.close();
    },
  };
}

export interface Answer {
  status: number;
  url: string;
  headers: Headers;
  text: string;
}

/** One person's browser, for HTTP: cookies per host, redirects followed by hand (so each hop can be checked). */
export class Browser {
  readonly #jar = new Map<string, Map<string, string>>();

  cookies(url: string): Map<string, string> {
    const host = new URL(url).hostname;
    let jar = this.#jar.get(host);
    if (!jar) this.#jar.set(host, (jar = new Map()));
    return jar;
  }

  cookie(url: string, name: string): string | undefined {
    return this.cookies(url).get(name);
  }

  /** One request, no redirects followed. */
  async request(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string; form?: Record<string, string> } = {},
  ): Promise<Answer> {
    const jar = this.cookies(url);
    const headers: Record<string, string> = { accept: 'text/html', ...init.headers };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body = init.body;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      redirect: 'manual',
      ...(body !== undefined ? { body } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (gone || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return { status: res.status, url, headers: res.headers, text: await res.text() };
  }

  /** Follows redirects from `url` until an answer that is not one; answers it with every hop's URL. */
  async follow(url: string, init: Parameters<Browser['request']>[1] = {}): Promise<Answer & { hops: string[] }> {
    const hops: string[] = [url];
    let answer = await this.request(url, init);
    while (answer.status >= 300 && answer.status < 400 && answer.headers.get('location')) {
      const next = new URL(answer.headers.get('location')!, answer.url).href;
      hops.push(next);
      if (hops.length > 20) throw new Error('redirect loop');
      answer = await this.request(next);
    }
    return { ...answer, hops };
  }

  /** Fills in the development provider's form on `answer` (which must be it) and follows on. */
  async submitLogin(answer: Answer, username: string, password = 'dev'): Promise<Answer & { hops: string[] }> {
    const action = /<form method="post" action="([^"]+)"/.exec(answer.text)?.[1];
    if (!action) throw new Error(`not the sign-in form (status ${answer.status})`);
    return this.follow(new URL(action.replace(/&amp;/g, '&'), answer.url).href, {
      method: 'POST',
      form: { username, password },
    });
  }
}

/**
 * Runs the sign-in up to the provider's redirect back to the connector, without following it: answers that
 * callback URL (so tests can replay or tamper with it). Submits the provider's form when it shows one (not when
 * this browser is still signed in there).
 */
export async function signInUntilCallback(
  browser: Browser,
  baseUrl: string,
  username: string,
  returnTo = '/clerk',
): Promise<string> {
  let answer = await browser.request(`${baseUrl}/clerk/login?returnTo=${encodeURIComponent(returnTo)}`);
  for (let i = 0; i < 20; i++) {
    const location = answer.headers.get('location');
    if (location) {
      const next = new URL(location, answer.url).href;
      if (next.startsWith(`${baseUrl}/clerk/callback`)) return next;
      answer = await browser.request(next);
      continue;
    }
    const action = /<form method="post" action="([^"]+)"/.exec(answer.text)?.[1];
    if (answer.status !== 200 || !action) throw new Error(`the provider stopped at ${answer.status}`);
    answer = await browser.request(new URL(action, answer.url).href, {
      method: 'POST',
      form: { username, password: 'dev' },
    });
  }
  throw new Error('no callback');
}

/** The whole sign-in; answers the last answer (the page returnTo leads to). */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  username: string,
  returnTo = '/clerk',
): Promise<Answer & { hops: string[] }> {
  const callback = await signInUntilCallback(browser, baseUrl, username, returnTo);
  return browser.follow(callback);
}
