/**
 * What a person does with the connector's pages, in real Chromium: book on the demo page, open the
 * cancel link from the mail and cancel. Asserts on outcomes (rows stored, address bar, visible text)
 * and that no Content-Security-Policy violation happened. axe-core checks every page on the way (demo page in
 * German and English, the booked page, the mail as HTML, the dev mailbox, the cancel page before and after) on a
 * desktop and at a phone's width: no serious or critical finding (issue 11, item 20).
 */
import { expect } from 'chai';
import { DemoBookingServer } from '../../connector/src/demo/booking-server.ts';
import { loadDemoConfig } from '../../connector/src/demo/config.ts';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { seriousViolations } from './support/axe.ts';
import { freePort } from '../support/ports.ts';
import {
  openDatabaseProbe,
  startConnector,
  waitForMail,
  type DatabaseProbe,
  type StartedConnector,
} from '../connector/support.ts';

describe('citizen pages in the browser', function () {
  // axe-core runs on every page twice (desktop and phone), a few seconds each on a busy machine.
  this.timeout(180_000);
  let c: StartedConnector;
  let demo: DemoBookingServer;
  let demoUrl: string;
  let browser: TestBrowser;
  let probe: DatabaseProbe;
  const cspViolations: string[] = [];
  const axeFindings: string[] = [];
  /** axe-core on the page as it is, at desktop width and at a 390 px phone width. */
  const axe = async (where: string) => {
    const page = browser.page;
    axeFindings.push(...(await seriousViolations(page, `${where} (desktop)`)));
    await page.setViewportSize({ width: 390, height: 844 });
    axeFindings.push(...(await seriousViolations(page, `${where} (phone)`)));
    await page.setViewportSize({ width: 1280, height: 800 });
  };

  before(async () => {
    const port = await freePort();
    c = await startConnector({ env: { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` } });
    demo = new DemoBookingServer(
      loadDemoConfig({
        DEMO_PORT: '0',
        DEMO_HOST: '127.0.0.1',
        CONNECTOR_URL: c.baseUrl,
        GENERIC_WEBHOOK_SECRET: c.webhookSecret,
        LOG_LEVEL: 'silent',
      }),
    );
    demoUrl = await demo.listen();
    probe = await openDatabaseProbe(c.databaseUrl);
    browser = await launchBrowser();
    browser.page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
  });
  after(async () => {
    await browser?.close();
    await probe?.close();
    await demo?.close();
    await c?.close();
  });

  it('books on the demo page using the labelled form fields and sees the links', async () => {
    const page = browser.page;
    await page.goto(`${demoUrl}/?lang=en`);
    await axe('demo booking page, English');
    await page.goto(`${demoUrl}/`);
    await axe('demo booking page');
    await page.getByLabel('Name', { exact: true }).fill('Browser Bürger');
    await page.getByLabel(/E-Mail-Adresse/).fill('browser@example.org');
    await page.getByLabel('Meldebescheinigung').check();
    const time = await page.getByLabel(/Uhrzeit/).inputValue();
    await page.getByLabel(/Uhrzeit/).fill(time.slice(0, 5));
    await page.getByRole('button', { name: 'Termin buchen' }).click();
    await page.getByRole('heading', { name: 'Termin gebucht' }).waitFor();
    await axe('demo page after booking');
    const citizenHref = await page.locator('#link-citizen').getAttribute('href');
    expect(citizenHref).to.match(/\/join#ey/);
    expect(await probe.count('appointments')).to.equal(1);
  });

  it('cancels through the link in the mail: the token leaves the address bar, the appointment is cancelled', async () => {
    const mail = await waitForMail(c.baseUrl, (m) => m.to[0] === 'browser@example.org');
    const cancelLink = /(http:\/\/\S+\/cancel#\S+)/.exec(mail.text)?.[1];
    expect(cancelLink).to.be.a('string');
    const page = browser.page;
    await page.goto(`${c.baseUrl}/dev/mailbox`);
    expect(await page.locator('caption').innerText(), 'one message, in the singular').to.match(
      /^1 Nachricht\s+message$/,
    );
    await axe('dev mailbox');
    await page.goto(`${c.baseUrl}/dev/mailbox/${mail.id}`);
    await axe('dev mailbox message');
    // The mailbox serves the mail sandboxed without scripts (as a mail client would): axe runs on its HTML
    // loaded into a blank page instead.
    const mailHtml = await (await fetch(`${c.baseUrl}/dev/mailbox/${mail.id}/html`)).text();
    await page.goto('about:blank');
    await page.setContent(mailHtml);
    await axe('citizen mail as HTML');
    await page.goto(cancelLink!);
    await page.getByText('Meldebescheinigung', { exact: true }).waitFor();
    await axe('cancel page');
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    const served = await fetch(new URL(icon!, c.baseUrl));
    expect(served.headers.get('content-type'), 'the tab icon').to.match(/^image\/svg\+xml/);
    expect(page.url()).to.not.include('#');
    await page.getByRole('button', { name: /Termin absagen/ }).click();
    await page.getByText('Der Termin ist abgesagt.').waitFor();
    await axe('cancel page, cancelled');
    const [row] = await probe.rows('appointments');
    expect(row!.status).to.equal('cancelled');
    await page.reload();
    await page.getByText('Der Link ist unvollständig.').waitFor();
    expect(cspViolations).to.deep.equal([]);
    expect(axeFindings).to.deep.equal([]);
  });
});
