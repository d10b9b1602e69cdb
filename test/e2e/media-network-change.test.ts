/**
 * A network change in the middle of a call, as far as a loopback-only network namespace can stage one: the
 * media runs through coturn (TURN only), and then the path it runs on dies — coturn is SIGKILLed, so every
 * allocation and every relayed candidate is gone — and a TURN server comes back on the same address (the new
 * network's way out). Neither browser reloads and the signalling stays up, so the call must heal by itself —
 * an ICE restart on the existing peer connections (ICE goes 'disconnected', never 'failed', in Chromium when
 * the TURN allocation vanishes: restarting only on 'failed' does not heal this) or, failing that, a new peer
 * connection — and both must render each other's video again, on new relay allocations.
 */
import { expect } from 'chai';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../support/browser.ts';
import { startCoturn, type Coturn } from '../support/coturn.ts';
import {
  admit,
  citizenWaitsClerkPresent,
  launchCallBrowsers,
  REMOTE_VIDEO,
  type CallBrowsers,
} from './support/media-call.ts';
import {
  connectionStates,
  framesWithin,
  mediaReceived,
  navigationStart,
  selectedPairs,
  waitFor,
  waitForMedia,
  type SelectedPair,
} from './support/media-probes.ts';
import { startMediaStack, type MediaStack } from './support/media-stack.ts';

/** Selected relay pairs that carry media right now (the bytes received grow). */
async function liveRelayPairs(page: Page): Promise<SelectedPair[] | undefined> {
  const pairs = await selectedPairs(page);
  if (pairs.length === 0 || !pairs.every((p) => p.state === 'succeeded' && p.localType === 'relay')) return undefined;
  return pairs;
}

/** State of the remote video elements and their tiles (for diagnoses). */
function videoElementState(page: Page): Promise<string> {
  return page.evaluate(async (selector) => {
    const videos = [...document.querySelectorAll(selector)] as HTMLVideoElement[];
    const before = videos.map((v) => v.currentTime);
    await new Promise((r) => setTimeout(r, 1000));
    return videos
      .map((video, i) => {
        const tracks = (video.srcObject as MediaStream | null)?.getVideoTracks() ?? [];
        const quality = video.getVideoPlaybackQuality();
        const tile = video.closest('[data-testid="remote-tile"]')?.textContent?.slice(0, 80);
        const receiving = (window as unknown as { __vaMedia: { pcs: RTCPeerConnection[] } }).__vaMedia.pcs
          .filter((pc) => pc.connectionState !== 'closed')
          .flatMap((pc) => pc.getReceivers().map((r) => r.track))
          .filter((t) => t.kind === 'video');
        return (
          `video readyState ${video.readyState} paused ${video.paused} currentTime ${before[i]!.toFixed(2)}→${video.currentTime.toFixed(2)} ` +
          `${video.videoWidth}×${video.videoHeight} quality ${quality.totalVideoFrames}/${quality.droppedVideoFrames} ` +
          `tracks ${tracks.map((t) => `${t.id.slice(0, 8)} ${t.readyState}${t.muted ? ' muted' : ''}`).join('/')} ` +
          `receivers' video tracks ${receiving.map((t) => `${t.id.slice(0, 8)} ${t.readyState}${t.muted ? ' muted' : ''}`).join('/')} tile "${tile}"`
        );
      })
      .join('; ');
  }, REMOTE_VIDEO);
}

/** Decoded video frames stop growing: the old path no longer carries media. */
async function mediaStalled(page: Page, who: string): Promise<void> {
  await waitFor(
    `${who}: media to stop on the dead path`,
    async () => {
      const before = (await mediaReceived(page)).videoFramesDecoded;
      await new Promise((r) => setTimeout(r, 1000));
      return (await mediaReceived(page)).videoFramesDecoded === before ? true : undefined;
    },
    20_000,
  );
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
    const loadedAt = { citizen: await navigationStart(citizen.page), clerk: await navigationStart(clerk.page) };
    const oldPort = coturn.port;
    const oldSecret = coturn.secret;

    await coturn.kill();
    await mediaStalled(citizen.page, 'citizen');
    coturn = await startCoturn({ port: oldPort, secret: oldSecret });

    for (const [who, page] of [
      ['citizen', citizen.page],
      ['clerk', clerk.page],
    ] as const) {
      await waitFor(
        `${who}: remote video again`,
        async () => ((await framesWithin(page, REMOTE_VIDEO, 500)) > 0 ? true : undefined),
        30_000,
      ).catch(async (error: Error) => {
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `media-network-change-${who}-failed.png`) });
        const received = await mediaReceived(page);
        throw new Error(
          `${error.message}; peer connections: ${(await connectionStates(page)).join(', ')}; video frames decoded: ${received.videoFramesDecoded}; ${await videoElementState(page)}`,
        );
      });
      const after = await waitFor(`${who}: relay pairs after the change`, () => liveRelayPairs(page), 20_000);
      expect(
        after.every((p) => p.localType === 'relay'),
        `${who}: still relayed only`,
      ).to.equal(true);
      expect(await navigationStart(page), `${who}: healed without reloading the page`).to.equal(loadedAt[who]);
    }
    const after = (await liveRelayPairs(citizen.page))!;
    const oldPorts = new Set(before.map((p) => p.localPort));
    expect(
      after.filter((p) => oldPorts.has(p.localPort)),
      'pairs still on an old (dead) relay allocation',
    ).to.deep.equal([]);
    expect(coturn.allocations(), 'allocations on the new TURN server').to.be.at.least(2);
    expect(await clerk.page.getByTestId('admit-button').count(), 'the clerk was not asked to admit again').to.equal(0);
    await citizen.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'media-network-change-citizen-after.png') });
  });
});
