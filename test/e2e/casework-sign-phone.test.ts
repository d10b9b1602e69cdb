/**
 * Signing on a 360×640 phone (issue 11, item 13d): the citizen reaches the signing from the prompt and the
 * first tap on "sign by drawing" shows a pad with room to draw, which takes a finger's strokes and seals.
 */
import { expect } from 'chai';
import type { TestBrowser } from '../support/browser.ts';
import { fillRemaining, openTab } from './support/casework-ui.ts';
import {
  caseCall,
  overflowsSideways,
  screenshot,
  startRoomService,
  waitFor,
  type CaseCall,
  type RoomService,
} from './support/room-ui.ts';

describe('casework: signing by drawing on a 360 px phone', function () {
  this.timeout(180_000);
  let service: RoomService;
  let citizen: TestBrowser;
  let clerk: TestBrowser;
  let call: CaseCall | undefined;

  before(async () => {
    service = await startRoomService();
    call = await caseCall(service, {
      services: ['meldebescheinigung'],
      citizen: { viewport: { width: 360, height: 640 }, phone: true },
    });
    ({ citizen, clerk } = call);
  });
  after(async () => {
    await call?.close();
    await service?.close();
  });

  it('the first tap on "sign by drawing" shows the pad, and a finger signature seals the document', async () => {
    const { page } = citizen;
    await clerk.page.getByTestId('case-panel').waitFor({ timeout: 15_000 });
    if ((await page.getByTestId('case-panel').count()) === 0) await page.getByTestId('case-toggle').tap();
    await page.getByTestId('case-panel').waitFor({ timeout: 15_000 });
    await openTab(clerk.page, 'form');
    await page.getByTestId('case-tab-form').tap();
    await page.locator('[data-testid="case-form"]').waitFor();
    await fillRemaining(page, clerk.page);
    await clerk.page.getByTestId('form-freeze').click();
    await page.getByTestId('sign-prompt-go').tap({ timeout: 15_000 });
    const signing = page.getByTestId('signing');
    await signing.waitFor();
    await signing.getByTestId('sign-method-draw').tap();
    const pad = page.getByTestId('signature-pad');
    await waitFor(
      'the pad ready after one tap',
      async () => ((await pad.getAttribute('data-ready')) === 'true' ? true : undefined),
      10_000,
    );
    const canvas = pad.locator('canvas').first();
    // Shown, not just made: the pad is brought into view without the citizen scrolling for it.
    await waitFor(
      'the pad in view',
      async () =>
        canvas.evaluate((c: HTMLCanvasElement) => {
          const r = c.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= innerHeight ? true : undefined;
        }),
      5000,
    );
    const size = await canvas.evaluate((c: HTMLCanvasElement) => ({
      width: c.getBoundingClientRect().width,
      height: c.getBoundingClientRect().height,
    }));
    expect(size.width, 'the pad has room to draw').to.be.greaterThan(200);
    expect(size.height).to.be.greaterThan(80);
    expect(await overflowsSideways(page), 'no sideways scrolling').to.equal(false);
    await screenshot(page, 'casework-sign-phone');

    const box = (await canvas.boundingBox())!;
    const client = await page.context().newCDPSession(page);
    const point = (i: number) => ({ x: box.x + 20 + i * 15, y: box.y + box.height * (0.6 - 0.3 * Math.sin(i / 2)) });
    await client.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point(0)] });
    for (let i = 1; i <= 10; i += 1)
      await client.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point(i)] });
    await client.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.getByTestId('signature-submit').tap();
    await waitFor(
      'the document sealed',
      async () => {
        const row = page.locator('[data-testid="document"]');
        return (await row.count()) > 0 && (await row.first().getAttribute('data-status')) === 'sealed'
          ? true
          : undefined;
      },
      20_000,
    );
  });
});
