/**
 * Issue 11, item 18, in real Chromium: a municipality profile other than the development one (another name,
 * another colour, another logo) shows in the room's header (device check and waiting room), on the video
 * service's documents and verify pages and on the connector's front door — at a phone's 360 px and on a
 * desktop, axe-core clean, nothing sideways out of the screen.
 */
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { encodePng } from '../../video-service/scripts/draw-development-logo.ts';
import type { TestBrowser } from '../support/browser.ts';
import { startConnector, type StartedConnector } from '../connector/support.ts';
import { freePort } from '../support/ports.ts';
import { joinClaims, signJoinToken } from '../video-service/support.ts';
import { seriousViolations } from './support/axe.ts';
import {
  consentAndJoin,
  launchRoomBrowser,
  openLink,
  overflowsSideways,
  screenshot,
  startRoomService,
  type RoomService,
} from './support/room-ui.ts';

const NAME = 'Stadt Weinheim – Bürgerbüro';
/** A dark green: white text on it passes 4.5:1. */
const PRIMARY = '#1b5e20';
const PRIMARY_RGB = 'rgb(27, 94, 32)';
const ALT = { de: 'Wappen der Stadt Weinheim', en: 'Coat of arms of Weinheim' };

/** The logo's element, its decoded width and alt text. */
const logoOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, alt: img.alt }));

for (const { width, height, label } of [
  { width: 360, height: 640, label: 'phone' },
  { width: 1280, height: 800, label: 'desktop' },
]) {
  describe(`a custom municipality profile in the browser (${label}, ${width}px)`, function () {
    this.timeout(180_000);
    let dir: string;
    let service: RoomService;
    let connector: StartedConnector;
    let browser: TestBrowser;
    const found: string[] = [];
    const check = async (page: Page, where: string) => {
      found.push(...(await seriousViolations(page, `${label} ${where}`)));
      expect(await overflowsSideways(page), `${where} overflows sideways at ${width}px`).to.equal(false);
      await screenshot(page, `municipality-brand-${label}-${where.replace(/\W+/g, '-')}`);
    };

    before(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'va-brand-e2e-'));
      // Green stripes on yellow: not the development coat of arms.
      await writeFile(
        path.join(dir, 'weinheim.png'),
        encodePng(60, 72, (x) => (Math.floor(x / 10) % 2 ? [27, 94, 32, 255] : [232, 180, 0, 255])),
      );
      const profile = path.join(dir, 'profile.json');
      await writeFile(
        profile,
        JSON.stringify({
          name: NAME,
          address: { street: 'Obertorstraße 9', postcode: '69469', city: 'Weinheim' },
          logo: 'weinheim.png',
          logoAlt: ALT,
          colours: { primary: PRIMARY, accent: '#e8b400' },
        }),
      );
      service = await startRoomService({ MUNICIPALITY_PROFILE: profile });
      const port = await freePort();
      connector = await startConnector({
        env: { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, MUNICIPALITY_PROFILE: profile },
      });
      browser = await launchRoomBrowser({ phone: width < 400 });
      await browser.page.setViewportSize({ width, height });
    });
    after(async () => {
      await browser?.close();
      await connector?.close();
      await service?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('the room header shows the logo and the name in the colour, before and after joining', async () => {
      const page = browser.page;
      const room = `appt-brand-${label}`;
      const claims = joinClaims({ room, sub: `citizen-${room}`, name: 'Erika Mustermann' });
      await openLink(page, service.joinUrl(signJoinToken(service.key, claims)));
      await page.getByTestId('brand-name').waitFor();
      expect(await page.getByTestId('brand-name').textContent()).to.equal(NAME);
      expect(await page.getByTestId('brand-name').evaluate((e) => getComputedStyle(e).color)).to.equal(PRIMARY_RGB);
      const logo = await logoOf(page, '.va-header .va-brand-logo');
      expect(logo.width).to.be.greaterThan(0);
      expect(Object.values(ALT)).to.include(logo.alt);
      await check(page, 'device check');
      await consentAndJoin(page);
      await page.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('brand-name').textContent()).to.equal(NAME);
      expect((await logoOf(page, '.va-header .va-brand-logo')).width).to.be.greaterThan(0);
      await check(page, 'waiting room');
    });

    for (const where of ['/documents', '/verify']) {
      it(`the video service's ${where} page carries the office's bar`, async () => {
        const page = browser.page;
        await page.goto(`${service.video.baseUrl}${where}`);
        const bar = page.locator('.va-brand-bar');
        await bar.waitFor();
        expect(await bar.locator('.va-brand-office').textContent()).to.equal(NAME);
        expect(await bar.evaluate((e) => getComputedStyle(e).backgroundColor)).to.equal(PRIMARY_RGB);
        const logo = await logoOf(page, '.va-brand-bar .va-brand-logo');
        expect(logo.width).to.be.greaterThan(0);
        expect(Object.values(ALT)).to.include(logo.alt);
        await check(page, where);
      });
    }

    it("the connector's front door carries the office's bar with the logo", async () => {
      const page = browser.page;
      await page.goto(`${connector.baseUrl}/`);
      const bar = page.locator('.va-brand-bar');
      await bar.waitFor();
      expect(await bar.locator('.va-brand-office').textContent()).to.equal(NAME);
      expect(await bar.evaluate((e) => getComputedStyle(e).backgroundColor)).to.equal(PRIMARY_RGB);
      const logo = await logoOf(page, '.va-brand-bar .va-brand-logo');
      expect(logo.width).to.be.greaterThan(0);
      expect(Object.values(ALT)).to.include(logo.alt);
      // The link styled as a button is one box (inline it broke into pieces at 360 px, the English line over them).
      expect(await page.locator('a.va-button').evaluate((a) => a.getClientRects().length)).to.equal(1);
      await check(page, 'connector front door');
    });

    it('axe-core found nothing serious on any of them', () => {
      expect(found, found.join('\n')).to.deep.equal([]);
    });
  });
}
