/**
 * "Wartezeit mitteilen" end to end in real Chromium (issue 13, docs/adr/0160): a real connector and a real video
 * service serving the built room UI; the clerk (signed in through the test-only stand-in) picks "ca. 10 Minuten"
 * on the waiting row of the workplace with the keyboard; within a second the citizen's waiting room (a phone,
 * 360 px) reads "Voraussichtliche Wartezeit: etwa 10 Minuten (Stand hh:mm)" — and in Turkish for a citizen who
 * booked in Turkish. The row shows what was sent. And the same from the room's own waiting list, to a citizen
 * reading Arabic (RTL). axe-core on every screen; screenshots.
 */
import { expect } from 'chai';
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { launchBrowser, SCREENSHOT_DIR, type TestBrowser } from '../support/browser.ts';
import { freePort } from '../support/ports.ts';
import { newSecret } from '../support/standard-webhooks.ts';
import { joinClaims, signJoinToken, startVideoService, type StartedVideoService } from '../video-service/support.ts';
import { testAuthenticate } from '../connector/clerk-workplace-support.ts';
import { makeGenericPayload, postGenericWebhook, startConnector, type StartedConnector } from '../connector/support.ts';
import { seriousViolations } from './support/axe.ts';
import {
  builtRoomUi,
  citizenWaits,
  clerkJoins,
  freshRoom,
  screenshot,
  startRoomService,
  waitFor,
  type RoomService,
} from './support/room-ui.ts';

describe('clerk workplace: tell the waiting citizen the waiting time (browser)', function () {
  this.timeout(180_000);
  let c: StartedConnector;
  let video: StartedVideoService;
  let clerk: TestBrowser;
  let base: string;
  const eventsSecret = newSecret();
  const citizens: TestBrowser[] = [];

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    video = await startVideoService({
      jwksUrl: `${base}/.well-known/jwks.json`,
      env: {
        WEB_DIST_DIR: await builtRoomUi(),
        EVENTS_WEBHOOK_URL: `${base}/webhooks/video-service`,
        EVENTS_WEBHOOK_SECRET: eventsSecret,
        ALLOW_PRIVATE_TARGETS: 'true',
        EVENTS_POLL_MS: '200',
      },
    });
    c = await startConnector({
      env: {
        PORT: String(port),
        PUBLIC_URL: base,
        VIDEO_PUBLIC_URL: video.baseUrl,
        VIDEO_ADMIN_URL: video.baseUrl,
        VIDEO_EVENTS_WEBHOOK_SECRET: eventsSecret,
        ALLOW_PRIVATE_TARGETS: 'true',
        JOIN_LINKS: 'short',
      },
      connectorOptions: { authenticateClerk: testAuthenticate },
    });
    clerk = await launchBrowser();
    await clerk.context.addCookies([
      { name: 'va_test_clerk', value: 'anna', url: base },
      { name: 'va_clerk_csrf', value: 'csrf-anna-0123456789', url: base },
    ]);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });
  after(async () => {
    for (const b of citizens) await b.close();
    await clerk?.close();
    await c?.close();
    await video?.close();
  });

  /** Books an appointment of anna's desk in `locale`; the citizen waits on a 360 px phone. */
  async function citizenWaiting(name: string, locale: string): Promise<{ id: string; page: Page }> {
    const payload = makeGenericPayload(
      { appointment: { services: ['anmeldung'], citizen: { name, email: 'buerger@example.org', locale } } },
      5,
    );
    const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
    expect(res.status).to.be.within(200, 201);
    const phone = await launchBrowser({ viewport: { width: 360, height: 740 }, phone: true, locale });
    citizens.push(phone);
    await citizenWaits(phone.page, res.body.links.citizen as string);
    return { id: res.body.appointmentId as string, page: phone.page };
  }

  async function tellWithKeyboard(page: Page, id: string, optionLabel: string): Promise<void> {
    const row = page.locator(`[data-appointment="${id}"]`);
    await row.locator('select').waitFor();
    await row.locator('select').focus();
    await row.locator('select').selectOption({ label: optionLabel });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
  }

  it('the clerk sends "ca. 10 Minuten"; the German citizen reads it within a second; the row shows it', async () => {
    const { id, page: citizen } = await citizenWaiting('Erika Mustermann', 'de');
    const page = clerk.page;
    await page.goto(`${base}/clerk`);
    const row = page.locator(`[data-appointment="${id}"]`);
    await waitFor('the row to show waiting', async () =>
      (await row.getAttribute('data-status')) === 'waiting' ? true : undefined,
    );
    expect(await citizen.getByTestId('waiting-estimate').innerText()).to.equal('');

    const started = Date.now();
    await tellWithKeyboard(page, id, 'ca. 10 Minuten');
    const estimate = citizen.getByTestId('waiting-estimate');
    await estimate.getByText(/Voraussichtliche Wartezeit: etwa 10 Minuten \(Stand \d{2}:\d{2}\)/).waitFor({
      timeout: 5000,
    });
    expect(Date.now() - started, 'within a second').to.be.below(1000);
    expect(await estimate.getAttribute('aria-live')).to.equal('polite');
    await row.getByText(/Mitgeteilt: ca\. 10 Minuten \(\d{2}:\d{2}\)/).waitFor({ timeout: 5000 });

    expect(await seriousViolations(page, 'workplace with an estimate')).to.deep.equal([]);
    expect(await seriousViolations(citizen, 'waiting room with an estimate')).to.deep.equal([]);
    await page.setViewportSize({ width: 360, height: 900 });
    await screenshot(page, 'workplace-estimate-360');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'workplace-estimate');
    await screenshot(citizen, 'waiting-estimate-de-360');

    // A later estimate replaces the earlier one.
    await tellWithKeyboard(page, id, 'gleich');
    await estimate.getByText(/Sie sind gleich an der Reihe/).waitFor({ timeout: 5000 });
    expect(await estimate.innerText()).not.to.include('10 Minuten');
    // A reload shows it again.
    await citizen.reload();
    await citizen.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
    await citizen
      .getByTestId('waiting-estimate')
      .getByText(/Sie sind gleich an der Reihe/)
      .waitFor({ timeout: 5000 });
  });

  it('a citizen who booked in Turkish reads it in Turkish', async () => {
    const { id, page: citizen } = await citizenWaiting('Ayşe Yılmaz', 'tr');
    const page = clerk.page;
    await page.goto(`${base}/clerk`);
    const row = page.locator(`[data-appointment="${id}"]`);
    await waitFor('the row to show waiting', async () =>
      (await row.getAttribute('data-status')) === 'waiting' ? true : undefined,
    );
    await tellWithKeyboard(page, id, 'ca. 10 Minuten');
    const estimate = citizen.getByTestId('waiting-estimate');
    await estimate.getByText(/Tahmini bekleme süresi: yaklaşık 10 dakika \(saat \d{2}:\d{2} itibarıyla\)/).waitFor({
      timeout: 5000,
    });
    expect(await seriousViolations(citizen, 'waiting room in Turkish with an estimate')).to.deep.equal([]);
    await screenshot(citizen, 'waiting-estimate-tr-360');
  });
});

describe('room: a clerk in a call tells the next person the waiting time (browser)', function () {
  this.timeout(120_000);
  let service: RoomService;
  let clerk: TestBrowser;
  let citizen: TestBrowser;

  before(async () => {
    service = await startRoomService();
    clerk = await launchBrowser();
    citizen = await launchBrowser({ viewport: { width: 360, height: 740 }, phone: true, locale: 'ar' });
  });
  after(async () => {
    await citizen?.close();
    await clerk?.close();
    await service?.close();
  });

  it('"Wartezeit mitteilen" beside admit and write: the waiting citizen reads it (Arabic, RTL); the clerk sees what was sent', async () => {
    const room = freshRoom(service);
    await clerkJoins(clerk.page, service.joinUrl(room.clerk));
    const claims = joinClaims({ room: room.room, sub: room.citizenId });
    const arabic = signJoinToken(service.key, { ...claims, appt: { ...claims.appt, locale: 'ar' } });
    await citizenWaits(citizen.page, service.joinUrl(arabic));
    const open = clerk.page.locator(`[data-testid="estimate-button"][data-participant="${room.citizenId}"]`);
    await open.waitFor({ timeout: 15_000 });
    await open.focus();
    await clerk.page.keyboard.press('Enter');
    const select = clerk.page.getByTestId('estimate-minutes');
    await select.waitFor();
    expect(await select.evaluate((el) => el === document.activeElement), 'focus moves to the choice').to.equal(true);
    await select.selectOption({ label: 'ca. 15 Minuten' });
    await clerk.page.getByTestId('estimate-send').click();
    await clerk.page
      .getByTestId('estimate-sent')
      .getByText(/Mitgeteilt: ca\. 15 Minuten \(Stand \d{2}:\d{2}\)/)
      .waitFor({ timeout: 5000 });
    const estimate = citizen.page.getByTestId('waiting-estimate');
    await estimate.getByText(/مدة الانتظار المتوقعة: حوالي 15 دقيقة/).waitFor({ timeout: 5000 });
    expect(await citizen.page.evaluate(() => document.documentElement.dir)).to.equal('rtl');
    expect(await seriousViolations(clerk.page, 'room lobby with the estimate form')).to.deep.equal([]);
    expect(await seriousViolations(citizen.page, 'Arabic waiting room with an estimate')).to.deep.equal([]);
    await screenshot(clerk.page, 'room-lobby-estimate');
    await screenshot(citizen.page, 'waiting-estimate-ar-360');
  });
});
