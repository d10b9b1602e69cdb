/**
 * The link before the room opens and the notices before joining (issue 11, items 14 and 15), in real Chromium:
 * a citizen who opens the link early gets the device and connection check with a countdown in the
 * appointment's language (not the browser's), and the page moves on by itself at the opening; the notices
 * link the city's privacy statement (PRIVACY_URL); the clerk gets neither the notices nor the confirmation.
 */
import { expect } from 'chai';
import type { TestBrowser } from '../support/browser.ts';
import { joinClaims, signJoinToken } from '../video-service/support.ts';
import { seriousViolations } from './support/axe.ts';
import {
  consentAndJoin,
  freshRoom,
  launchRoomBrowser,
  openLink,
  screenshot,
  startRoomService,
  waitFor,
  type RoomService,
} from './support/room-ui.ts';

const PRIVACY_URL = 'https://www.heidelberg.example/datenschutz';

describe('room UI: the early link and the notices before joining', function () {
  this.timeout(120_000);
  let service: RoomService;

  before(async () => {
    service = await startRoomService({ PRIVACY_URL });
  });
  after(async () => {
    await service?.close();
  });

  it("the citizen's notices link the city's privacy statement, opening in a new tab and named so", async () => {
    const browser = await launchRoomBrowser();
    try {
      await openLink(browser.page, service.joinUrl(freshRoom(service).citizen));
      const link = browser.page.getByTestId('privacy-link');
      await link.waitFor();
      expect(await link.getAttribute('href')).to.equal(PRIVACY_URL);
      expect(await link.getAttribute('target')).to.equal('_blank');
      expect(await link.getAttribute('rel')).to.include('noopener');
      const name = await link.evaluate((a) => a.textContent ?? '');
      expect(name)
        .to.match(/Datenschutzerklärung der Stadt/)
        .and.match(/neuen Tab/);
    } finally {
      await browser.close();
    }
  });

  it("a clerk is shown neither the citizen's notices nor the confirmation and goes straight into the call", async () => {
    const clerk = await launchRoomBrowser();
    try {
      await clerk.page.goto(service.joinUrl(freshRoom(service).clerk));
      await clerk.page.getByTestId('call-view').waitFor({ timeout: 15_000 });
      expect(await clerk.page.getByTestId('consent-checkbox').count(), 'no confirmation').to.equal(0);
      expect(await clerk.page.locator('.va-notices').count(), 'no § 201 notice').to.equal(0);
    } finally {
      await clerk.close();
    }
  });

  for (const phone of [false, true]) {
    it(`opened 40 s early in a German browser for an English appointment${phone ? ' (360×640 phone)' : ''}: device check, English countdown with the zone, then the join by itself`, async () => {
      const now = Math.floor(Date.now() / 1000);
      // The service would accept it 30 s before nbf (clock tolerance); the page moves on at nbf itself.
      const nbf = now + 40;
      const claims = joinClaims({ nbf, exp: nbf + 3600 });
      claims.appt.locale = 'en';
      claims.appt.start = new Date((nbf + 900) * 1000).toISOString();
      const browser: TestBrowser = await launchRoomBrowser({
        locale: 'de-DE',
        ...(phone ? { phone: true, viewport: { width: 360, height: 640 } } : {}),
      });
      try {
        const { page } = browser;
        await openLink(page, service.joinUrl(signJoinToken(service.key, claims)));
        await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
        const countdown = page.getByTestId('opening-countdown-text');
        const text = await waitFor('the English countdown', async () => {
          const value = (await countdown.count()) > 0 ? await countdown.innerText() : '';
          return /^The room opens in/.test(value) ? value : undefined;
        });
        expect(text).to.match(
          /^The room opens in \d+ (seconds?|minutes?), at \d{1,2}:\d{2}( [AP]M)? \((CET|CEST|GMT\+[12])\)\.$/,
        );
        expect(await page.locator('html').getAttribute('lang')).to.equal('en');
        expect(await page.getByTestId('join-button').count(), 'no join before the opening').to.equal(0);
        const preview = page.locator('.va-self-video');
        await waitFor('the own picture', async () =>
          (await preview.evaluate((v: HTMLVideoElement) => v.videoWidth)) > 0 ? true : undefined,
        );
        const signalling = await waitFor('the connection check', async () => {
          const status = await page.getByTestId('check-signalling').getAttribute('data-status');
          return status !== 'pending' ? status : undefined;
        });
        expect(signalling, 'the service is reachable before the opening').to.equal('ok');
        await screenshot(page, `room-early-link${phone ? '-phone' : ''}`);
        expect(await seriousViolations(page, 'the early page'), 'axe-core: nothing serious or critical').to.deep.equal(
          [],
        );

        await page.getByTestId('join-button').waitFor({ timeout: 60_000 });
        expect(
          await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
          'no reload',
        ).to.equal(true);
        expect(await page.getByTestId('opening-countdown').count()).to.equal(0);
        expect(await page.getByTestId('privacy-link').getAttribute('href')).to.equal(PRIVACY_URL);
        expect(
          await seriousViolations(page, 'the device check after the opening'),
          'axe-core after the opening',
        ).to.deep.equal([]);
        await consentAndJoin(page);
        await page.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
      } finally {
        await browser.close();
      }
    });
  }
});
