/**
 * The plug-ins in real Chromium (issue 13, item 3): a scheduler on ANOTHER origin (a small real HTTP server here)
 * whose backend gets a plug-in token from the connector with its API key and hands it to the page. A plain HTML
 * page with the custom elements, and a real React page (react + react-dom from npm) with the components and the
 * hook, both show the clerk's live list and the waiting badge changing when a citizen starts waiting — reported
 * by the video service's real, signed event webhook. Nothing of another desk; the token never in the DOM;
 * axe-core clean at desktop width and 360 px.
 */
import { expect } from 'chai';
import { build } from 'esbuild';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, SCREENSHOT_DIR, type TestBrowser } from '../support/browser.ts';
import { newSecret } from '../support/standard-webhooks.ts';
import { citizenWaiting, postRoomEvent } from '../connector/clerk-workplace-support.ts';
import { makeGenericPayload, postGenericWebhook, startConnector, type StartedConnector } from '../connector/support.ts';
import { seriousViolations } from './support/axe.ts';

const root = path.resolve(import.meta.dirname, '../..');
const API_KEY = 'scheduler-e2e-key-0123456789';

describe('ui-plugins: custom elements and React components in a scheduler on another origin', function () {
  this.timeout(120_000);
  let c: StartedConnector;
  let scheduler: Server;
  let schedulerUrl: string;
  let browser: TestBrowser;
  const eventsSecret = newSecret();
  const issued: string[] = [];
  const booked: Record<string, { appointmentId: string; roomId: string }> = {};
  const cspViolations: string[] = [];

  async function book(name: string, services: string[], startsInMinutes: number, citizen: string) {
    const payload = makeGenericPayload(
      { appointment: { services, citizen: { name: citizen, email: 'buerger@example.org', locale: 'de' } } },
      startsInMinutes,
    );
    const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
    expect(res.status).to.be.within(200, 201);
    booked[name] = { appointmentId: res.body.appointmentId, roomId: res.body.roomId };
  }

  /** The scheduler's backend: the API key stays here; the browser gets only the short-lived token. */
  async function issueToken(): Promise<string> {
    const res = await fetch(`${c.baseUrl}/api/plugin-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        clerk: { id: 'anna', name: 'Anna Berger', desks: ['buergeramt-mitte'] },
        ttlSeconds: 600,
      }),
    });
    expect(res.status).to.equal(201);
    const { token } = (await res.json()) as { token: string };
    issued.push(token);
    return token;
  }

  const page = (lang: string, body: string, script: string, head = '') =>
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>Terminplaner</title>${head}</head><body>${body}<script type="module" src="${script}"></script></body></html>`;

  before(async () => {
    const elements = await readFile(path.join(root, 'ui-plugins/dist/elements.js'), 'utf8');
    const css = await readFile(path.join(root, 'ui-plugins/dist/va-plugins.css'), 'utf8');
    const plainScript = await readFile(path.join(import.meta.dirname, 'support/plain-scheduler.js'), 'utf8');
    const reactApp = await build({
      entryPoints: [path.join(import.meta.dirname, 'support/react-scheduler-app.jsx')],
      bundle: true,
      write: false,
      format: 'esm',
      jsx: 'automatic',
      jsxImportSource: 'react',
      define: { 'process.env.NODE_ENV': '"production"' },
      absWorkingDir: root,
      logLevel: 'warning',
    });
    const reactJs = reactApp.outputFiles[0]!.text;
    scheduler = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      // The scheduler's own strict CSP: the elements must work without inline script or style.
      const csp = `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' ${c.baseUrl}; img-src 'self'`;
      const send = (type: string, text: string) =>
        res.writeHead(200, { 'content-type': type, 'content-security-policy': csp }).end(text);
      if (url.pathname === '/token' && req.method === 'POST') {
        void issueToken().then((token) => send('application/json', JSON.stringify({ token })));
      } else if (url.pathname === '/elements.js') send('text/javascript', elements);
      else if (url.pathname === '/plain.js') send('text/javascript', plainScript);
      else if (url.pathname === '/va-plugins.css') send('text/css', css);
      else if (url.pathname === '/react.js') send('text/javascript', reactJs);
      else if (url.pathname === '/plain') {
        const lang = url.searchParams.get('lang') ?? 'de';
        const first = booked.soon!.appointmentId;
        send(
          'text/html; charset=utf-8',
          page(
            lang,
            `<main><h1>Terminplaner</h1><p><va-waiting-badge connector-url="${c.baseUrl}"></va-waiting-badge></p>` +
              `<va-appointment-list connector-url="${c.baseUrl}"></va-appointment-list>` +
              `<p><va-join-button connector-url="${c.baseUrl}" appointment-id="${first}"></va-join-button></p></main>`,
            '/plain.js',
          ),
        );
      } else if (url.pathname === '/react') {
        const lang = url.searchParams.get('lang') ?? 'en';
        // JSON in a non-executed script element: allowed by script-src 'self'.
        send(
          'text/html; charset=utf-8',
          page(
            lang,
            `<script type="application/json" id="config">${JSON.stringify({ connectorUrl: c.baseUrl })}</script><div id="app"></div>`,
            '/react.js',
            '<link rel="stylesheet" href="/va-plugins.css">',
          ),
        );
      } else res.writeHead(404).end();
    });
    scheduler.listen(0, '127.0.0.1');
    await once(scheduler, 'listening');
    // localhost vs 127.0.0.1 would also differ; another port is enough to be another origin.
    schedulerUrl = `http://127.0.0.1:${(scheduler.address() as AddressInfo).port}`;
    c = await startConnector({
      env: {
        API_KEYS: API_KEY,
        PLUGIN_ALLOWED_ORIGINS: schedulerUrl,
        VIDEO_EVENTS_WEBHOOK_SECRET: eventsSecret,
        JOIN_LINKS: 'short',
        JOIN_OPENS_MINUTES_BEFORE: '15',
      },
    });
    await book('soon', ['anmeldung'], 5, 'Erika Mustermann');
    await book('later', ['meldebescheinigung'], 90, 'Jonas Becker');
    await book('kfz', ['kfz-zulassung'], 10, 'Kim Fahrer');
    browser = await launchBrowser();
    browser.page.on('console', (m) => {
      if (/Content Security Policy|CORS/i.test(m.text())) cspViolations.push(m.text());
    });
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await c?.close();
    scheduler?.close();
  });

  const row = (p: Page, name: string) => p.locator(`.va-row[data-appointment="${booked[name]!.appointmentId}"]`);

  async function expectLive(
    p: Page,
    texts: { nobody: string; one: string; two: string; waiting: string },
    citizen: 'soon' | 'later',
  ) {
    await row(p, 'soon').waitFor();
    await row(p, 'later').waitFor();
    expect(await row(p, 'kfz').count()).to.equal(0);
    expect(await p.locator('body').innerText()).to.not.include('Kim Fahrer');
    const badge = p.locator('.va-badge');
    const before = Number(await badge.getAttribute('data-waiting'));
    expect(await badge.innerText()).to.equal(before === 0 ? texts.nobody : texts.one);
    const sentAt = Date.now();
    const answer = await postRoomEvent(
      c.baseUrl,
      eventsSecret,
      citizenWaiting(booked[citizen]!.roomId, booked[citizen]!.appointmentId),
    );
    expect(answer.status).to.equal(200);
    await p.locator(`.va-badge[data-waiting="${before + 1}"]`).waitFor({ timeout: 5_000 });
    const tookMs = Date.now() - sentAt;
    expect(await badge.innerText()).to.equal(before + 1 === 1 ? texts.one : texts.two);
    await p
      .locator(`.va-row[data-appointment="${booked[citizen]!.appointmentId}"][data-status="waiting"]`)
      .waitFor({ timeout: 2_000 });
    expect(await row(p, citizen).innerText()).to.include(texts.waiting);
    return tookMs;
  }

  it('plain HTML page: the custom elements show the live list, and the badge counts a citizen who starts waiting', async () => {
    const p = browser.page;
    await p.setViewportSize({ width: 1200, height: 800 });
    await p.goto(`${schedulerUrl}/plain`);
    const tookMs = await expectLive(
      p,
      { nobody: 'Niemand wartet', one: '1 Person wartet', two: '2 Personen warten', waiting: 'Wartet' },
      'soon',
    );
    expect(tookMs).to.be.below(2_000);
    expect(await row(p, 'soon').innerText())
      .to.include('Erika Mustermann')
      .and.include('Anmeldung einer Wohnung');
    // The Join button of one appointment: a link to the clerk's room, the token only in the fragment.
    const join = p.locator('va-join-button').getByRole('link', { name: /^Beitreten/ });
    expect(await join.getAttribute('href')).to.match(/\/join#[A-Za-z0-9_.-]+$/);
    expect(await join.getAttribute('rel')).to.equal('noopener noreferrer');
    // Not yet open: a disabled button saying from when.
    expect(
      await row(p, 'later')
        .getByRole('button', { name: /Beitreten ab/ })
        .isDisabled(),
    ).to.equal(true);
    // The token lives in a property, never in the page's HTML.
    const html = await p.evaluate(() => document.documentElement.outerHTML);
    for (const token of issued) expect(html).to.not.include(token);
    // No global styles: the host page's own text keeps its default look.
    expect(await p.evaluate(() => document.styleSheets.length)).to.equal(0);
    expect(await seriousViolations(p, 'plain scheduler, German, desktop')).to.deep.equal([]);
    await p.screenshot({ path: path.join(SCREENSHOT_DIR, 'ui-plugins-plain-desktop.png'), fullPage: true });
    await p.setViewportSize({ width: 360, height: 740 });
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(360);
    expect(await seriousViolations(p, 'plain scheduler, German, 360 px')).to.deep.equal([]);
    await p.screenshot({ path: path.join(SCREENSHOT_DIR, 'ui-plugins-plain-phone.png'), fullPage: true });
    expect(cspViolations).to.deep.equal([]);
  });

  it('real React page: the components with useVirtuellesAmt show the same live state, in English', async () => {
    const p = browser.page;
    await p.setViewportSize({ width: 1200, height: 800 });
    await p.goto(`${schedulerUrl}/react?lang=en`);
    await p.getByRole('heading', { name: 'Scheduler (React)' }).waitFor();
    await p.getByText('Live', { exact: true }).waitFor();
    // "soon" is waiting since the previous test; now "later" starts waiting too.
    await expectLive(
      p,
      { nobody: 'Nobody waiting', one: '1 person waiting', two: '2 people waiting', waiting: 'Waiting' },
      'later',
    );
    expect(await row(p, 'soon').innerText()).to.include('Waiting');
    expect(await p.locator('.first-join').getByRole('link', { name: /^Join/ }).getAttribute('href')).to.match(
      /\/join#[A-Za-z0-9_.-]+$/,
    );
    expect(await seriousViolations(p, 'React scheduler, English, desktop')).to.deep.equal([]);
    await p.setViewportSize({ width: 360, height: 740 });
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(360);
    expect(await seriousViolations(p, 'React scheduler, English, 360 px')).to.deep.equal([]);
    await p.screenshot({ path: path.join(SCREENSHOT_DIR, 'ui-plugins-react-phone.png'), fullPage: true });
    expect(cspViolations).to.deep.equal([]);
  });
});
