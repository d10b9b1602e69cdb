/**
 * The waiting room in two real browsers: the citizen always sees a clear state (the clerk has not arrived
 * yet / will let you in / your appointment starts at … / sent back / turned away / this link has expired),
 * and the clerk sees who waits and for how long and the result of their connectivity check (against a real
 * coturn), writes to them, turns them away with a message, admits them and sends them back.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.ts';
import { startCoturn, type Coturn } from '../support/coturn.ts';
import { joinClaims, signJoinToken } from '../video-service/support.ts';
import {
  admit,
  citizenWaits,
  clerkJoins,
  freshRoom,
  launchRoomBrowser,
  screenshot,
  startRoomService,
  waitFor,
  type RoomService,
} from './support/room-ui.ts';

const byParticipant = (page: Page, testId: string, id: string) =>
  page.locator(`[data-testid="${testId}"][data-participant="${id}"]`);

describe('room UI: waiting room', function () {
  this.timeout(120_000);
  let service: RoomService;
  let citizen: TestBrowser;
  let clerk: TestBrowser;
  let coturn: Coturn;

  before(async () => {
    // A relay to reach, so that the citizen's connectivity check has a result the clerk can see.
    coturn = await startCoturn();
    service = await startRoomService({ TURN_URLS: coturn.udpUrl, TURN_SECRET: coturn.secret });
    [citizen, clerk] = [await launchRoomBrowser(), await launchRoomBrowser()];
  });
  after(async () => {
    await citizen?.close();
    await clerk?.close();
    await service?.close();
    await coturn?.stop();
  });

  it('tells a citizen who comes first that the clerk has not arrived yet and when the appointment starts', async () => {
    const room = freshRoom(service);
    await citizenWaits(citizen.page, service.joinUrl(room.citizen));
    const status = citizen.page.getByTestId('waiting-status');
    expect(await status.getAttribute('data-clerk-present')).to.equal('false');
    expect(await status.innerText()).to.match(/noch nicht da/);
    expect(await citizen.page.getByTestId('waiting-starts-at').innerText()).to.match(
      /Ihr Termin beginnt um \d{2}:\d{2}/,
    );

    await clerkJoins(clerk.page, service.joinUrl(room.clerk));
    await waitFor('the citizen to learn the clerk is there', async () =>
      (await status.getAttribute('data-clerk-present')) === 'true' ? true : undefined,
    );
    expect(await status.innerText()).to.match(/lässt Sie gleich herein/);
    await screenshot(citizen.page, 'room-waiting-room-citizen');
  });

  it('shows the clerk who waits, since when, their connectivity check, and announces it to screen readers', async () => {
    const entry = clerk.page.getByTestId('waiting-since');
    await entry.waitFor();
    expect(await entry.innerText()).to.match(/wartet seit/);
    const network = clerk.page.getByTestId('lobby-network');
    await network.waitFor({ timeout: 20_000 });
    expect(await network.getAttribute('data-status'), 'the citizen reached the relay').to.equal('ok');
    expect(await network.innerText()).to.equal('Netztest: in Ordnung');
    expect(await network.locator('svg').getAttribute('aria-hidden'), 'the words, not the icon, are read out').to.equal(
      'true',
    );
    const announced = await clerk.page.getByTestId('announcer').innerText();
    expect(announced).to.match(/Erika Mustermann wartet im Warteraum/);
    expect(await clerk.page.title()).to.match(/Jemand wartet/);
    await screenshot(clerk.page, 'room-waiting-room-clerk');
  });

  it('lets the clerk write to the waiting citizen, who still sees it after a reload', async () => {
    const room = await currentRoomIds(clerk.page);
    await byParticipant(clerk.page, 'message-button', room.citizenId).click();
    await clerk.page.getByTestId('lobby-text').fill('Ich brauche noch zwei Minuten.');
    await clerk.page.getByTestId('lobby-send').click();
    const messages = citizen.page.getByTestId('lobby-messages');
    await messages.waitFor({ timeout: 10_000 });
    expect(await messages.innerText()).to.include('Ich brauche noch zwei Minuten.');
    expect(await citizen.page.getByTestId('announcer').innerText()).to.include('Ich brauche noch zwei Minuten.');
    await citizen.page.reload();
    await citizen.page.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
    await messages.waitFor({ timeout: 10_000 });
    expect(await messages.innerText()).to.include('Ich brauche noch zwei Minuten.');
  });

  it('admits the citizen, sends them back to the waiting room, and admits them again', async () => {
    const room = await currentRoomIds(clerk.page);
    await admit(clerk.page, room.citizenId, citizen.page);
    await byParticipant(clerk.page, 'return-button', room.citizenId).click();
    await citizen.page.getByTestId('waiting-room').waitFor({ timeout: 10_000 });
    expect(await citizen.page.getByTestId('returned-notice').innerText()).to.match(/zurückgeschickt/);
    await byParticipant(clerk.page, 'admit-button', room.citizenId).waitFor({ timeout: 10_000 });
    expect(
      await clerk.page.locator(`[data-testid="remote-tile"][data-participant="${room.citizenId}"]`).count(),
      'tile gone',
    ).to.equal(0);
    await admit(clerk.page, room.citizenId, citizen.page);
  });

  it('turns a waiting citizen away with a message, which they see instead of being dropped silently', async () => {
    const room = freshRoom(service);
    await clerkJoins(clerk.page, service.joinUrl(room.clerk));
    await citizenWaits(citizen.page, service.joinUrl(room.citizen));
    await byParticipant(clerk.page, 'reject-button', room.citizenId).click();
    await clerk.page.getByTestId('lobby-text').fill('Bitte buchen Sie einen Termin für die Ummeldung.');
    await clerk.page.getByTestId('lobby-send').click();
    const rejected = citizen.page.getByTestId('rejected-screen');
    await rejected.waitFor({ timeout: 10_000 });
    expect(await rejected.innerText()).to.include('Bitte buchen Sie einen Termin für die Ummeldung.');
    await waitFor('the lobby to be empty', async () =>
      (await byParticipant(clerk.page, 'admit-button', room.citizenId).count()) === 0 ? true : undefined,
    );
  });

  it('says plainly that an expired link has expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = signJoinToken(service.key, joinClaims({ iat: now - 7200, nbf: now - 7200, exp: now - 600 }));
    await citizen.page.goto(service.joinUrl(token));
    const error = citizen.page.getByTestId('error-message');
    await error.waitFor({ timeout: 10_000 });
    expect(await error.getAttribute('data-reason')).to.equal('expired');
    expect(await error.innerText()).to.match(/abgelaufen/);
  });
});

/** The room of the clerk's page: the participant waiting (or in the call) there. */
async function currentRoomIds(page: Page): Promise<{ citizenId: string }> {
  const id = await waitFor(
    'a citizen in the clerk’s view',
    async () => {
      const fromLobby = await page
        .locator('[data-testid="admit-button"]')
        .first()
        .getAttribute('data-participant')
        .catch(() => null);
      return fromLobby ?? undefined;
    },
    5000,
  );
  return { citizenId: id };
}
