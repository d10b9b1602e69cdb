/**
 * The clerk's sign-in in real Chromium against the development OpenID provider (oidc-provider): Max opens
 * the workplace, is sent to the provider's form, signs in, lands on /clerk and signs out again. The front
 * doors of both services and the sign-in's own pages pass axe-core at desktop and phone width.
 */
import { expect } from 'chai';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { seriousViolations } from './support/axe.ts';
import { startSignInStack, type SignInStack } from '../connector/clerk-support.ts';
import { createSigningKey, startVideoService, type StartedVideoService } from '../video-service/support.ts';

describe('clerk sign-in in the browser', function () {
  this.timeout(180_000);
  let s: SignInStack;
  let video: StartedVideoService;
  let browser: TestBrowser;
  const cspViolations: string[] = [];
  const axeFindings: string[] = [];
  const axe = async (where: string) => {
    const page = browser.page;
    axeFindings.push(...(await seriousViolations(page, `${where} (desktop)`)));
    await page.setViewportSize({ width: 360, height: 780 });
    axeFindings.push(...(await seriousViolations(page, `${where} (phone)`)));
    await page.setViewportSize({ width: 1280, height: 800 });
  };

  before(async () => {
    s = await startSignInStack();
    video = await startVideoService({ keys: [createSigningKey()] });
    browser = await launchBrowser();
    browser.page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
  });
  after(async () => {
    await browser?.close();
    await video?.close();
    await s?.close();
  });

  it('Max signs in at the provider, lands on /clerk, and signs out', async () => {
    const page = browser.page;
    await page.goto(`${s.baseUrl}/clerk`);
    expect(new URL(page.url()).origin).to.equal(s.idp.issuer);
    await axe('development provider’s sign-in form');
    await page.getByLabel(/Max Beispiel/).check();
    await page.getByLabel(/Passwort/).fill('dev');
    await page.getByRole('button', { name: /Anmelden/ }).click();
    await page.waitForURL(`${s.baseUrl}/clerk`);
    expect(await page.locator('.va-wp-signout span').first().textContent()).to.equal('Max Beispiel');
    await page.getByText('Angemeldet als Max Beispiel').waitFor({ timeout: 15_000 });
    const cookies = await browser.context.cookies(s.baseUrl);
    const session = cookies.find((c) => c.name === 'va_clerk');
    expect(session?.httpOnly).to.equal(true);
    expect(session?.sameSite).to.equal('Lax');
    expect(await page.evaluate(() => document.cookie)).to.not.include('va_clerk=');
    await axe('workplace');

    await page.getByRole('button', { name: /Abmelden/ }).click();
    await page.getByRole('heading', { name: /Abgemeldet/ }).waitFor();
    expect((await browser.context.cookies(s.baseUrl)).some((c) => c.name === 'va_clerk')).to.equal(false);
    expect(await page.getByRole('link', { name: /Auch dort abmelden/ }).getAttribute('href')).to.match(
      new RegExp(`^${s.idp.issuer}/session/end`),
    );
    await axe('signed out');
    // Signed out at the connector: opening the workplace starts a new sign-in (the provider still knows Max).
    const response = await page.request.get(`${s.baseUrl}/clerk`, { maxRedirects: 0 });
    expect(response.status()).to.equal(303);
    expect(response.headers().location).to.equal('/clerk/login?returnTo=/clerk');
  });

  it('a failed sign-in is a readable page', async () => {
    const page = browser.page;
    const answer = await page.goto(`${s.baseUrl}/clerk/callback?state=forged&code=forged`);
    expect(answer?.status()).to.equal(400);
    await page.getByRole('heading', { name: /Anmeldung fehlgeschlagen/ }).waitFor();
    await axe('sign-in failed');
  });

  it('the front doors of both services and the browser 404 are readable and pass axe', async () => {
    const page = browser.page;
    await page.goto(`${s.baseUrl}/`);
    await page.getByRole('link', { name: /Zum Arbeitsplatz/ }).waitFor();
    await axe('connector front door');
    await page.getByRole('link', { name: /Zum Arbeitsplatz/ }).click();
    await page.waitForURL((url) => url.origin === s.idp.issuer || url.pathname === '/clerk');

    const missing = await page.goto(`${s.baseUrl}/no/such/page`);
    expect(missing?.status()).to.equal(404);
    await page.getByRole('heading', { name: /Seite nicht gefunden/ }).waitFor();
    await axe('connector 404');

    await page.goto(`${video.baseUrl}/`);
    await page.getByRole('link', { name: /Dokument prüfen/ }).click();
    await page.waitForURL(`${video.baseUrl}/verify`);
    await page.goto(`${video.baseUrl}/`);
    await axe('video service front door');
    const videoMissing = await page.goto(`${video.baseUrl}/no/such/page`);
    expect(videoMissing?.status()).to.equal(404);
    await page.getByRole('heading', { name: /Seite nicht gefunden/ }).waitFor();
    await axe('video service 404');
  });

  it('no Content-Security-Policy violation and no serious axe finding on the way', () => {
    expect(cspViolations).to.deep.equal([]);
    expect(axeFindings).to.deep.equal([]);
  });
});
