/**
 * What a person does with the connector's pages, in real Chromium: book on the demo page, open the
 * cancel link from the mail and cancel. Asserts on outcomes (rows stored, address bar, visible text)
 * and that no Content-Security-Policy violation happened.
 */
import { expect } from 'chai';
import { DemoBookingServer } from '../../connector/src/demo/booking-server.ts';
import { loadDemoConfig } from '../../connector/src/demo/config.ts';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { freePort } from '../support/ports.ts';
import { openDatabaseProbe, startConnector, waitForMail, type DatabaseProbe, type StartedConnector } from '../connector/support.ts';

describe('citizen pages in the browser', function () {
  this.timeout(60_000);
  let c: StartedConnector;
  let demo: DemoBookingServer;
  let demoUrl: string;
  let browser: TestBrowser;
  let probe: DatabaseProbe;
  const cspViolations: string[] = [];

  before(async () => {
    const port = await freePort();
    c = await startConnector({ env: { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` } });
    demo = new DemoBookingServer(
      loadDemoConfig({ DEMO_PORT: '0', DEMO_HOST: '127.0.0.1', CONNECTOR_URL: c.baseUrl, GENERIC_WEBHOOK_SECRET: c.webhookSecret, LOG_LEVEL: 'silent' }),
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
    await page.goto(`${demoUrl}/`);
    await page.getByLabel('Name', { exact: true }).fill('Browser Bürger');
    await page.getByLabel(/E-Mail-Adresse/).fill('browser@example.org');
    await page.getByLabel('Meldebescheinigung').check();
    const time = await page.getByLabel(/Uhrzeit/).inputValue();
    await page.getByLabel(/Uhrzeit/).fill(time.slice(0, 5));
    await page.getByRole('button', { name: 'Termin buchen' }).click();
    await page.getByRole('heading', { name: 'Termin gebucht' }).waitFor();
    const citizenHref = await page.locator('#link-citizen').getAttribute('href');
    expect(citizenHref).to.match(/\/join#ey/);
    expect(await probe.count('appointments')).to.equal(1);
  });

  it('cancels through the link in the mail: the token leaves the address bar, the appointment is cancelled', async () => {
    const mail = await waitForMail(c.baseUrl, (m) => m.to[0] === 'browser@example.org');
    const cancelLink = /(http:\/\/\S+\/cancel#\S+)/.exec(mail.text)?.[1];
    expect(cancelLink).to.be.a('string');
    const page = browser.page;
    await page.goto(cancelLink!);
    await page.getByText('Meldebescheinigung', { exact: true }).waitFor();
    expect(page.url()).to.not.include('#');
    await page.getByRole('button', { name: /Termin absagen/ }).click();
    await page.getByText('Der Termin ist abgesagt.').waitFor();
    const [row] = await probe.rows('appointments');
    expect(row!.status).to.equal('cancelled');
    await page.reload();
    await page.getByText('Der Link ist unvollständig.').waitFor();
    expect(cspViolations).to.deep.equal([]);
  });
});
