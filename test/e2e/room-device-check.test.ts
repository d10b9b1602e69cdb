/**
 * The page before joining, in real Chromium with fake devices: camera and microphone choice with a live
 * preview and a moving microphone level, the loudspeaker test, the connection check (browser, signalling,
 * network), browser support advice, and the confirmation of the notices that joining requires. The network
 * check runs before admission against a real coturn (`media:probe` credentials): `ok` with a relay candidate,
 * `warn` / `fail` with advice when the relay is unreachable or refuses the credentials.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.ts';
import { startCoturn, type Coturn } from '../support/coturn.ts';
import { freePort } from '../support/ports.ts';
import { installPeerConnectionProbe } from './support/room-probes.ts';
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

describe('room UI: device and connection check before joining', function () {
  this.timeout(90_000);
  let service: RoomService;
  let browser: TestBrowser;

  before(async () => {
    service = await startRoomService();
    browser = await launchRoomBrowser({ args: ['--use-fake-device-for-media-stream=device-count=2'] });
    await installPeerConnectionProbe(browser.page);
  });
  after(async () => {
    await browser?.close();
    await service?.close();
  });

  it('offers both cameras and the microphones, shows the preview and a moving microphone level', async () => {
    const { page } = browser;
    await openLink(page, service.joinUrl(freshRoom(service).citizen));
    const cameras = page.getByTestId('camera-select').locator('option');
    await waitFor('two cameras listed', async () => ((await cameras.count()) === 2 ? true : undefined));
    expect(await page.getByTestId('microphone-select').locator('option').count(), 'microphones').to.be.greaterThan(0);
    const preview = page.locator('.va-self-video');
    await waitFor('the preview to play', async () =>
      (await preview.evaluate((v: HTMLVideoElement) => v.videoWidth)) > 0 ? true : undefined,
    );
    const level = await waitFor('the microphone level to move', async () => {
      const value = await page.getByTestId('mic-level').evaluate((meter: HTMLMeterElement) => meter.value);
      return value > 0.01 ? value : undefined;
    });
    expect(level).to.be.greaterThan(0.01);
  });

  it('switches the preview to the camera chosen in the list', async () => {
    const { page } = browser;
    const select = page.getByTestId('camera-select');
    const ids = await select
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    const current = await page
      .locator('.va-self-video')
      .evaluate((v: HTMLVideoElement) => (v.srcObject as MediaStream).getVideoTracks()[0]!.getSettings().deviceId);
    const other = ids.find((id) => id !== current)!;
    await select.selectOption(other);
    const now = await waitFor('the other camera in the preview', async () => {
      const id = await page
        .locator('.va-self-video')
        .evaluate(
          (v: HTMLVideoElement) => (v.srcObject as MediaStream | null)?.getVideoTracks()[0]?.getSettings().deviceId,
        );
      return id === other ? id : undefined;
    });
    expect(now).to.equal(other);
  });

  it('plays the loudspeaker test tone', async () => {
    const { page } = browser;
    const button = page.getByTestId('speaker-test');
    await button.click();
    await waitFor(
      'the test tone to finish',
      async () => ((await button.getAttribute('data-state')) === 'done' ? true : undefined),
      5000,
    );
  });

  it('checks the browser and the signalling connection, and says so in words; no peer connection before admission', async () => {
    const { page } = browser;
    const expected = { browser: 'ok', signalling: 'ok', media: 'later' } as const;
    for (const [check, wanted] of Object.entries(expected)) {
      const row = page.getByTestId(`check-${check}`);
      const status = await waitFor(`${check} check`, async () => {
        const value = await row.getAttribute('data-status');
        return value !== 'pending' ? value : undefined;
      });
      expect(status, `${check} check`).to.equal(wanted);
      expect((await row.innerText()).length, `${check} check has text`).to.be.greaterThan(10);
    }
    expect(await page.getByTestId('check-media').innerText()).to.match(/sobald Sie das Gespräch betreten/);
    const created = await page.evaluate(
      () => (window as unknown as { __vaProbe: { pcs: unknown[] } }).__vaProbe.pcs.length,
    );
    expect(
      created,
      'peer connections before admission (no ICE servers configured: nothing to gather against)',
    ).to.equal(0);
    await screenshot(page, 'room-device-check');
  });

  it('asks the clerk for no consent: their link goes straight into the call (issue 13)', async () => {
    const clerk = await launchRoomBrowser();
    try {
      await clerk.page.goto(service.joinUrl(freshRoom(service).clerk));
      await clerk.page.getByTestId('call-view').waitFor({ timeout: 15_000 });
      expect(await clerk.page.getByTestId('consent-checkbox').count(), 'no consent checkbox for the clerk').to.equal(0);
      expect(await browser.page.getByTestId('consent-checkbox').count(), 'the citizen is asked').to.equal(1);
    } finally {
      await clerk.close();
    }
  });

  it('does not join before the notices are confirmed, and says why at the checkbox', async () => {
    const { page } = browser;
    await page.getByTestId('join-button').click();
    await page.getByTestId('consent-error').waitFor();
    expect(await page.getByTestId('device-check').count(), 'still on the device check').to.equal(1);
    expect(await page.getByTestId('consent-checkbox').getAttribute('aria-invalid')).to.equal('true');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(focused, 'focus moved to the checkbox').to.equal('consent-checkbox');
    await consentAndJoin(page);
    await page.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
  });

  it('explains that a browser without WebRTC cannot join, and offers no join', async () => {
    const other = await launchRoomBrowser();
    try {
      await other.page.addInitScript(() => {
        delete (window as { RTCPeerConnection?: unknown }).RTCPeerConnection;
      });
      await openLink(other.page, service.joinUrl(freshRoom(service).citizen));
      const advice = other.page.getByTestId('browser-advice');
      await advice.waitFor();
      expect(await advice.getAttribute('data-advice')).to.include('no_webrtc');
      expect(await advice.innerText()).to.match(/Chrome, Edge, Firefox oder Safari/);
      expect(await other.page.getByTestId('join-button').isDisabled(), 'join disabled').to.equal(true);
      expect(await other.page.getByTestId('check-browser').getAttribute('data-status')).to.equal('fail');
    } finally {
      await other.close();
    }
  });
});

/** Waits for the network check's result on the device-check page. */
async function networkCheck(page: Page): Promise<string> {
  return waitFor(
    'the network check',
    async () => {
      const status = await page.getByTestId('check-media').getAttribute('data-status');
      return status && status !== 'pending' ? status : undefined;
    },
    20_000,
  );
}

/** The page's peer connections: how many, and whether any ever had a remote side or a remote track. */
async function peerConnections(page: Page): Promise<{ count: number; connectedToSomeone: boolean }> {
  return page.evaluate(() => {
    const probe = (window as unknown as { __vaProbe: { pcs: RTCPeerConnection[]; tracks: number } }).__vaProbe;
    return {
      count: probe.pcs.length,
      connectedToSomeone: probe.tracks > 0 || probe.pcs.some((pc) => pc.remoteDescription !== null),
    };
  });
}

describe('room UI: the network check reaches TURN before admission (real coturn)', function () {
  this.timeout(90_000);
  let coturn: Coturn;
  let service: RoomService | undefined;
  let browser: TestBrowser | undefined;

  before(async () => {
    coturn = await startCoturn();
  });
  afterEach(async () => {
    await browser?.close();
    await service?.close();
    browser = undefined;
    service = undefined;
  });
  after(() => coturn?.stop());

  async function open(env: Record<string, string>): Promise<{ page: Page; citizenId: string }> {
    service = await startRoomService(env);
    browser = await launchRoomBrowser();
    await installPeerConnectionProbe(browser.page);
    const room = freshRoom(service);
    await openLink(browser.page, service.joinUrl(room.citizen));
    return { page: browser.page, citizenId: room.citizenId };
  }

  it('says ok with a relay candidate, with credentials for this participant, and connects to no one', async () => {
    const allocations = coturn.allocations();
    const { page, citizenId } = await open({
      TURN_URLS: coturn.udpUrl,
      TURN_SECRET: coturn.secret,
      TURN_RELAY_ONLY: 'true',
    });
    expect(await networkCheck(page)).to.equal('ok');
    expect(await page.getByTestId('check-media').innerText()).to.match(/Bild und Ton: in Ordnung/);
    expect(await page.getByTestId('check-media-advice').count(), 'no advice when fine').to.equal(0);
    expect(coturn.allocations() - allocations, 'coturn allocated a relay for the check').to.be.at.least(1);
    expect(coturn.log(), 'the REST username carries the participant id').to.include(`:${citizenId}>`);
    const pcs = await peerConnections(page);
    expect(pcs.count, 'the one gathering-only connection of the check').to.equal(1);
    expect(pcs.connectedToSomeone, 'no remote side before admission').to.equal(false);
    await screenshot(page, 'room-device-check-turn-ok');

    await consentAndJoin(page);
    await page.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('waiting-network').getAttribute('data-status')).to.equal('ok');
    expect(await page.getByTestId('waiting-network').innerText(), 'no network notice in the waiting room').to.equal('');
  });

  it('says warn with advice when coturn refuses the credentials (wrong secret) and calls may go direct', async () => {
    const { page } = await open({
      TURN_URLS: coturn.udpUrl,
      TURN_SECRET: 'not-the-secret-coturn-knows',
      TURN_RELAY_ONLY: 'false',
    });
    expect(await networkCheck(page)).to.equal('warn');
    const advice = page.getByTestId('check-media-advice');
    expect(await advice.innerText()).to.match(/bitten Sie Ihre IT/);
    expect(await page.getByTestId('check-media').innerText()).to.match(/eingeschränkt/);
    expect(await page.locator('.va-checks').getAttribute('aria-live'), 'read out politely').to.equal('polite');
    await screenshot(page, 'room-device-check-turn-warn');
  });

  it('says fail with advice when no relay answers and calls go through relays only, also in the waiting room', async () => {
    const nobody = await freePort();
    const { page } = await open({
      TURN_URLS: `turn:127.0.0.1:${nobody}?transport=udp`,
      TURN_SECRET: coturn.secret,
      TURN_RELAY_ONLY: 'true',
    });
    expect(await networkCheck(page)).to.equal('fail');
    expect(await page.getByTestId('check-media').innerText(), 'what to do, in words').to.match(
      /anderes Netz.*Bitten Sie Ihre IT/s,
    );
    await screenshot(page, 'room-device-check-turn-fail');

    await consentAndJoin(page);
    await page.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
    const notice = page.getByTestId('waiting-network');
    expect(await notice.getAttribute('data-status')).to.equal('fail');
    expect(await notice.getAttribute('aria-live')).to.equal('polite');
    expect(await notice.innerText()).to.match(/Bitten Sie Ihre IT/);
    await screenshot(page, 'room-waiting-network-fail');
  });
});
