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

/**
 * On the device-check page: agrees to the privacy notice where the page asks for it (the consent checkbox),
 * then clicks "join".
 */
export async function pressJoin(page: Page): Promise<void> {
  const join = page.getByTestId('join-button');
  await join.waitFor({ timeout: 15_000 });
  const consent = page.getByTestId('consent-checkbox');
  if ((await consent.count()) > 0) await consent.check();
  await join.click();
}

/** The citizen opens the link and waits; the clerk opens theirs and sees the citizen waiting. */
export async function citizenWaitsClerkPresent(citizen: Page, clerk: Page, links: JoinLinks): Promise<void> {
  await citizen.goto(links.citizen);
  await pressJoin(citizen);
  await citizen.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
  // The clerk's link goes straight into the call (no page before joining).
  await clerk.goto(links.clerk);
  await clerk.getByTestId('admit-button').first().waitFor({ timeout: 15_000 });
}

/** The clerk admits the waiting citizen; resolves once the citizen's call view shows. */
export async function admit(citizen: Page, clerk: Page): Promise<void> {
  await clerk.getByTestId('admit-button').first().click();
  await citizen.getByTestId('call-view').waitFor({ timeout: 15_000 });
}

/** Opens the chat panel if it is closed (the `chat-toggle` button). */
export async function openChat(page: Page): Promise<void> {
  if ((await page.getByTestId('chat-panel').count()) === 0) await page.getByTestId('chat-toggle').click();
  await page.getByTestId('chat-panel').waitFor({ timeout: 5000 });
}

/** Writes `text` in the call's chat and waits until it is listed (stored by the service). */
export async function sendChat(page: Page, text: string): Promise<void> {
  await openChat(page);
  await page.getByTestId('chat-input').fill(text);
  await page.getByTestId('chat-send').click();
  await page.getByTestId('chat-message').filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
}

/** The chat messages the page lists, oldest first (opens the panel). */
export async function chatTexts(page: Page): Promise<string[]> {
  await openChat(page);
  return page.locator('[data-testid="chat-message"] .va-chat-text').allTextContents();
}
