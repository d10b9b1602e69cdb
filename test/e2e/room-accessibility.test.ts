/**
 * The room for everyone: the whole journey with the keyboard alone (labelled controls, toggles with
 * aria-pressed, live regions), complete English, a right-to-left layout that mirrors, and a 360 × 740
 * phone on which nothing scrolls sideways and every control is on screen.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { de } from '../../video-service/web/src/i18n/de.ts';
import { en } from '../../video-service/web/src/i18n/en.ts';
import type { TestBrowser } from '../support/browser.ts';
import { joinClaims, signJoinToken } from '../video-service/support.ts';
import {
  admit,
  citizenWaits,
  clerkJoins,
  freshRoom,
  launchRoomBrowser,
  openLink,
  overflowsSideways,
  screenshot,
  seesVideoOf,
  startRoomService,
  tabTo,
  unlabelledControls,
  waitFor,
  type RoomService,
} from './support/room-ui.ts';

describe('room UI: keyboard, languages, right-to-left, phone', function () {
  this.timeout(180_000);
  let service: RoomService;

  before(async () => {
    service = await startRoomService();
  });
  after(async () => {
    await service?.close();
  });

  it('takes citizen and clerk through the whole journey with the keyboard alone', async () => {
    const [citizen, clerk] = [await launchRoomBrowser(), await launchRoomBrowser()];
    try {
      const room = freshRoom(service);
      for (const [browser, token] of [
        [clerk, room.clerk],
        [citizen, room.citizen],
      ] as const) {
        const page = browser.page;
        // The clerk's link goes straight into the call (issue 13); only the citizen has a page before joining.
        if (browser === clerk) {
          await page.goto(service.joinUrl(token));
          await page.getByTestId('call-view').waitFor({ timeout: 15_000 });
          continue;
        }
        await openLink(page, service.joinUrl(token));
        expect(await unlabelledControls(page), 'device check: unlabelled controls').to.deep.equal([]);
        await tabTo(page, 'consent-checkbox');
        await page.keyboard.press('Space');
        await tabTo(page, 'join-button');
        await page.keyboard.press('Enter');
      }
      await clerk.page.getByTestId('call-view').waitFor({ timeout: 15_000 });
      await citizen.page.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
      expect(await unlabelledControls(citizen.page), 'waiting room: unlabelled controls').to.deep.equal([]);

      await tabTo(clerk.page, 'admit-button');
      await clerk.page.keyboard.press('Enter');
      await citizen.page.getByTestId('call-view').waitFor({ timeout: 15_000 });
      expect(await citizen.page.getByTestId('announcer').innerText(), 'admission announced').to.match(/eingelassen/);
      await seesVideoOf(citizen.page, 'citizen');
      for (const page of [citizen.page, clerk.page])
        expect(await unlabelledControls(page), 'call: unlabelled controls').to.deep.equal([]);

      await tabTo(citizen.page, 'mic-toggle');
      await citizen.page.keyboard.press('Space');
      expect(await citizen.page.getByTestId('mic-toggle').getAttribute('aria-pressed')).to.equal('false');
      await tabTo(citizen.page, 'chat-toggle');
      await citizen.page.keyboard.press('Enter');
      expect(await citizen.page.getByTestId('chat-toggle').getAttribute('aria-pressed')).to.equal('true');
      expect(
        await citizen.page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
        'focus in the chat field',
      ).to.equal('chat-input');
      await citizen.page.keyboard.type('Guten Tag!');
      await citizen.page.keyboard.press('Enter');
      await waitFor(
        'the clerk to be told of the message',
        async () => ((await clerk.page.getByTestId('announcer').innerText()).includes('Guten Tag!') ? true : undefined),
        10_000,
      );

      await tabTo(clerk.page, 'end-button');
      await clerk.page.keyboard.press('Enter');
      await clerk.page.getByTestId('end-dialog').waitFor();
      await tabTo(clerk.page, 'end-confirm', 5);
      await clerk.page.keyboard.press('Enter');
      await citizen.page.getByTestId('closed-screen').waitFor({ timeout: 10_000 });
    } finally {
      await citizen.close();
      await clerk.close();
    }
  });

  it('shows every page of an English appointment completely in English', async () => {
    const [citizen, clerk] = [await launchRoomBrowser({ locale: 'en-GB' }), await launchRoomBrowser()];
    try {
      const room = freshRoom(service);
      const claims = joinClaims({ room: room.room, sub: room.citizenId, name: 'Erika Mustermann' });
      const token = signJoinToken(service.key, { ...claims, appt: { ...claims.appt, locale: 'en' } });
      await openLink(citizen.page, service.joinUrl(token));
      await waitFor('English', async () =>
        (await citizen.page.getByTestId('join-button').innerText()) === 'Join now' ? true : undefined,
      );
      await assertNoGerman(citizen.page, 'device check');
      expect(await citizen.page.evaluate(() => document.documentElement.lang)).to.equal('en');
      await citizen.page.getByTestId('consent-checkbox').check();
      await citizen.page.getByTestId('join-button').click();
      await citizen.page.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
      await assertNoGerman(citizen.page, 'waiting room');
      await clerkJoins(clerk.page, service.joinUrl(room.clerk));
      await admit(clerk.page, room.citizenId, citizen.page);
      await citizen.page.getByTestId('chat-toggle').click();
      await seesVideoOf(citizen.page, 'citizen');
      await assertNoGerman(citizen.page, 'call');
      await screenshot(citizen.page, 'room-call-english');
    } finally {
      await citizen.close();
      await clerk.close();
    }
  });

  it('mirrors the call for a right-to-left language (pseudo-RTL) without spilling sideways', async () => {
    const [citizen, clerk] = [await launchRoomBrowser(), await launchRoomBrowser()];
    try {
      const room = freshRoom(service);
      await clerkJoins(clerk.page, service.joinUrl(room.clerk));
      await citizenWaits(citizen.page, service.joinUrl(room.citizen));
      await admit(clerk.page, room.citizenId, citizen.page);
      for (const page of [clerk.page, citizen.page]) await page.evaluate(() => (document.documentElement.dir = 'rtl'));
      const page = clerk.page;
      await seesVideoOf(page, 'clerk in RTL');
      const pip = await page.locator('.va-pip').boundingBox();
      const stage = await page.locator('.va-stage').boundingBox();
      expect(pip!.x + pip!.width / 2, 'own picture on the left in RTL').to.be.below(stage!.x + stage!.width / 2);
      const lobby = await page.getByTestId('lobby').boundingBox();
      expect(lobby!.x, 'the waiting room column on the left in RTL').to.be.below(stage!.x);
      const mic = await page.getByTestId('mic-toggle').boundingBox();
      const leave = await page.getByTestId('leave-button').boundingBox();
      expect(mic!.x, 'controls run from the right').to.be.greaterThan(leave!.x);
      expect(await overflowsSideways(page)).to.equal(false);
      await screenshot(page, 'room-call-clerk-rtl');
    } finally {
      await citizen.close();
      await clerk.close();
    }
  });

  it('fits a 360 × 740 phone: device check, waiting room and call without sideways scrolling', async () => {
    const phone = await launchRoomBrowser({ viewport: { width: 360, height: 740 }, phone: true });
    const clerk = await launchRoomBrowser();
    try {
      const room = freshRoom(service);
      const page = phone.page;
      await openLink(page, service.joinUrl(room.citizen));
      await page.getByTestId('check-media').waitFor();
      await waitFor('the camera preview', async () =>
        (await page.locator('.va-self-video').evaluate((v: HTMLVideoElement) => v.videoWidth)) > 0 ? true : undefined,
      );
      expect(await overflowsSideways(page), 'device check').to.equal(false);
      await screenshot(page, 'room-phone-device-check');
      // Six languages as buttons do not fit a phone: a select offers the same choice there.
      expect(await page.getByTestId('language-en').isVisible(), 'no language buttons on the phone').to.equal(false);
      await page.getByTestId('language-select').selectOption('en');
      await waitFor('English', async () =>
        (await page.getByTestId('join-button').innerText()) === 'Join now' ? true : undefined,
      );
      await page.getByTestId('language-select').selectOption('de');
      await waitFor('German again', async () =>
        (await page.getByTestId('join-button').innerText()) === 'Jetzt beitreten' ? true : undefined,
      );
      await page.getByTestId('consent-checkbox').check();
      await page.getByTestId('join-button').click();
      await page.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
      expect(await overflowsSideways(page), 'waiting room').to.equal(false);
      await screenshot(page, 'room-phone-waiting-room');
      await clerkJoins(clerk.page, service.joinUrl(room.clerk));
      await admit(clerk.page, room.citizenId, page);
      await seesVideoOf(page, 'phone');
      expect(await overflowsSideways(page), 'call').to.equal(false);
      for (const id of ['mic-toggle', 'camera-toggle', 'camera-switch', 'chat-toggle', 'leave-button']) {
        const box = await page.getByTestId(id).boundingBox();
        expect(box, `${id} shown`).to.not.equal(null);
        expect(box!.x >= 0 && box!.x + box!.width <= 360 && box!.y + box!.height <= 740, `${id} on screen`).to.equal(
          true,
        );
        expect(box!.height, `${id} big enough to tap`).to.be.at.least(44);
      }
      const video = await page.getByTestId('remote-video').boundingBox();
      expect(video!.height, 'the clerk’s picture gets room').to.be.greaterThan(200);
      await screenshot(page, 'room-phone-call');
      await page.getByTestId('chat-toggle').click();
      expect(await overflowsSideways(page), 'chat').to.equal(false);
      await screenshot(page, 'room-phone-chat');
    } finally {
      await phone.close();
      await clerk.close();
    }
  });
});

/** No German catalogue text on the page (texts that differ between the two catalogues). */
async function assertNoGerman(page: Page, where: string): Promise<void> {
  const text = await page.locator('body').innerText();
  const german = (Object.keys(de) as (keyof typeof de)[])
    .filter((key) => de[key] !== en[key] && de[key].length >= 8)
    .map((key) => de[key].split(/\{\w+\}/)[0]!.trim())
    .filter((fragment) => fragment.length >= 8 && text.includes(fragment));
  expect(german, `${where}: German texts on the English page`).to.deep.equal([]);
}
