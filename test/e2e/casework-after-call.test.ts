/**
 * After the call, as people meet it (issue 11, items 6 and 7), in two real Chromium: the clerk's "finish the
 * case" with a fee and the ID document still open lists both and finishes only when confirmed; afterwards the
 * panel is read-only on both sides; when the clerk ends the call, the citizen's end screen leads to the
 * documents page; and the citizen who opens the join link again lands on that page, not on the device check.
 * Screenshots: .test-output/screenshots/after-call-*.png.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { TestBrowser } from '../support/browser.ts';
import { joinClaims, signJoinToken } from '../video-service/support.ts';
import { seriousViolations } from './support/axe.ts';
import {
  admit,
  citizenWaits,
  clerkJoins,
  launchRoomBrowser,
  screenshot,
  startRoomService,
  waitFor,
  type RoomService,
} from './support/room-ui.ts';

describe('after the call: finishing the case, read-only, the way back to the documents', function () {
  this.timeout(180_000);
  let service: RoomService;
  let citizen: TestBrowser;
  let clerk: TestBrowser;
  let citizenLink: string;

  before(async () => {
    service = await startRoomService();
    const room = `appt-${randomUUID()}`;
    const base = joinClaims({ room });
    const appt = { ...base.appt, title: 'Meldebescheinigung', services: ['meldebescheinigung'] };
    const citizenClaims = joinClaims({ room, sub: `citizen-${room}`, name: 'Erika Mustermann', appt });
    const clerkClaims = joinClaims({ room, sub: `clerk-${room}`, role: 'clerk', name: 'Max Beispiel', appt });
    citizenLink = service.joinUrl(signJoinToken(service.key, citizenClaims));
    [citizen, clerk] = [await launchRoomBrowser({ phone: true }), await launchRoomBrowser()];
    await clerkJoins(clerk.page, service.joinUrl(signJoinToken(service.key, clerkClaims)));
    await citizenWaits(citizen.page, citizenLink);
    await admit(clerk.page, citizenClaims.sub, citizen.page);
  });
  after(async () => {
    await citizen?.close();
    await clerk?.close();
    await service?.close();
  });

  it('"finish the case" lists what is still open and finishes only when the clerk confirms; then nothing can be changed', async () => {
    await clerk.page.getByTestId('agenda').waitFor({ timeout: 15_000 });
    await clerk.page.getByTestId('case-finish').click();
    const warning = clerk.page.getByTestId('case-finish-open');
    await warning.waitFor({ timeout: 10_000 });
    const listed = await warning.locator('li').evaluateAll((els) => els.map((el) => el.getAttribute('data-item')));
    expect(listed).to.include.members(['meldebescheinigung:fee', 'meldebescheinigung:doc:0']);
    expect(await warning.innerText())
      .to.match(/Gebühr: Meldebescheinigung/)
      .and.not.match(/Gebühr: Gebühr/);
    expect(
      await clerk.page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      'the warning takes the focus',
    ).to.equal('case-finish-open');
    await screenshot(clerk.page, 'after-call-finish-warning');
    expect(await seriousViolations(clerk.page, 'finish warning'), 'axe-core').to.deep.equal([]);
    // Nothing is finished yet: the citizen's panel still works.
    expect(await citizen.page.getByText('Der Vorgang ist abgeschlossen.').count()).to.equal(0);

    await clerk.page.getByTestId('case-finish-anyway').click();
    await citizen.page.getByText('Der Vorgang ist abgeschlossen.').first().waitFor({ timeout: 10_000 });
    await waitFor("the clerk's agenda to lose its buttons", async () =>
      (await clerk.page.getByTestId('agenda-done').count()) === 0 ? true : undefined,
    );
    expect(await clerk.page.getByTestId('case-finish').count()).to.equal(0);
    await clerk.page.getByTestId('case-tab-form').click();
    await clerk.page.getByTestId('case-panel-form').waitFor({ state: 'visible' });
    expect(await clerk.page.getByTestId('form-freeze').count(), 'no freezing after the end').to.equal(0);
    // The form is there (so "none editable" means something), and none of its fields can be changed.
    expect(
      await clerk.page.locator('[data-testid="case-form"] [data-testid="field-input"]').count(),
      'the form shows its fields',
    ).to.be.greaterThan(0);
    const editable = await clerk.page
      .locator('[data-testid="case-form"] [data-testid="field-input"]:not([disabled])')
      .count();
    expect(editable, 'every field is read-only').to.equal(0);
  });

  it("the citizen's end screen leads to the documents page, and the join link opened again lands there too", async () => {
    await clerk.page.getByTestId('end-button').click();
    await clerk.page.getByTestId('end-confirm').click();
    const link = citizen.page.getByTestId('closed-documents-link');
    await link.waitFor({ timeout: 15_000 });
    await screenshot(citizen.page, 'after-call-closed');
    expect(await seriousViolations(citizen.page, 'end screen (phone)'), 'axe-core').to.deep.equal([]);
    await link.click();
    await citizen.page.waitForURL(/\/documents/, { timeout: 10_000 });
    await citizen.page.locator('#documents-page').waitFor();
    await waitFor(
      'the documents page to say this case issued no documents',
      async () =>
        /keine Dokumente ausgestellt/.test(await citizen.page.locator('#content').innerText()) ? true : undefined,
      10_000,
    );
    expect(new URL(citizen.page.url()).hash, 'the capability leaves the address bar').to.equal('');
    await screenshot(citizen.page, 'after-call-documents-page');
    expect(await seriousViolations(citizen.page, 'documents page (phone)'), 'axe-core').to.deep.equal([]);

    const again = await citizen.context.newPage();
    await again.goto(citizenLink);
    await again.waitForURL(/\/documents/, { timeout: 15_000 });
    await again.locator('#documents-page').waitFor();
    expect(await again.getByTestId('device-check').count(), 'no device check after the call').to.equal(0);
    await again.close();
  });
});
