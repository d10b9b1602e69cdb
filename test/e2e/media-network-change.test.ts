/**
 * A network change in the middle of a call, as far as a loopback-only network namespace can stage one: the
 * media runs through coturn (TURN only), and then the path it runs on dies — coturn is SIGKILLed, so every
 * allocation and every relayed candidate is gone — and a TURN server comes back on the same address (the new
 * network's way out). Neither browser reloads and the signalling stays up, so the call must heal by itself
 * with the reconnect ladder's first rung: an ICE restart on the existing peer connections (ICE goes
 * 'disconnected', never 'failed', in Chromium when the TURN allocation vanishes: restarting only on 'failed'
 * does not heal this), and both must render each other's video again, on new relay allocations.
 */
import { expect } from 'chai';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../support/browser.ts';
import { startCoturn, type Coturn } from '../support/coturn.ts';
import { admit, citizenWaitsClerkPresent, launchCallBrowsers, REMOTE_VIDEO, type CallBrowsers } from './support/media-call.ts';
import { connectionStates, framesWithin, mediaReceived, peerConnectionsCreated, selectedPairs, waitFor, waitForMedia, type SelectedPair } from './support/media-probes.ts';
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
    return videos.map((video, i) => {
      const tracks = (video.srcObject as MediaStream | null)?.getVideoTracks() ?? [];
      const quality = video.getVideoPlaybackQuality();
      const tile = video.closest('[data-testid="remote-tile"]')?.textContent?.slice(0, 80);
      return `video readyState ${video.readyState} paused ${video.paused} currentTime ${before[i]!.toFixed(2)}→${video.currentTime.toFixed(2)} ` +
        `${video.videoWidth}×${video.videoHeight} quality ${quality.totalVideoFrames}/${quality.droppedVideoFrames} ` +
        `tracks ${tracks.map((t) => `${t.readyState}${t.muted ? ' muted' : ''}`).join('/')} tile "${tile}"`;
    }).join('; ');
  }, REMOTE_VIDEO);
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
    const connectionsBefore = { citizen: await peerConnectionsCreated(citizen.page), clerk: await peerConnectionsCreated(clerk.page) };
    const oldPort = coturn.port;
    const oldSecret = coturn.secret;

    await coturn.kill();
    await mediaStalled(citizen.page, 'citizen');
    coturn = await startCoturn({ port: oldPort, secret: oldSecret });

    for (const [who, page] of [['citizen', citizen.page], ['clerk', clerk.page]] as const) {
      await waitFor(`${who}: remote video again`, async () => ((await framesWithin(page, REMOTE_VIDEO, 500)) > 0 ? true : undefined), 30_000).catch(
        async (error: Error) => {
          await page.screenshot({ path: path.join(SCREENSHOT_DIR, `media-network-change-${who}-failed.png`) });
          const received = await mediaReceived(page);
          const tmpStats = await page.evaluate(async () => { const out: unknown[] = []; for (const pc of (window as any).__vaMedia.pcs) { if (pc.connectionState === 'closed') continue; (await pc.getStats()).forEach((s: any) => { if (s.type === 'inbound-rtp' && s.kind === 'video') out.push({ fd: s.framesDecoded, fr: s.framesReceived, drop: s.framesDropped, freeze: s.freezeCount, tfd: s.totalFreezesDuration, jbd: s.jitterBufferDelay, jbe: s.jitterBufferEmittedCount, w: s.frameWidth, kf: s.keyFramesDecoded, pli: s.pliCount, fps: s.framesPerSecond }); }); } return out; });
          console.log('TMPDEBUG stats', JSON.stringify(tmpStats));
          await page.evaluate(() => { const v = document.querySelector('[data-testid="remote-video"]') as HTMLVideoElement; const s = v.srcObject; v.srcObject = null; v.srcObject = s; void v.play(); });
          console.log('TMPDEBUG frames after reattaching srcObject', await framesWithin(page, REMOTE_VIDEO, 2000));
          throw new Error(`${error.message}; peer connections: ${(await connectionStates(page)).join(', ')}; video frames decoded: ${received.videoFramesDecoded}; ${await videoElementState(page)}`);
        },
      );
      const after = await waitFor(`${who}: relay pairs after the change`, () => liveRelayPairs(page), 20_000);
      expect(after.every((p) => p.localType === 'relay'), `${who}: still relayed only`).to.equal(true);
      // The signalling never dropped, so the first rung of the reconnect ladder must do: an ICE restart on the
      // existing peer connection, not a new one.
      expect(await peerConnectionsCreated(page), `${who}: healed by ICE restart on the same peer connection`).to.equal(connectionsBefore[who]);
    }
    const after = (await liveRelayPairs(citizen.page))!;
    const oldPorts = new Set(before.map((p) => p.localPort));
    expect(after.filter((p) => oldPorts.has(p.localPort)), 'pairs still on an old (dead) relay allocation').to.deep.equal([]);
    expect(coturn.allocations(), 'allocations on the new TURN server').to.be.at.least(2);
    expect(await clerk.page.getByTestId('admit-button').count(), 'the clerk was not asked to admit again').to.equal(0);
    await citizen.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'media-network-change-citizen-after.png') });
  });
});
