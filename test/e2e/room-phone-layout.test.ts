/**
 * The casework panel never covers the videos (issue 11, item 8): a citizen told to hold the ID into the camera
 * must see their own picture and the clerk while the panel is open. On every size from a 360×640 phone up —
 * portrait and landscape — and on the clerk's desktop, with the panel open on each tab, the remote video and the
 * own picture are on screen, of a usable size, and share no pixel with the panel. Screenshots for people to
 * look at land in .test-output/screenshots/.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.ts';
import { joinClaims, signJoinToken } from '../video-service/support.ts';
import {
  admit,
  clerkJoins,
  citizenWaits,
  launchRoomBrowser,
  screenshot,
  seesVideoOf,
  startRoomService,
  waitFor,
  type RoomService,
} from './support/room-ui.ts';

const SIZES = [
  { width: 360, height: 640 },
  { width: 390, height: 844 },
  { width: 640, height: 360 },
  { width: 844, height: 390 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
];
const TABS = ['agenda', 'form', 'idcheck', 'documents'] as const;

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
/** The part of the box inside the viewport. */
const onScreen = (box: Box, view: { width: number; height: number }): Box => {
  const x = Math.max(0, box.x);
  const y = Math.max(0, box.y);
  return {
    x,
    y,
    width: Math.max(0, Math.min(view.width, box.x + box.width) - x),
    height: Math.max(0, Math.min(view.height, box.y + box.height) - y),
  };
};

async function boxOf(locator: Locator, what: string): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${what} is not rendered`);
  return box;
}

/** What is wrong with the layout now: overlaps and videos too small or off screen (empty when all is well). */
async function layoutProblems(page: Page, where: string): Promise<string[]> {
  const view = page.viewportSize()!;
  const panel = await boxOf(page.getByTestId('case-panel'), 'the casework panel');
  const remote = onScreen(await boxOf(page.locator('[data-testid="remote-video"]').first(), 'the remote video'), view);
  const self = onScreen(await boxOf(page.locator('.va-pip'), 'the own picture'), view);
  const problems: string[] = [];
  if (overlap(panel, remote) > 0)
    problems.push(`${where}: the panel covers ${Math.round(overlap(panel, remote))} px² of the remote video`);
  if (overlap(panel, self) > 0)
    problems.push(`${where}: the panel covers ${Math.round(overlap(panel, self))} px² of the own picture`);
  if (remote.width < 160 || remote.height < 100)
    problems.push(`${where}: the remote video shows only ${Math.round(remote.width)}×${Math.round(remote.height)} px`);
  if (self.width < 64 || self.height < 40)
    problems.push(`${where}: the own picture shows only ${Math.round(self.width)}×${Math.round(self.height)} px`);
  if (panel.height < 160) problems.push(`${where}: the panel is only ${Math.round(panel.height)} px high`);
  return problems;
}

async function openPanel(page: Page): Promise<void> {
  const panel = page.getByTestId('case-panel');
  if ((await panel.count()) === 0 || !(await panel.isVisible())) await page.getByTestId('case-toggle').click();
  await panel.waitFor({ state: 'visible', timeout: 15_000 });
}

describe('the casework panel and the videos on phones and desktops', function () {
  this.timeout(240_000);
  let service: RoomService;
  let citizen: TestBrowser;
  let clerk: TestBrowser;

  before(async () => {
    service = await startRoomService();
    citizen = await launchRoomBrowser({ phone: true, viewport: { width: 360, height: 640 } });
    clerk = await launchRoomBrowser({ phone: true, viewport: { width: 360, height: 640 } });
  });
  after(async () => {
    await citizen?.close();
    await clerk?.close();
    await service?.close();
  });

  it('keeps both videos visible beside or above the open panel, on every tab, for citizen and clerk', async () => {
    const room = `appt-${randomUUID()}`;
    const appt = { ...joinClaims({ room }).appt, title: 'Meldebescheinigung', services: ['meldebescheinigung'] };
    const citizenClaims = joinClaims({ room, sub: `citizen-${room}`, name: 'Erika Mustermann', appt });
    const clerkClaims = joinClaims({ room, sub: `clerk-${room}`, role: 'clerk', name: 'Max Beispiel', appt });
    await clerkJoins(clerk.page, service.joinUrl(signJoinToken(service.key, clerkClaims)));
    await citizenWaits(citizen.page, service.joinUrl(signJoinToken(service.key, citizenClaims)));
    await admit(clerk.page, citizenClaims.sub, citizen.page);
    await seesVideoOf(citizen.page, 'citizen');
    await seesVideoOf(clerk.page, 'clerk');

    const problems: string[] = [];
    for (const [page, who] of [
      [citizen.page, 'citizen'],
      [clerk.page, 'clerk'],
    ] as const) {
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await openPanel(page);
        for (const tab of TABS) {
          await page.getByTestId(`case-tab-${tab}`).click();
          await page.getByTestId(`case-panel-${tab}`).waitFor({ state: 'visible' });
          // Layout settles within a frame or two after a resize or a tab switch.
          const found = await waitFor(
            `${who} ${size.width}×${size.height} ${tab}`,
            async () => {
              const now = await layoutProblems(page, `${who} ${size.width}×${size.height} ${tab}`);
              return now.length === 0 ? now : undefined;
            },
            1_500,
          ).catch(async () => layoutProblems(page, `${who} ${size.width}×${size.height} ${tab}`));
          problems.push(...found);
        }
        await page.getByTestId('case-tab-idcheck').click();
        await screenshot(page, `phone-layout-${who}-${size.width}x${size.height}`);
      }
    }
    expect(problems).to.deep.equal([]);
  });
});
