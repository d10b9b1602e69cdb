/**
 * Issue 11, item 9: when the clerk starts the ID check, the step appears over the citizen's call at once —
 * on a phone whose casework panel is closed, and on a desktop whose panel shows another tab — with the
 * back-camera switch at hand on the phone, never over the citizen's own picture, and gone when the check
 * ends. Two real Chromium browsers per citizen device; axe-core over the call with the overlay.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.ts';
import { seriousViolations } from './support/axe.ts';
import {
  caseCall,
  screenshot,
  seesVideoOf,
  startRoomService,
  waitFor,
  type CaseCall,
  type RoomService,
} from './support/room-ui.ts';

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The overlay's and the own picture's boxes on the page. */
async function boxes(page: Page): Promise<{ overlay: Box; self: Box }> {
  const overlay = await page.getByTestId('idcheck-overlay').boundingBox();
  const self = await page.locator('.va-pip').boundingBox();
  if (!overlay || !self) throw new Error('overlay or own picture not on screen');
  return { overlay, self };
}

for (const device of ['phone', 'desktop'] as const) {
  describe(`the ID check's step over the citizen's call (${device}${device === 'phone' ? ', panel closed' : ', panel on another tab'})`, function () {
    this.timeout(180_000);
    let service: RoomService;
    let citizen: TestBrowser;
    let clerk: TestBrowser;
    let call: CaseCall | undefined;

    before(async () => {
      service = await startRoomService();
      call = await caseCall(service, {
        services: ['meldebescheinigung'],
        ...(device === 'phone' ? { citizen: { viewport: { width: 390, height: 844 }, phone: true } } : {}),
      });
      ({ citizen, clerk } = call);
      await seesVideoOf(clerk.page, 'clerk', call!.citizenId);
      await clerk.page.getByTestId('case-panel').waitFor({ timeout: 15_000 });
      await clerk.page.getByTestId('case-tab-idcheck').click();
      if (device === 'desktop') await citizen.page.getByTestId('case-panel').waitFor({ timeout: 15_000 });
      // The case has loaded on the citizen's device (the toggle comes with the chunk).
      await citizen.page.getByTestId('case-toggle').waitFor({ timeout: 15_000 });
    });
    after(async () => {
      await call?.close();
      await service?.close();
    });

    it('shows step 1 of 4 at once when the clerk starts the check, not over the own picture', async () => {
      expect(await citizen.page.getByTestId('idcheck-overlay').count(), 'nothing before the check').to.equal(0);
      if (device === 'phone')
        expect(await citizen.page.getByTestId('case-panel').count(), 'the panel is closed').to.equal(0);
      else
        expect(
          await citizen.page.locator('#va-case-tab-agenda[aria-selected="true"]').count(),
          'the panel shows the agenda',
        ).to.equal(1);
      await clerk.page.getByTestId('idcheck-type').selectOption('personalausweis');
      const started = Date.now();
      await clerk.page.getByTestId('idcheck-start').click();
      const overlay = citizen.page.getByTestId('idcheck-overlay');
      await overlay.waitFor({ timeout: 5000 });
      const seconds = (Date.now() - started) / 1000;
      console.log(`      the step was over the call after ${seconds.toFixed(2)} s`);
      expect(seconds, 'at once').to.be.lessThan(3);
      const text = await overlay.innerText();
      expect(text).to.include('Schritt 1 von 4').and.include('Vorderseite');
      expect(
        (await citizen.page.getByTestId('idcheck-overlay-guidance').innerText()).length,
        'says what to do',
      ).to.be.greaterThan(20);
      const { overlay: box, self } = await boxes(citizen.page);
      expect(overlaps(box, self), 'the own picture stays free').to.equal(false);
      const viewport = citizen.page.viewportSize()!;
      expect(box.x + box.width, 'inside the screen').to.be.at.most(viewport.width + 0.5);
      expect(
        await citizen.page.getByTestId('idcheck-overlay-back-camera').count(),
        'back camera at hand on phones only',
      ).to.equal(device === 'phone' ? 1 : 0);
      expect(await seriousViolations(citizen.page, `call with the ID check overlay (${device})`)).to.deep.equal([]);
      await screenshot(citizen.page, `casework-idcheck-overlay-${device}`);
    });

    it('follows the clerk to the next step and is gone when the check ends', async () => {
      await clerk.page.locator('[data-testid="idcheck-step"][data-step="back"]').click();
      await waitFor(
        'the overlay on the back side',
        async () =>
          (await citizen.page.getByTestId('idcheck-overlay').getAttribute('data-step')) === 'back' ? true : undefined,
        5000,
      );
      expect(await citizen.page.getByTestId('idcheck-overlay').innerText())
        .to.include('Schritt 2 von 4')
        .and.include('Rückseite');
      await clerk.page
        .getByRole('button', { name: 'Abbrechen' })
        .or(clerk.page.locator('.va-id-result .va-case-link'))
        .first()
        .click();
      await citizen.page.getByTestId('idcheck-overlay').waitFor({ state: 'detached', timeout: 5000 });
    });
  });
}
