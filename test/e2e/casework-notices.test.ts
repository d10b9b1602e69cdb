/**
 * Finished notices do not stay (issue 11, item 13a), between two real Chromium instances: after the clerk's
 * still request the citizen reads "the photo has arrived"; the notice can be dismissed, goes when the next
 * ID check step starts, and goes by itself after a while.
 */
import { expect } from 'chai';
import type { TestBrowser } from '../support/browser.ts';
import {
  caseCall,
  seesVideoOf,
  startRoomService,
  waitFor,
  type CaseCall,
  type RoomService,
} from './support/room-ui.ts';

describe('casework: a finished notice goes away', function () {
  this.timeout(180_000);
  let service: RoomService;
  let citizen: TestBrowser;
  let clerk: TestBrowser;
  let call: CaseCall | undefined;

  before(async () => {
    service = await startRoomService();
    call = await caseCall(service, { services: ['meldebescheinigung'] });
    ({ citizen, clerk } = call);
    await seesVideoOf(clerk.page, 'clerk', call!.citizenId);
    for (const page of [clerk.page, citizen.page]) {
      await page.getByTestId('case-panel').waitFor({ timeout: 15_000 });
      await page.getByTestId('case-tab-idcheck').click();
    }
    await clerk.page.getByTestId('idcheck-type').selectOption('personalausweis');
    await clerk.page.getByTestId('idcheck-start').click();
  });
  after(async () => {
    await call?.close();
    await service?.close();
  });

  /** The clerk asks for a still; resolves once the citizen reads that it arrived. */
  async function photoArrives(): Promise<number> {
    const progress = clerk.page.getByTestId('idcheck-still-progress');
    const serial = Number((await progress.count()) > 0 ? await progress.getAttribute('data-serial') : 0) + 1;
    await clerk.page.getByTestId('idcheck-request-still').click();
    const status = citizen.page.getByTestId('idcheck-still-status');
    await waitFor(
      'the citizen told it arrived',
      async () => ((await status.getAttribute('data-phase')) === 'sent' ? true : undefined),
      30_000,
    );
    expect(await status.innerText()).to.include('angekommen');
    return serial;
  }
  const phase = () => citizen.page.getByTestId('idcheck-still-status').getAttribute('data-phase');

  it('can be dismissed', async () => {
    await photoArrives();
    await citizen.page.getByTestId('notice-dismiss').click();
    expect(await phase()).to.equal('');
    expect(await citizen.page.getByTestId('notice-dismiss').count()).to.equal(0);
  });

  it('goes when the next step starts', async () => {
    await photoArrives();
    await clerk.page.locator('[data-testid="idcheck-step"][data-step="back"]').click();
    await waitFor('the notice gone with the next step', async () => ((await phase()) === '' ? true : undefined), 5000);
  });

  it('goes by itself after a while', async () => {
    await photoArrives();
    const arrived = Date.now();
    await waitFor('the notice gone by itself', async () => ((await phase()) === '' ? true : undefined), 15_000);
    expect(Date.now() - arrived, 'not at once').to.be.greaterThan(4000);
  });
});
