/**
 * Accessibility checked by a tool (issue 11, item 20; BITV 2.0 / WCAG 2.1 AA): axe-core runs in real Chromium
 * over every screen of the room — device check (the citizen's before joining, the clerk's in the call), waiting
 * room, the call, each casework tab for clerk and citizen — and over the verify page, in German and in English,
 * each on a desktop and on a phone. No serious or critical finding may remain; a failure names the rule and the
 * elements.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.ts';
import { joinClaims, signJoinToken } from '../video-service/support.ts';
import { seriousViolations } from './support/axe.ts';
import {
  launchRoomBrowser,
  openLink,
  screenshot,
  startRoomService,
  waitFor,
  type RoomService,
} from './support/room-ui.ts';

const TABS = ['agenda', 'form', 'idcheck', 'documents'] as const;

for (const { lang, phone } of [
  { lang: 'de', phone: false },
  { lang: 'de', phone: true },
  { lang: 'en', phone: false },
  { lang: 'en', phone: true },
  // Right to left, on the phone where most of Heidelberg's Arabic-speaking citizens will come from.
  { lang: 'ar', phone: true },
]) {
  describe(`axe-core over the room's screens (${lang}, ${phone ? 'phone' : 'desktop'})`, function () {
    this.timeout(180_000);
    let service: RoomService;
    let citizen: TestBrowser;
    let clerk: TestBrowser;
    const found: string[] = [];
    const check = async (page: Page, where: string) =>
      found.push(...(await seriousViolations(page, `${lang}/${phone ? 'phone' : 'desktop'} ${where}`)));

    before(async () => {
      service = await startRoomService();
      [citizen, clerk] = [await launchRoomBrowser({ phone }), await launchRoomBrowser({ phone })];
    });
    after(async () => {
      await citizen?.close();
      await clerk?.close();
      await service?.close();
    });

    it('finds nothing serious on the device check, in the waiting room, in the call and in every casework tab', async () => {
      const room = `appt-${randomUUID()}`;
      const base = joinClaims({ room });
      const appt = { ...base.appt, title: 'Meldebescheinigung', services: ['meldebescheinigung'], locale: lang };
      const citizenClaims = joinClaims({ room, sub: `citizen-${room}`, name: 'Erika Mustermann', appt });
      const clerkClaims = joinClaims({ room, sub: `clerk-${room}`, role: 'clerk', name: 'Max Beispiel', appt });

      await openLink(citizen.page, service.joinUrl(signJoinToken(service.key, citizenClaims)));
      await check(citizen.page, 'device check (citizen)');
      // The clerk's link goes straight into the call; the device check opens there on request (issue 13).
      await clerk.page.goto(service.joinUrl(signJoinToken(service.key, clerkClaims)));
      await clerk.page.getByTestId('call-view').waitFor({ timeout: 15_000 });
      await clerk.page.getByTestId('device-check-button').click();
      await clerk.page.getByTestId('device-check-dialog').waitFor();
      await check(clerk.page, 'device check in the call (clerk)');
      await clerk.page.keyboard.press('Escape');
      await clerk.page.getByTestId('device-check-dialog').waitFor({ state: 'detached' });
      await citizen.page.getByTestId('consent-checkbox').check();
      await citizen.page.getByTestId('join-button').click();
      await citizen.page.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
      await check(citizen.page, 'waiting room');
      await clerk.page
        .locator(`[data-testid="admit-button"][data-participant="${citizenClaims.sub}"]`)
        .waitFor({ timeout: 15_000 });
      await check(clerk.page, 'call with a citizen waiting (clerk)');
      await clerk.page.locator(`[data-testid="admit-button"][data-participant="${citizenClaims.sub}"]`).click();
      await citizen.page.getByTestId('call-view').waitFor({ timeout: 15_000 });
      await check(citizen.page, 'call (citizen)');

      for (const [page, who] of [
        [clerk.page, 'clerk'],
        [citizen.page, 'citizen'],
      ] as const) {
        if (
          (await page.getByTestId('case-panel').count()) === 0 ||
          !(await page.getByTestId('case-panel').isVisible())
        ) {
          await page
            .getByTestId('case-toggle')
            .click()
            .catch(() => undefined);
        }
        await page.getByTestId('case-panel').waitFor({ timeout: 15_000 });
        for (const tab of TABS) {
          await page.getByTestId(`case-tab-${tab}`).click();
          await page.getByTestId(`case-panel-${tab}`).waitFor({ state: 'visible' });
          await check(page, `casework ${tab} (${who})`);
        }
      }
      if (lang === 'ar') {
        expect(await citizen.page.locator('html').getAttribute('dir'), 'right to left').to.equal('rtl');
        await citizen.page.getByTestId('case-tab-agenda').click();
        const total = await citizen.page.locator('.va-agenda-total').innerText();
        expect(total, 'the amount with Latin digits, as on the German documents')
          .to.match(/5[.,]00/)
          .and.not.match(/[\u0660-\u0669]/);
        await screenshot(citizen.page, 'room-ar-phone-agenda');
      }
      // The ID check as the citizen meets it: guided steps over the call.
      await clerk.page.getByTestId('case-tab-idcheck').click();
      await clerk.page.getByTestId('idcheck-start').click();
      await waitFor(
        'the citizen to be guided',
        async () => ((await citizen.page.getByTestId('idcheck').count()) > 0 ? true : undefined),
        10_000,
      ).catch(() => undefined);
      await check(citizen.page, 'ID check running (citizen)');
      await check(clerk.page, 'ID check running (clerk)');

      const verify = await citizen.context.newPage();
      await verify.goto(`${service.video.baseUrl}/verify${lang === 'de' ? '' : `?lang=${lang}`}`);
      await verify.locator('main').waitFor();
      await check(verify, 'verify page');
      await verify.close();

      expect(found).to.deep.equal([]);
    });
  });
}
