/**
 * A network change in the middle of a call, as far as a loopback-only network namespace can stage one: the
 * media runs through coturn (TURN only), and then the path it runs on dies — coturn is SIGKILLed, so every
 * allocation and every relayed candidate is gone — and a TURN server comes back on the same address (the new
 * network's way out). Neither browser reloads and the signalling stays up; the call must heal by itself
 * (ICE restart on the existing peer connections, or a re-join) and both must render each other's video again,
 * on new relay allocations.
 */
import { expect } from 'chai';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../support/browser.ts';
import { startCoturn, type Coturn } from '../support/coturn.ts';
import { admit, citizenWaitsClerkPresent, launchCallBrowsers, REMOTE_VIDEO, type CallBrowsers } from './support/media-call.ts';
import { framesWithin, mediaReceived, selectedPairs, waitFor, waitForMedia, type SelectedPair } from './support/media-probes.ts';
import { startMediaStack, type MediaStack } from './support/media-stack.ts';

/** Selected relay pairs that carry media right now (the bytes received grow). */
async function liveRelayPairs(page: Page): Promise<SelectedPair[] | undefined> {
  const pairs = await selectedPairs(page);
  if (pairs.length === 0 || !pairs.every((p) => p.state === 'succeeded' && p.localType === 'relay')) return undefined;
  return pairs;
}

/** Decoded video frames stop growing: the old path no longer carries media. */
async function mediaStalled(page: Page, who: string): Promise<void> {
  await waitFor(`${who}: media to stop on the dead path`, async () => {
    const before = (await mediaReceived(page)).videoFramesDecoded;
    await new Promise((r) => setTimeout(r, 1000));
    return (await mediaReceived(page)).videoFramesDecoded === before ? true : undefined;
  }, 20_000);
}

describe('a network change mid-call (the TURN path dies, a new one appears)', function () {
  this.timeout(150_000);
  let coturn: Coturn;
  let stack: MediaStack;
  let browsers: CallBrowsers;

  before(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    coturn = await startCoturn();
    stack = await startMediaStack({ turn: { urls: [coturn.udpUrl], secret: coturn.secret, relayOnly: true } });
    browsers = await launchCallBrowsers();
  });

  after(async () => {
    await browsers?.close();
    await stack?.close();
    await coturn?.stop();
  });

  it('the call heals by itself on new relay allocations, without reloading and without a second admission', async () => {
    const { citizen, clerk } = browsers;
    await citizenWaitsClerkPresent(citizen.page, clerk.page, await stack.book());
    await admit(citizen.page, clerk.page);
    await waitForMedia(citizen.page, 'citizen before the change');
    await waitForMedia(clerk.page, 'clerk before the change');
    const before = await waitFor('relay pairs before the change', () => liveRelayPairs(citizen.page));
    const oldPort = coturn.port;
    const oldSecret = coturn.secret;

    await coturn.kill();
    const t0 = Date.now();
    await mediaStalled(citizen.page, 'citizen');
    coturn = await startCoturn({ port: oldPort, secret: oldSecret });
    console.log('TMPDEBUG stalled+restarted', Date.now() - t0, await citizen.page.evaluate(() => (window as any).__vaMedia.pcs.map((pc: RTCPeerConnection) => pc.connectionState + '/' + pc.iceConnectionState)));

    for (let i = 0; i < 12; i++) {
      await new Promise((r) => setTimeout(r, 5000));
      console.log('TMPDEBUG', Date.now() - t0, await citizen.page.evaluate(() => (window as any).__vaMedia.pcs.map((pc: RTCPeerConnection) => pc.connectionState + '/' + pc.iceConnectionState)), (await mediaReceived(citizen.page)).videoFramesDecoded, JSON.stringify(await selectedPairs(citizen.page)), coturn.allocations());
    }
    for (const [who, page] of [['citizen', citizen.page], ['clerk', clerk.page]] as const) {
      await waitFor(`${who}: remote video again`, async () => ((await framesWithin(page, REMOTE_VIDEO, 500)) > 0 ? true : undefined), 60_000);
      const after = await waitFor(`${who}: relay pairs after the change`, () => liveRelayPairs(page), 20_000);
      expect(after.every((p) => p.localType === 'relay'), `${who}: still relayed only`).to.equal(true);
    }
    console.log('TMPDEBUG healed', Date.now() - t0, await citizen.page.evaluate(() => (window as any).__vaMedia.pcs.map((pc: RTCPeerConnection) => pc.connectionState + '/' + pc.iceConnectionState)));
    const after = (await liveRelayPairs(citizen.page))!;
    const oldPorts = new Set(before.map((p) => p.localPort));
    expect(after.filter((p) => oldPorts.has(p.localPort)), 'pairs still on an old (dead) relay allocation').to.deep.equal([]);
    expect(coturn.allocations(), 'allocations on the new TURN server').to.be.at.least(2);
    expect(await clerk.page.getByTestId('admit-button').count(), 'the clerk was not asked to admit again').to.equal(0);
    await citizen.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'media-network-change-citizen-after.png') });
  });
});
