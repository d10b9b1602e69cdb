/**
 * Helpers for the room UI browser tests (test/e2e/room-*.test.ts): a video service serving a fresh build
 * of the room UI (built once per test process into a temporary directory, so the tests always exercise
 * the current source and never touch video-service/web/dist), Chromium with extra flags (e.g. two fake
 * cameras), and the steps a person takes on the page.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildRoomUi } from '../../../video-service/web/build.ts';
import { framesRendered, launchBrowser, SCREENSHOT_DIR, type TestBrowser } from '../../support/browser.ts';
import { waitFor } from './media-probes.ts';

export { waitFor };
import {
  createSigningKey,
  joinClaims,
  roomTokens,
  signJoinToken,
  startVideoService,
  type SigningKey,
  type StartedVideoService,
} from '../../video-service/support.ts';
import type { VideoServiceOptions } from '../../../video-service/src/app.ts';
import { mediaReceived } from './room-probes.ts';

let built: Promise<string> | undefined;

/** Builds the room UI once per process into a temporary directory; resolves with that directory. */
export function builtRoomUi(): Promise<string> {
  built ??= (async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), 'va-room-ui-'));
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    await buildRoomUi({ outDir });
    return outDir;
  })();
  return built;
}

export interface RoomService {
  video: StartedVideoService;
  key: SigningKey;
  /** `${baseUrl}/join#<token>` */
  joinUrl(token: string): string;
  close(): Promise<void>;
}

/** A peer-to-peer video service (SQLite in a temporary DATA_DIR) serving the freshly built room UI. */
export async function startRoomService(
  env: Record<string, string> = {},
  serviceOptions?: VideoServiceOptions,
): Promise<RoomService> {
  const key = createSigningKey();
  const video = await startVideoService({
    keys: [key],
    env: { WEB_DIST_DIR: await builtRoomUi(), LOBBY_GRACE_SECONDS: '5', ...env },
    ...(serviceOptions ? { serviceOptions } : {}),
  });
  return {
    video,
    key,
    joinUrl: (token) => `${video.baseUrl}/join#${token}`,
    close: () => video.close(),
  };
}

/** Tokens of a fresh room (clerk and citizen). */
export function freshRoom(service: RoomService): ReturnType<typeof roomTokens> {
  return roomTokens(service.key);
}

/** Chromium as test/support/browser.ts launches it (extra flags, phone mode). */
export const launchRoomBrowser = launchBrowser;

/** Opens the link and waits for the page before joining (the device check). */
export async function openLink(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('device-check').waitFor({ timeout: 15_000 });
}

/** Confirms the notices and joins (from the device check). */
export async function consentAndJoin(page: Page): Promise<void> {
  await page.getByTestId('consent-checkbox').check();
  await page.getByTestId('join-button').click();
}

/** A clerk opens their link and is in the call: no page before joining, no click (issue 13). */
export async function clerkJoins(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('call-view').waitFor({ timeout: 15_000 });
}

/** A citizen (or guest) opens their link, joins and waits. */
export async function citizenWaits(page: Page, url: string): Promise<void> {
  await openLink(page, url);
  await consentAndJoin(page);
  await page.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
}

/** The clerk admits `participantId`; the person's page shows the call. */
export async function admit(clerk: Page, participantId: string, person: Page): Promise<void> {
  await clerk.locator(`[data-testid="admit-button"][data-participant="${participantId}"]`).click();
  await person.getByTestId('call-view').waitFor({ timeout: 15_000 });
}

/** Remote video frames are rendered for `participantId` (or any remote tile). */
export async function seesVideoOf(page: Page, who: string, participantId?: string): Promise<number> {
  const selector = participantId
    ? `[data-testid="remote-video"][data-participant="${participantId}"]`
    : '[data-testid="remote-video"]';
  await page.locator(selector).first().waitFor({ timeout: 15_000 });
  const frames = await waitFor(
    `${who}: remote video frames`,
    async () => {
      const count = await framesRendered(page, selector, 1000);
      return count > 0 ? count : undefined;
    },
    20_000,
  );
  expect(frames, `${who}: frames rendered`).to.be.greaterThan(0);
  return frames;
}

/** Real media in both directions on the page (needs installPeerConnectionProbe before the page loaded). */
export async function hearsAndSees(page: Page, who: string): Promise<void> {
  await seesVideoOf(page, who);
  const media = await waitFor(
    `${who}: received audio and video`,
    async () => {
      const received = await mediaReceived(page);
      return received.audioPackets > 0 && received.videoFramesDecoded > 0 ? received : undefined;
    },
    20_000,
  );
  expect(media.audioPackets, `${who}: audio packets`).to.be.greaterThan(0);
}

/** Keeps every WebSocket the page opens in `window.__vaSockets` (to cut them in a test). Before the page loads. */
export async function installSocketRecorder(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const sockets: WebSocket[] = [];
    (window as unknown as { __vaSockets: WebSocket[] }).__vaSockets = sockets;
    const Original = window.WebSocket;
    window.WebSocket = class extends Original {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        sockets.push(this);
      }
    } as typeof WebSocket;
  });
}

/** Presses Tab until the element with `testId` has the focus (at most `max` times); fails otherwise. */
export async function tabTo(page: Page, testId: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
    if (focused === testId) return;
  }
  throw new Error(`${testId} not reached with the Tab key`);
}

/**
 * Every visible button, field and select without an accessible name (aria-label, aria-labelledby, a
 * <label>, or its text): `[]` when all are labelled.
 */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const missing: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('button, input, select, textarea, [role="button"]')) {
      if (element.offsetParent === null && getComputedStyle(element).position !== 'fixed') continue;
      const byLabel = [...((element as HTMLInputElement).labels ?? [])].map((label) => label.innerText).join(' ');
      const byIds = (element.getAttribute('aria-labelledby') ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.innerText ?? '')
        .join(' ');
      const name = [element.getAttribute('aria-label'), byIds, byLabel, element.innerText].join(' ').trim();
      if (!name) missing.push(element.outerHTML.slice(0, 120));
    }
    return missing;
  });
}

/** Whether the page scrolls sideways (content wider than the viewport). */
export async function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** Saves `.test-output/screenshots/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A clerk and an admitted citizen in one fresh room, each in their own Chromium (the casework suites' start). */
export interface CaseCall {
  room: string;
  citizenId: string;
  clerk: TestBrowser;
  citizen: TestBrowser;
  close(): Promise<void>;
}

export async function caseCall(
  service: RoomService,
  options: {
    services: string[];
    citizen?: Parameters<typeof launchBrowser>[0];
    verify?: Record<string, string>;
    /**
     * Runs once both browsers are open, before anyone joins (e.g. to watch the citizen's WebSocket, or
     * `installSocketRecorder`); awaited.
     */
    beforeJoin?: (citizen: TestBrowser, clerk: TestBrowser) => unknown;
  },
): Promise<CaseCall> {
  const room = `appt-${randomUUID()}`;
  const appt = { ...joinClaims({ room }).appt, services: options.services };
  const citizenClaims = joinClaims({ room, sub: `citizen-${room}`, name: 'Erika Mustermann', appt });
  const clerkClaims = joinClaims({
    room,
    sub: `clerk-${room}`,
    role: 'clerk',
    name: 'Max Beispiel',
    appt: options.verify ? { ...appt, verify: options.verify } : appt,
  });
  const citizen = await launchBrowser(options.citizen);
  const clerk = await launchBrowser();
  const close = async (): Promise<void> => {
    await citizen.close();
    await clerk.close();
  };
  try {
    await options.beforeJoin?.(citizen, clerk);
    await clerkJoins(clerk.page, service.joinUrl(signJoinToken(service.key, clerkClaims)));
    await citizenWaits(citizen.page, service.joinUrl(signJoinToken(service.key, citizenClaims)));
    await admit(clerk.page, citizenClaims.sub, citizen.page);
  } catch (error) {
    await close();
    throw error;
  }
  return { room, citizenId: citizenClaims.sub, clerk, citizen, close };
}
