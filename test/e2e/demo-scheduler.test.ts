/**
 * `npm start`'s demo scheduler (/scheduler on the demo booking page, connector/src/demo/scheduler/): a newcomer
 * sees the clerk's day through the ui-plugins — the demo's backend gets the plug-in token with its API key, the
 * page shows the list and the waiting badge live. axe-core clean.
 */
import { expect } from 'chai';
import { DemoBookingServer } from '../../connector/src/demo/booking-server.ts';
import { loadDemoConfig } from '../../connector/src/demo/config.ts';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { freePort } from '../support/ports.ts';
import { newSecret } from '../support/standard-webhooks.ts';
import { citizenWaiting, postRoomEvent } from '../connector/clerk-workplace-support.ts';
import { makeGenericPayload, postGenericWebhook, startConnector, type StartedConnector } from '../connector/support.ts';
import { seriousViolations } from './support/axe.ts';

describe("demo scheduler: the clerk's day through the plug-ins", function () {
  this.timeout(90_000);
  const apiKey = 'demo-scheduler-key-0123456789';
  const eventsSecret = newSecret();
  let c: StartedConnector;
  let demo: DemoBookingServer;
  let demoUrl: string;
  let browser: TestBrowser;

  before(async () => {
    const demoPort = await freePort();
    demoUrl = `http://127.0.0.1:${demoPort}`;
    c = await startConnector({
      env: {
        API_KEYS: apiKey,
        PLUGIN_ALLOWED_ORIGINS: demoUrl,
        VIDEO_EVENTS_WEBHOOK_SECRET: eventsSecret,
        JOIN_LINKS: 'short',
      },
    });
    demo = new DemoBookingServer(
      loadDemoConfig({
        DEMO_PORT: String(demoPort),
        DEMO_HOST: '127.0.0.1',
        CONNECTOR_URL: c.baseUrl,
        GENERIC_WEBHOOK_SECRET: c.webhookSecret,
        LOG_LEVEL: 'silent',
        SCHEDULER_API_KEY: apiKey,
      }),
    );
    await demo.listen();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
    await c?.close();
  });

  it('hands out tokens only to its own page script', async () => {
    expect((await fetch(`${demoUrl}/scheduler/token`, { method: 'POST' })).status).to.equal(403);
    const res = await fetch(`${demoUrl}/scheduler/token`, { method: 'POST', headers: { 'x-va-demo': '1' } });
    expect(res.status).to.equal(200);
    const { token } = (await res.json()) as { token: string };
    const list = await fetch(`${c.baseUrl}/clerk/api/appointments`, { headers: { authorization: `Bearer ${token}` } });
    expect(list.status).to.equal(200);
    expect(((await list.json()) as any).me.id).to.equal('demo-clerk');
  });

  it('shows a booking in the list and the badge counting when the citizen starts waiting', async () => {
    const res = await postGenericWebhook(
      c.baseUrl,
      c.webhookSecret,
      makeGenericPayload({ appointment: { services: ['anmeldung'] } }, 5),
    );
    const { appointmentId, roomId } = res.body;
    const page = browser.page;
    await page.goto(`${demoUrl}/scheduler`);
    await page.getByRole('heading', { name: 'Demo-Terminplaner' }).waitFor();
    const row = page.locator(`.va-row[data-appointment="${appointmentId}"]`);
    await row.waitFor();
    expect(await page.locator('.va-badge').innerText()).to.equal('Niemand wartet');
    expect((await postRoomEvent(c.baseUrl, eventsSecret, citizenWaiting(roomId, appointmentId))).status).to.equal(200);
    await page.locator('.va-badge[data-waiting="1"]').waitFor({ timeout: 5_000 });
    expect(await row.getAttribute('data-status')).to.equal('waiting');
    expect(await seriousViolations(page, 'demo scheduler, German')).to.deep.equal([]);
    await page.goto(`${demoUrl}/scheduler?lang=en`);
    await page.getByText('1 person waiting').waitFor();
    expect(await seriousViolations(page, 'demo scheduler, English')).to.deep.equal([]);
  });
});
