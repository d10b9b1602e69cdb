/**
 * The clerk's way into the call (issue 13, item 2): a clerk's link goes straight into the call — no page before
 * joining, no click — with camera and microphone on; the device check opens on request from the call's controls
 * as a dialog (preview, device choice, network check), keyboard-usable, and the call goes on while a camera is
 * switched in it. A clerk whose camera is busy lands in the call all the same, told so, with the fix at hand.
 * Citizens keep the device check and the consent before joining.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.ts';
import { seriousViolations } from './support/axe.ts';
import { installPeerConnectionProbe } from './support/room-probes.ts';
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
  waitFor,
  type RoomService,
} from './support/room-ui.ts';

/**
 * Three fake cameras: Chromium's second fake camera delivers Y16 (depth) frames that WebRTC cannot encode (see
 * room-call.test.ts), so the clerk switches from the first to the third.
 */
const THREE_CAMERAS = '--use-fake-device-for-media-stream=device-count=3';

/** Remembers in `window.__vaSawDeviceCheck` whether the page before joining was ever on screen (before load). */
async function watchForDeviceCheck(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const flag = window as unknown as { __vaSawDeviceCheck: boolean };
    flag.__vaSawDeviceCheck = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="device-check"]')) flag.__vaSawDeviceCheck = true;
    }).observe(document, { childList: true, subtree: true });
  });
}

/** Camera and microphone answer "device in use" while `window.__vaBusy` is true (another program holds them). */
async function busyDevices(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const flag = window as unknown as { __vaBusy: boolean };
    flag.__vaBusy = true;
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    devices.getUserMedia = (constraints) =>
      flag.__vaBusy
        ? Promise.reject(new DOMException('Could not start video source', 'NotReadableError'))
        : original(constraints);
  });
}

/** The device id of the camera in the call's own picture (the track that is sent). */
const ownCamera = (page: Page): Promise<string | undefined> =>
  page
    .locator('.va-pip .va-self-video')
    .evaluate(
      (v: HTMLVideoElement) => (v.srcObject as MediaStream | null)?.getVideoTracks()[0]?.getSettings().deviceId,
    );

const focusedTestId = (page: Page): Promise<string | null> =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

describe('room UI: the clerk goes straight into the call; the device check on request', function () {
  this.timeout(150_000);
  let service: RoomService;

  before(async () => {
    service = await startRoomService();
  });
  after(async () => {
    await service?.close();
  });

  it("a clerk's link opens the call without any click, camera and microphone on; the device check never shows", async () => {
    const clerk = await launchRoomBrowser();
    try {
      await watchForDeviceCheck(clerk.page);
      await clerk.page.goto(service.joinUrl(freshRoom(service).clerk));
      await clerk.page.getByTestId('call-view').waitFor({ timeout: 15_000 });
      const saw = await clerk.page.evaluate(
        () => (window as unknown as { __vaSawDeviceCheck: boolean }).__vaSawDeviceCheck,
      );
      expect(saw, 'the page before joining was shown').to.equal(false);
      await waitFor('the own picture to play', async () =>
        (await clerk.page.locator('.va-pip .va-self-video').evaluate((v: HTMLVideoElement) => v.videoWidth)) > 0
          ? true
          : undefined,
      );
      expect(await clerk.page.getByTestId('mic-toggle').getAttribute('aria-pressed'), 'microphone on').to.equal('true');
      expect(await clerk.page.getByTestId('camera-toggle').getAttribute('aria-pressed'), 'camera on').to.equal('true');
      expect(await clerk.page.getByTestId('call-device-problem').count(), 'no device problem').to.equal(0);
    } finally {
      await clerk.close();
    }
  });

  it('opens the device check in the call, switches the camera, closes with Escape; the citizen keeps seeing the clerk', async () => {
    const room = freshRoom(service);
    const browsers: TestBrowser[] = [];
    try {
      const clerk = await launchRoomBrowser({ args: [THREE_CAMERAS] });
      browsers.push(clerk);
      const citizen = await launchRoomBrowser();
      browsers.push(citizen);
      await installPeerConnectionProbe(clerk.page);
      await clerkJoins(clerk.page, service.joinUrl(room.clerk));
      await citizenWaits(citizen.page, service.joinUrl(room.citizen));
      await admit(clerk.page, room.citizenId, citizen.page);
      await seesVideoOf(citizen.page, 'citizen before the device check');
      const before = await waitFor('the clerk camera', () => ownCamera(clerk.page));

      // Opened with the keyboard: the focus goes into the dialog and stays there.
      await clerk.page.getByTestId('device-check-button').focus();
      await clerk.page.keyboard.press('Enter');
      const dialog = clerk.page.getByTestId('device-check-dialog');
      await dialog.waitFor();
      expect(await dialog.getAttribute('aria-labelledby'), 'named by its title').to.equal('va-device-check-title');
      for (let i = 0; i < 25; i += 1) {
        await clerk.page.keyboard.press('Tab');
        const inside = await clerk.page.evaluate(
          () =>
            document.querySelector('[data-testid="device-check-dialog"]')?.contains(document.activeElement) ?? false,
        );
        expect(inside, `focus inside the dialog after ${i + 1} Tab(s)`).to.equal(true);
      }
      // The network check runs afresh in the dialog.
      const signalling = await waitFor('the signalling check', async () => {
        const status = await dialog.getByTestId('check-signalling').getAttribute('data-status');
        return status !== 'pending' ? status : undefined;
      });
      expect(signalling).to.equal('ok');
      const cameras = dialog.getByTestId('camera-select').locator('option');
      await waitFor('three cameras listed', async () => ((await cameras.count()) === 3 ? true : undefined));
      expect(await seriousViolations(clerk.page, 'device check in the call (clerk)')).to.deep.equal([]);
      await screenshot(clerk.page, 'room-clerk-device-check-dialog');

      const other = await dialog
        .getByTestId('camera-select')
        .locator('option', { hasText: 'fake_device_2' })
        .getAttribute('value');
      expect(other, 'the third camera').to.be.a('string').and.not.equal(before);
      await dialog.getByTestId('camera-select').selectOption(other!);
      await waitFor('the other camera in the call', async () =>
        (await ownCamera(clerk.page)) === other ? true : undefined,
      );

      await clerk.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await focusedTestId(clerk.page), 'focus back on the button that opened it').to.equal(
        'device-check-button',
      );
      expect(await clerk.page.getByTestId('call-view').count(), 'still in the call').to.equal(1);
      // The running call sends the other camera, and the citizen's page decodes the clerk's picture from it.
      const sent = await clerk.page.evaluate(() => {
        const probe = (window as unknown as { __vaProbe: { pcs: RTCPeerConnection[] } }).__vaProbe;
        const pc = probe.pcs.find((candidate) => candidate.connectionState !== 'closed');
        return pc
          ?.getSenders()
          .find((sender) => sender.track?.kind === 'video')
          ?.track?.getSettings().deviceId;
      });
      expect(sent, 'the peer connection sends the chosen camera').to.equal(other);
      await seesVideoOf(citizen.page, 'citizen after the camera switch');
      await screenshot(clerk.page, 'room-clerk-after-device-check');
    } finally {
      for (const browser of browsers) await browser.close();
    }
  });

  it('a clerk whose camera is busy (360 px phone) is in the call, told so, and fixes it from the device check', async () => {
    const clerk = await launchRoomBrowser({ phone: true, viewport: { width: 360, height: 640 } });
    try {
      await busyDevices(clerk.page);
      await clerk.page.goto(service.joinUrl(freshRoom(service).clerk));
      await clerk.page.getByTestId('call-view').waitFor({ timeout: 15_000 });
      const notice = clerk.page.getByTestId('call-device-problem');
      await notice.waitFor({ timeout: 10_000 });
      expect(await notice.innerText())
        .to.match(/nicht verfügbar/)
        .and.match(/Gespräch läuft trotzdem/);
      expect(await overflowsSideways(clerk.page), 'sideways scrolling in the call').to.equal(false);
      await screenshot(clerk.page, 'room-clerk-device-busy-phone');

      await notice.getByRole('button', { name: 'Geräte prüfen' }).click();
      const dialog = clerk.page.getByTestId('device-check-dialog');
      await dialog.waitFor();
      expect(await overflowsSideways(clerk.page), 'sideways scrolling with the dialog').to.equal(false);
      expect(await dialog.getByTestId('device-error').innerText(), 'the dialog says why').to.match(/anderen Programm/);
      const width = await dialog.evaluate((element) => element.getBoundingClientRect().width);
      expect(width, 'the dialog fits the phone').to.be.at.most(360);
      expect(await seriousViolations(clerk.page, 'device check in the call (clerk, phone)')).to.deep.equal([]);
      await screenshot(clerk.page, 'room-clerk-device-check-phone');

      // The other program lets go of the devices; "retry" in the dialog brings them into the call.
      await clerk.page.evaluate(() => {
        (window as unknown as { __vaBusy: boolean }).__vaBusy = false;
      });
      await dialog.getByRole('button', { name: 'Erneut versuchen' }).click();
      await waitFor('the camera to start', async () =>
        (await clerk.page.getByTestId('camera-toggle').getAttribute('aria-pressed')) === 'true' ? true : undefined,
      );
      await dialog.getByTestId('device-check-close').click();
      await dialog.waitFor({ state: 'detached' });
      expect(await notice.count(), 'the problem notice is gone').to.equal(0);
    } finally {
      await clerk.close();
    }
  });

  it('a citizen still gets the device check and must confirm the notices before joining', async () => {
    const citizen = await launchRoomBrowser();
    try {
      await openLink(citizen.page, service.joinUrl(freshRoom(service).citizen));
      expect(await citizen.page.getByTestId('device-check-button').count(), 'no in-call device check').to.equal(0);
      await citizen.page.getByTestId('join-button').click();
      await citizen.page.getByTestId('consent-error').waitFor();
      expect(await citizen.page.getByTestId('device-check').count(), 'still before joining').to.equal(1);
      await citizen.page.getByTestId('consent-checkbox').check();
      await citizen.page.getByTestId('join-button').click();
      await citizen.page.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
    } finally {
      await citizen.close();
    }
  });
});
