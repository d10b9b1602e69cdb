/**
 * Repeatable person groups in a co-filled form (the Anmeldung's "people moving in") between two real
 * Chromium instances: one side adds a second person and both see it, the other side sees what is typed into
 * it, a person's own fields are validated (a birth date in the future, an emptied required name), a reload
 * keeps the person and their entries, and removing the person removes it and its entries on both sides
 * for good (a person added later under the same key starts empty).
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.ts';
import { joinClaims, signJoinToken } from '../video-service/support.ts';
import {
  admit,
  citizenWaits,
  clerkJoins,
  launchRoomBrowser,
  screenshot,
  startRoomService,
  unlabelledControls,
  waitFor,
  type RoomService,
} from './support/room-ui.ts';

const input = (page: Page, path: string) =>
  page.locator(`[data-testid="case-form"] [data-testid="field-input"][data-path="${path}"]`);
const personKeys = (page: Page) =>
  page
    .locator('[data-path="personen"] [data-testid="person-item"]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-key')!));

async function openAnmeldung(page: Page): Promise<void> {
  await page.getByTestId('case-panel').waitFor({ timeout: 15_000 });
  await page.getByTestId('case-tab-form').click();
  // The only form of the appointment is shown without a choice.
  await page.locator('[data-testid="case-form"][data-service="anmeldung"]').waitFor();
}

async function keysShown(page: Page, expected: string[], who: string): Promise<void> {
  await waitFor(
    `${who} to list the persons ${expected.join(', ')}`,
    async () => (JSON.stringify(await personKeys(page)) === JSON.stringify(expected) ? true : undefined),
    10_000,
  );
}

async function shows(page: Page, path: string, expected: string, who: string): Promise<void> {
  await waitFor(
    `${who} to see ${path} = ${expected}`,
    async () => ((await input(page, path).inputValue()) === expected ? true : undefined),
    10_000,
  );
}

async function issueAt(page: Page, path: string, code: string, who: string): Promise<void> {
  await waitFor(
    `${who} to see ${code} at ${path}`,
    async () => {
      const described = ((await input(page, path).getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
      const codes = await page
        .locator('[data-testid="field-issue"]')
        .evaluateAll(
          (els, ids) => els.filter((el) => ids.includes(el.id)).map((el) => el.getAttribute('data-code')),
          described,
        );
      return codes.includes(code) ? true : undefined;
    },
    10_000,
  );
}

describe('casework: repeatable persons in a form filled in together', function () {
  this.timeout(180_000);
  let service: RoomService;
  let citizen: TestBrowser;
  let clerk: TestBrowser;

  before(async () => {
    service = await startRoomService();
    const room = `appt-${randomUUID()}`;
    const appt = { ...joinClaims({ room }).appt, title: 'Anmeldung', services: ['anmeldung'] };
    const citizenClaims = joinClaims({ room, sub: `citizen-${room}`, name: 'Erika Mustermann', appt });
    const clerkClaims = joinClaims({ room, sub: `clerk-${room}`, role: 'clerk', name: 'Max Beispiel', appt });
    [citizen, clerk] = [await launchRoomBrowser(), await launchRoomBrowser()];
    await clerkJoins(clerk.page, service.joinUrl(signJoinToken(service.key, clerkClaims)));
    await citizenWaits(citizen.page, service.joinUrl(signJoinToken(service.key, citizenClaims)));
    await admit(clerk.page, citizenClaims.sub, citizen.page);
    await openAnmeldung(citizen.page);
    await openAnmeldung(clerk.page);
  });
  after(async () => {
    await citizen?.close();
    await clerk?.close();
    await service?.close();
  });

  let first = '';
  let second = '';

  it('adds a second person on one side and both see it, with what is typed into it', async () => {
    const initial = await personKeys(citizen.page);
    expect(initial, 'one person to begin with').to.have.length(1);
    first = initial[0]!;
    await keysShown(clerk.page, initial, 'the clerk');
    expect(
      await input(citizen.page, `personen.${first}.familienname`).inputValue(),
      'the applicant prefilled',
    ).to.equal('Mustermann');

    await citizen.page.getByTestId('person-add').click();
    await waitFor('a second person on the citizen’s side', async () =>
      (await personKeys(citizen.page)).length === 2 ? true : undefined,
    );
    const keys = await personKeys(citizen.page);
    second = keys[1]!;
    await keysShown(clerk.page, keys, 'the clerk');

    await input(citizen.page, `personen.${second}.familienname`).fill('Mustermann');
    await input(citizen.page, `personen.${second}.vornamen`).fill('Max Junior');
    await input(citizen.page, `personen.${second}.vornamen`).blur();
    await shows(clerk.page, `personen.${second}.vornamen`, 'Max Junior', 'the clerk');
    await input(clerk.page, `personen.${second}.geburtsort`).fill('Saarbrücken, Deutschland');
    await input(clerk.page, `personen.${second}.geburtsort`).blur();
    await shows(citizen.page, `personen.${second}.geburtsort`, 'Saarbrücken, Deutschland', 'the citizen');
    await citizen.page.locator(`[data-testid="person-item"][data-key="${second}"]`).scrollIntoViewIfNeeded();
    expect(await unlabelledControls(citizen.page), 'every control of the persons has a name').to.deep.equal([]);
    await screenshot(citizen.page, 'casework-persons');
  });

  it('validates a person’s own fields on both sides', async () => {
    const future = new Date(Date.now() + 40 * 24 * 3600_000).toISOString().slice(0, 10);
    await input(citizen.page, `personen.${second}.geburtsdatum`).fill(future);
    await input(citizen.page, `personen.${second}.geburtsdatum`).blur();
    await issueAt(citizen.page, `personen.${second}.geburtsdatum`, 'date_in_future', 'the citizen');
    await issueAt(clerk.page, `personen.${second}.geburtsdatum`, 'date_in_future', 'the clerk');
    expect(await input(citizen.page, `personen.${second}.geburtsdatum`).getAttribute('aria-invalid')).to.equal('true');

    await input(citizen.page, `personen.${second}.vornamen`).fill('');
    await input(citizen.page, `personen.${second}.vornamen`).blur();
    await issueAt(clerk.page, `personen.${second}.vornamen`, 'required', 'the clerk');

    await input(citizen.page, `personen.${second}.geburtsdatum`).fill('2015-06-01');
    await input(citizen.page, `personen.${second}.vornamen`).fill('Max Junior');
    await input(citizen.page, `personen.${second}.vornamen`).blur();
    await shows(clerk.page, `personen.${second}.geburtsdatum`, '2015-06-01', 'the clerk');
    await waitFor(
      'the date accepted',
      async () =>
        (await input(clerk.page, `personen.${second}.geburtsdatum`).getAttribute('aria-invalid')) !== 'true'
          ? true
          : undefined,
      10_000,
    );
  });

  it('keeps the second person and their entries after the citizen reloads', async () => {
    await shows(clerk.page, `personen.${second}.vornamen`, 'Max Junior', 'the clerk');
    await citizen.page.reload();
    await citizen.page.getByTestId('call-view').waitFor({ timeout: 20_000 });
    await openAnmeldung(citizen.page);
    await keysShown(citizen.page, [first, second], 'the citizen after the reload');
    for (const [field, value] of [
      ['familienname', 'Mustermann'],
      ['vornamen', 'Max Junior'],
      ['geburtsort', 'Saarbrücken, Deutschland'],
      ['geburtsdatum', '2015-06-01'],
    ]) {
      expect(await input(citizen.page, `personen.${second}.${field}`).inputValue(), field).to.equal(value);
    }
  });

  it('removes the person on both sides for good, with their entries; the last person stays', async () => {
    expect(await clerk.page.getByTestId('person-remove').count(), 'with two persons, either can be removed').to.equal(
      2,
    );
    await clerk.page.locator(`[data-testid="person-item"][data-key="${second}"]`).getByTestId('person-remove').click();
    await keysShown(clerk.page, [first], 'the clerk');
    await keysShown(citizen.page, [first], 'the citizen');
    expect(await clerk.page.getByTestId('person-remove').count(), 'the last person stays').to.equal(0);

    await citizen.page.reload();
    await citizen.page.getByTestId('call-view').waitFor({ timeout: 20_000 });
    await openAnmeldung(citizen.page);
    await keysShown(citizen.page, [first], 'the citizen after another reload');
    await citizen.page.getByTestId('person-add').click();
    await waitFor('a new person added', async () => ((await personKeys(citizen.page)).length === 2 ? true : undefined));
    const again = (await personKeys(citizen.page))[1]!;
    expect(again, 'the same key again (p2)').to.equal(second);
    expect(await input(citizen.page, `personen.${again}.vornamen`).inputValue(), 'a new person starts empty').to.equal(
      '',
    );
  });
});
