/**
 * The steps of a call as people take them, for media tests: two real browsers (citizen and clerk) open their
 * join links, the citizen waits, the clerk admits, and the test waits until both render each other's video.
 */
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../../support/browser.ts';
import { installMediaProbe } from './media-probes.ts';
import type { JoinLinks } from './media-stack.ts';

export const REMOTE_VIDEO = '[data-testid="remote-video"]';
export const RECONNECTING = '[data-testid="reconnecting"]';

export interface CallBrowsers {
  citizen: TestBrowser;
  clerk: TestBrowser;
  close(): Promise<void>;
}

/** Two fresh Chromium browsers with the media probe (reconnecting overlay watched, remote video timed). */
export async function launchCallBrowsers(): Promise<CallBrowsers> {
  const citizen = await launchBrowser();
  const clerk = await launchBrowser();
  for (const b of [citizen, clerk]) await installMediaProbe(b.page, { watch: [RECONNECTING], frames: [REMOTE_VIDEO] });
  return {
    citizen,
    clerk,
    async close() {
      await citizen.close();
      await clerk.close();
    },
  };
}

/** The citizen opens the link and waits; the clerk opens theirs and sees the citizen waiting. */
export async function citizenWaitsClerkPresent(citizen: Page, clerk: Page, links: JoinLinks): Promise<void> {
  await citizen.goto(links.citizen);
  await citizen.getByTestId('join-button').click();
  await citizen.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
  await clerk.goto(links.clerk);
  await clerk.getByTestId('join-button').click();
  await clerk.getByTestId('admit-button').first().waitFor({ timeout: 15_000 });
}

/** The clerk admits the waiting citizen; resolves once the citizen's call view shows. */
export async function admit(citizen: Page, clerk: Page): Promise<void> {
  await clerk.getByTestId('admit-button').first().click();
  await citizen.getByTestId('call-view').waitFor({ timeout: 15_000 });
}
