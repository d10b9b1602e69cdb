/**
 * Relayed media through a real coturn, the setting for clerks working from home (TURN_RELAY_ONLY=true:
 * `iceTransportPolicy: 'relay'`, so neither side learns the other's address). Two real Chromium browsers go
 * through the real connector (booking webhook → links) and the video service: join → wait → admit → both
 * render each other's video; `getStats()` shows that the candidate pair carrying the media is a relay pair on
 * both sides, and coturn's own log shows the allocations. Once over TURN/UDP (with TCP offered too), once over
 * TURN/TCP only (what is left when UDP is blocked).
 */
import { expect } from 'chai';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../support/browser.ts';
import { startCoturn, type Coturn } from '../support/coturn.ts';
import { admit, citizenWaitsClerkPresent, launchCallBrowsers, type CallBrowsers } from './support/media-call.ts';
import { selectedPairs, waitFor, waitForMedia, type SelectedPair } from './support/media-probes.ts';
import { startMediaStack, type MediaStack } from './support/media-stack.ts';

/** Waits until every open peer connection of the page has a selected pair, and returns them. */
async function settledPairs(page: Page, who: string): Promise<SelectedPair[]> {
  return waitFor(`${who}: a selected candidate pair`, async () => {
    const pairs = await selectedPairs(page);
    return pairs.length > 0 && pairs.every((p) => p.state === 'succeeded' && p.bytesReceived > 0) ? pairs : undefined;
  });
}

describe('media relayed through a real coturn (TURN only)', function () {
  this.timeout(90_000);
  let coturn: Coturn;
  let stack: MediaStack | undefined;
  let browsers: CallBrowsers | undefined;

  before(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    coturn = await startCoturn();
  });

  afterEach(async () => {
    await browsers?.close();
    await stack?.close();
    browsers = undefined;
    stack = undefined;
  });

  after(async () => {
    await coturn?.stop();
  });

  it('citizen and clerk see each other over TURN/UDP, both on a relay candidate pair, and coturn allocated for them', async () => {
    const allocationsBefore = coturn.allocations();
    stack = await startMediaStack({
      turn: { urls: [coturn.udpUrl, coturn.tcpUrl], secret: coturn.secret, relayOnly: true },
    });
    browsers = await launchCallBrowsers();
    const { citizen, clerk } = browsers;
    await citizenWaitsClerkPresent(citizen.page, clerk.page, await stack.book());
    await admit(citizen.page, clerk.page);

    for (const [who, page] of [
      ['citizen', citizen.page],
      ['clerk', clerk.page],
    ] as const) {
      const media = await waitForMedia(page, who);
      expect(media.frames, `${who}: remote frames rendered in one second`).to.be.greaterThan(0);
      const pairs = await settledPairs(page, who);
      for (const pair of pairs) {
        expect(pair.localType, `${who}: local candidate of the selected pair`).to.equal('relay');
        expect(pair.remoteType, `${who}: remote candidate of the selected pair`).to.equal('relay');
      }
    }
    expect(coturn.allocations() - allocationsBefore, "TURN allocations in coturn's log").to.be.at.least(2);
    await citizen.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'media-turn-udp-citizen.png') });
  });

  it('with only TURN over TCP offered (UDP blocked), the call still connects, relayed over TCP on both sides', async () => {
    const allocationsBefore = coturn.allocations();
    stack = await startMediaStack({ turn: { urls: [coturn.tcpUrl], secret: coturn.secret, relayOnly: true } });
    browsers = await launchCallBrowsers();
    const { citizen, clerk } = browsers;
    await citizenWaitsClerkPresent(citizen.page, clerk.page, await stack.book());
    await admit(citizen.page, clerk.page);

    for (const [who, page] of [
      ['citizen', citizen.page],
      ['clerk', clerk.page],
    ] as const) {
      const media = await waitForMedia(page, who);
      expect(media.frames, `${who}: remote frames rendered in one second`).to.be.greaterThan(0);
      const pairs = await settledPairs(page, who);
      for (const pair of pairs) {
        expect(pair.localType, `${who}: local candidate of the selected pair`).to.equal('relay');
        expect(pair.relayProtocol, `${who}: how the browser reaches coturn`).to.equal('tcp');
      }
    }
    expect(coturn.allocations() - allocationsBefore, "TURN allocations in coturn's log").to.be.at.least(2);
  });
});
