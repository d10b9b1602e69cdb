import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger } from '../../connector/src/log.ts';
import { Browser, signIn, signInUntilCallback, startSignInStack, type SignInStack } from './clerk-support.ts';

describe('the clerk sign-in’s logs', function () {
  this.timeout(60_000);
  let s: SignInStack;
  const chunks: string[] = [];

  before(async () => {
    const stream = new Writable({ write: (chunk, _enc, done) => (chunks.push(String(chunk)), done()) });
    s = await startSignInStack({ logger: createLogger('debug', 'connector', stream) });
  });
  after(() => s?.close());

  it('hold no code, state, cookie, token or name through a sign-in, a refused callback and a logout', async () => {
    const browser = new Browser();
    const callback = new URL(await signInUntilCallback(browser, s.baseUrl, 'mbeispiel'));
    const replay = new URL(callback);
    replay.searchParams.set('state', 'forged-state');
    expect((await browser.request(replay.href)).status).to.equal(400);
    const landed = await signIn(browser, s.baseUrl, 'mbeispiel');
    expect(landed.status).to.equal(200);
    const secrets = [
      callback.searchParams.get('code')!,
      callback.searchParams.get('state')!,
      browser.cookie(s.baseUrl, 'va_clerk')!,
      browser.cookie(s.baseUrl, 'va_clerk_csrf')!,
    ];
    await browser.request(`${s.baseUrl}/clerk/logout`, {
      method: 'POST',
      headers: { origin: s.baseUrl, 'x-csrf-token': secrets[3]! },
    });
    const log = chunks.join('');
    expect(log).to.include('clerk signed in').and.include('clerk sign-in refused').and.include('clerk signed out');
    for (const secret of secrets) expect(log).to.not.include(secret);
    expect(log).to.not.match(/mbeispiel|Max Beispiel|max\.beispiel|buergeramt-mitte/);
    expect(log).to.not.include('/clerk/callback?');
  });
});
