/**
 * Finished notices do not stay (issue 11, item 13a), between two real Chromium instances: after the clerk's
 * still request the citizen reads "the photo has arrived"; the notice can be dismissed, goes when the next
 * ID check step starts, and goes by itself after a while.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { TestBrowser } from '../support/browser.ts';
import { joinClaims, signJoinToken } from '../video-service/support.ts';
import { admit, citizenWaits, clerkJoins, launchRoomBrowser, seesVideoOf, startRoomService, waitFor, type RoomService } from './support/room-ui.ts';

describe('casework: a finished notice goes away', function () {
  this.timeout(180_000);
  let service: RoomService;
  let citizen: TestBrowser;
  let clerk: TestBrowser;

  before(async () => {
    service = await startRoomService();
    const room = `appt-${randomUUID()}`;
    const appt = { ...joinClaims({ room }).appt, services: ['meldebescheinigung'] };
    const citizenClaims = joinClaims({ room, sub: `citizen-${room}`, name: 'Erika Mustermann', appt });
    const clerkClaims = joinClaims({ room, sub: `clerk-${room}`, role: 'clerk', name: 'Max Beispiel', appt });
    [citizen, clerk] = [await launchRoomBrowser(), await launchRoomBrowser()];
    await clerkJoins(clerk.page, service.joinUrl(signJoinToken(service.key, clerkClaims)));
    await citizenWaits(citizen.page, service.joinUrl(signJoinToken(service.key, citizenClaims)));
    await admit(clerk.page, citizenClaims.sub, citizen.page);
    await seesVideoOf(clerk.page, 'clerk', citizenClaims.sub);
    for (const page of [clerk.page, citizen.page]) {
      await page.getByTestId('case-panel').waitFor({ timeout: 15_000 });
      await page.getByTestId('case-tab-idcheck').click();
    }
    await clerk.page.getByTestId('idcheck-type').selectOption('personalausweis');
    await clerk.page.getByTestId('idcheck-start').click();
  });
  after(async () => {
    await citizen?.close();
    await clerk?.close();
    await service?.close();
  });

  /** The clerk asks for a still; resolves once the citizen reads that it arrived. */
  async function photoArrives(): Promise<number> {
    const progress = clerk.page.getByTestId('idcheck-still-progress');
    const serial = Number((await progress.count()) > 0 ? await progress.getAttribute('data-serial') : 0) + 1;
    await clerk.page.getByTestId('idcheck-request-still').click();
    const status = citizen.page.getByTestId('idcheck-still-status');
    await waitFor('the citizen told it arrived', async () => ((await status.getAttribute('data-phase')) === 'sent' ? true : undefined), 30_000);
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
