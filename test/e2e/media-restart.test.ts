/**
 * The video service as a separate process (`node video-service/src/main.ts`, SQLite database, keys from the
 * connector's JWKS) is SIGKILLed in the middle of a relayed call (coturn, TURN only) and started again on the
 * same port with the same database. Both browsers show the reconnecting notice, come back by themselves
 * (socket.io reconnect → `room:join` → the admission is still stored), render each other's video again within
 * 15 s of the kill — without the clerk admitting the citizen a second time — and list the chat written before
 * the kill. Real Chromium, real connector, real coturn.
 */
import { expect } from 'chai';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../support/browser.ts';
import { startCoturn, type Coturn } from '../support/coturn.ts';
import {
  admit,
  chatTexts,
  citizenWaitsClerkPresent,
  launchCallBrowsers,
  sendChat,
  RECONNECTING,
  REMOTE_VIDEO,
  type CallBrowsers,
} from './support/media-call.ts';
import { appearances, framesWithin, selectedPairs, waitFor, waitForMedia } from './support/media-probes.ts';
import { startMediaStack, type MediaStack } from './support/media-stack.ts';

/** Resolves with the time at which the page rendered remote frames again with the reconnecting notice gone. */
async function backInCall(page: Page, who: string, ms: number): Promise<number> {
  return waitFor(
    `${who}: back in the call with remote video`,
    async () => {
      if ((await page.locator(RECONNECTING).count()) > 0) return undefined;
      if ((await page.getByTestId('call-view').count()) === 0) return undefined;
      const frames = await framesWithin(page, REMOTE_VIDEO, 500);
      return frames > 0 ? Date.now() : undefined;
    },
    ms,
  );
}

describe('video service killed and restarted mid-call (separate process, relayed media)', function () {
  this.timeout(120_000);
  let coturn: Coturn;
  let stack: MediaStack;
  let browsers: CallBrowsers;

  before(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    coturn = await startCoturn();
    stack = await startMediaStack({
      videoAsProcess: true,
      turn: { urls: [coturn.udpUrl], secret: coturn.secret, relayOnly: true },
    });
    browsers = await launchCallBrowsers();
  });

  after(async () => {
    await browsers?.close();
    await stack?.close();
    await coturn?.stop();
  });

  it('both show reconnecting, then see each other again within 15 s, without a second admission', async () => {
    const { citizen, clerk } = browsers;
    await citizenWaitsClerkPresent(citizen.page, clerk.page, await stack.book());
    await admit(citizen.page, clerk.page);
    await waitForMedia(citizen.page, 'citizen before the restart');
    await waitForMedia(clerk.page, 'clerk before the restart');
    await sendChat(clerk.page, 'Guten Tag, können Sie mich hören?');
    await sendChat(citizen.page, 'Ja, sehr gut.');
    const chatBefore = ['Guten Tag, können Sie mich hören?', 'Ja, sehr gut.'];

    const killedAt = Date.now();
    await stack.killVideo();
    await stack.startVideo();

    const [citizenBack, clerkBack] = await Promise.all([
      backInCall(citizen.page, 'citizen after the restart', 15_000),
      backInCall(clerk.page, 'clerk after the restart', 15_000),
    ]);
    for (const [who, page] of [
      ['citizen', citizen.page],
      ['clerk', clerk.page],
    ] as const) {
      const shown = (await appearances(page, RECONNECTING)).filter((at) => at >= killedAt);
      expect(shown.length, `${who}: the reconnecting notice was shown after the kill`).to.be.greaterThan(0);
      const pairs = await selectedPairs(page);
      expect(
        pairs.map((p) => p.localType),
        `${who}: media still relayed`,
      ).to.include('relay');
      expect(
        pairs.every((p) => p.localType === 'relay'),
        `${who}: only relay pairs`,
      ).to.equal(true);
    }
    expect(await clerk.page.getByTestId('admit-button').count(), 'the clerk was not asked to admit again').to.equal(0);
    expect(
      await citizen.page.getByTestId('waiting-room').count(),
      'the citizen is not back in the waiting room',
    ).to.equal(0);
    const back = Math.max(citizenBack, clerkBack) - killedAt;
    expect(back, 'both see each other again within 15 s of the kill').to.be.below(15_000);
    expect(await chatTexts(citizen.page), 'citizen: chat history after the restart').to.deep.equal(chatBefore);
    expect(await chatTexts(clerk.page), 'clerk: chat history after the restart').to.deep.equal(chatBefore);
    await citizen.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'media-restart-citizen-after.png') });
    await clerk.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'media-restart-clerk-after.png') });
  });
});
