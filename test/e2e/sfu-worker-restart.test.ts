/**
 * The mediasoup worker killed with SIGKILL in the middle of a call through the SFU (issue 15, ADR 0175), in
 * real Chromium: clerk and citizen see each other; the worker dies; within 10 s, without a click or a
 * reload, both pages decode the other's video again. Meanwhile each page showed "Die Verbindung wird
 * wiederhergestellt …" in a polite live region, which went away once media flowed, and the signalling stayed
 * up (no reconnecting overlay, the same document).
 * Needs a worker (`npm run build:worker`); CI requires one (REQUIRE_MEDIASOUP_WORKER).
 * Screenshots: .test-output/screenshots/sfu-restoring-*.png.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.ts';
import { freePort } from '../support/ports.ts';
import { requireWorker, testWorkerBin } from '../video-service/support.ts';
import { seriousViolations } from './support/axe.ts';
import { waitFor } from './support/media-probes.ts';
import {
  admit,
  citizenWaits,
  clerkJoins,
  freshRoom,
  launchRoomBrowser,
  screenshot,
  seesVideoOf,
  startRoomService,
  type RoomService,
} from './support/room-ui.ts';
import { framesRendered } from '../support/browser.ts';

type Who = 'clerk' | 'citizen';

interface Watch {
  /** The notice's text each time it appeared. */
  restoringTexts: string[];
  /** Its live region's aria-live when it appeared. */
  restoringLive: string | null;
  /** Date.now() when the notice appeared and went away (for the failure message). */
  shownAt: number[];
  hiddenAt: number[];
  reconnectingSeen: boolean;
  /** Set before the kill: survives only without a reload. */
  marker: string;
}

/** Records in the page whether the restoring notice and the reconnecting overlay appear. */
async function watchNotices(page: Page): Promise<void> {
  await page.evaluate(() => {
    const watch: Watch = {
      restoringTexts: [],
      restoringLive: null,
      shownAt: [],
      hiddenAt: [],
      reconnectingSeen: false,
      marker: 'same-document',
    };
    (window as unknown as { __vaWatch: Watch }).__vaWatch = watch;
    let shown = false;
    const check = () => {
      const notice = document.querySelector('[data-testid="media-restoring"]');
      if (!notice && shown) watch.hiddenAt.push(Date.now());
      if (notice && !shown) {
        watch.shownAt.push(Date.now());
        watch.restoringTexts.push(notice.textContent ?? '');
        watch.restoringLive = notice.closest('[aria-live]')?.getAttribute('aria-live') ?? null;
      }
      shown = notice !== null;
      if (document.querySelector('[data-testid="reconnecting"]')) watch.reconnectingSeen = true;
    };
    new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

async function watched(page: Page): Promise<Watch | undefined> {
  return page.evaluate(() => (window as unknown as { __vaWatch?: Watch }).__vaWatch);
}

describe('room UI through the SFU: the mediasoup worker is killed mid-call', function () {
  this.timeout(180_000);
  let service: RoomService;
  const browsers: Partial<Record<Who, TestBrowser>> = {};

  before(async function () {
    await requireWorker(this);
    service = await startRoomService({
      MEDIA_MODE: 'sfu',
      MEDIASOUP_WORKER_BIN: testWorkerBin() ?? '',
      MEDIASOUP_WORKERS: '1',
      MEDIASOUP_LISTEN_IP: '127.0.0.1',
      MEDIASOUP_PORT: String(await freePort()),
    });
    for (const who of ['clerk', 'citizen'] as const) browsers[who] = await launchRoomBrowser();
  });
  after(async () => {
    for (const browser of Object.values(browsers)) await browser?.close();
    await service?.close();
  });

  it('both pages decode the other again by themselves, with no click; the restoring notice came and went', async () => {
    const page = (who: Who) => browsers[who]!.page;
    const room = freshRoom(service);
    const ids: Record<Who, string> = { clerk: room.clerkId, citizen: room.citizenId };
    const other = (who: Who): Who => (who === 'clerk' ? 'citizen' : 'clerk');
    await page('citizen').setViewportSize({ width: 360, height: 740 });
    await clerkJoins(page('clerk'), service.joinUrl(room.clerk));
    await citizenWaits(page('citizen'), service.joinUrl(room.citizen));
    await admit(page('clerk'), ids.citizen, page('citizen'));
    for (const who of ['clerk', 'citizen'] as const) {
      await seesVideoOf(page(who), `${who} sees ${other(who)}`, ids[other(who)]);
      await watchNotices(page(who));
    }

    const sfu = service.video.service.sfu;
    if (!sfu) throw new Error('the service runs no SFU');
    const pid = sfu.pool.workers[0]!.worker.pid;
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');

    await page('citizen').getByTestId('media-restoring').waitFor({ timeout: 5000 });
    await screenshot(page('citizen'), 'sfu-restoring-citizen-360');
    for (const who of ['clerk', 'citizen'] as const) {
      const selector = `[data-testid="remote-video"][data-participant="${ids[other(who)]}"]`;
      await waitFor(
        `${who}: the restoring notice appeared`,
        async () => ((await watched(page(who)))?.restoringTexts.length ? true : undefined),
        10_000,
      );
      await waitFor(
        `${who}: decodes ${other(who)} again`,
        async () => {
          const frames = await framesRendered(page(who), selector, 500);
          const restoring = await page(who).getByTestId('media-restoring').count();
          return frames > 0 && restoring === 0 ? frames : undefined;
        },
        20_000,
      );
    }
    const restoredWithin = Date.now() - killedAt;
    const timeline = async (who: Who) => {
      const watch = await watched(page(who));
      const at = (times: number[] | undefined) => (times ?? []).map((t) => `${t - killedAt} ms`).join(', ');
      return `${who}: notice shown ${at(watch?.shownAt)}, gone ${at(watch?.hiddenAt)}`;
    };
    // The product's target is media back within 10 s; a test does not bound time from above (a loaded machine
    // must not fail it: docs/testing.md), so the figure is printed here and the waits above are generous.
    console.log(
      `      media back ${restoredWithin} ms after SIGKILL (${await timeline('clerk')}; ${await timeline('citizen')})`,
    );
    await screenshot(page('clerk'), 'sfu-restoring-clerk-after');

    for (const who of ['clerk', 'citizen'] as const) {
      const watch = await watched(page(who));
      expect(watch?.marker, `${who}: no reload`).to.equal('same-document');
      expect(watch?.restoringTexts, `${who}: the notice, in German`).to.deep.equal([
        'Die Verbindung wird wiederhergestellt …',
      ]);
      expect(watch?.restoringLive, `${who}: in a live region`).to.equal('polite');
      expect(watch?.reconnectingSeen, `${who}: the signalling stayed up`).to.equal(false);
      expect(await page(who).getByTestId('call-view').count(), `${who}: still in the call`).to.equal(1);
      expect(await seriousViolations(page(who), `${who} after the restore`)).to.deep.equal([]);
    }
    const ready = (await (await fetch(`${service.video.baseUrl}/readyz`)).json()) as {
      media: { workers: { live: number; restarts: number } };
    };
    expect(ready.media.workers).to.deep.include({ live: 1, restarts: 1 });
    expect(sfu.pool.workers[0]!.worker.pid).to.not.equal(pid);
  });
});
