/**
 * Three people in one peer-to-peer call: clerk, citizen and an interpreter with a guest link. The guest
 * waits and is admitted like a citizen; then everyone sees and hears the two others, in a grid of tiles.
 */
import { expect } from 'chai';
import type { TestBrowser } from '../support/browser.ts';
import { participantToken } from '../video-service/support.ts';
import { installPeerConnectionProbe } from './support/room-probes.ts';
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

describe('room UI: three participants with an interpreter (guest link)', function () {
  this.timeout(150_000);
  let service: RoomService;
  const browsers: Record<'clerk' | 'citizen' | 'guest', TestBrowser> = {} as never;

  before(async () => {
    service = await startRoomService();
    for (const who of ['clerk', 'citizen', 'guest'] as const) {
      browsers[who] = await launchRoomBrowser();
      await installPeerConnectionProbe(browsers[who].page);
    }
  });
  after(async () => {
    for (const browser of Object.values(browsers)) await browser?.close();
    await service?.close();
  });

  it('admits citizen and guest; each of the three sees the other two', async () => {
    const room = freshRoom(service);
    const guestId = `guest-${room.room}`;
    const guestToken = participantToken(service.key, room.room, 'guest', guestId, { name: 'Dolmetscherin Aylin' });
    await clerkJoins(browsers.clerk.page, service.joinUrl(room.clerk));
    await citizenWaits(browsers.citizen.page, service.joinUrl(room.citizen));
    await citizenWaits(browsers.guest.page, service.joinUrl(guestToken));
    expect(await browsers.clerk.page.getByTestId('admit-button').count(), 'both wait').to.equal(2);
    await admit(browsers.clerk.page, room.citizenId, browsers.citizen.page);
    await admit(browsers.clerk.page, guestId, browsers.guest.page);

    const ids = { clerk: room.clerkId, citizen: room.citizenId, guest: guestId };
    for (const viewer of ['clerk', 'citizen', 'guest'] as const) {
      const page = browsers[viewer].page;
      for (const other of ['clerk', 'citizen', 'guest'] as const) {
        if (other === viewer) continue;
        await seesVideoOf(page, `${viewer} sees ${other}`, ids[other]);
      }
      expect(await page.getByTestId('remote-tile').count(), `${viewer}: two tiles`).to.equal(2);
    }
    // The two tiles sit side by side on a wide screen (a grid, not stacked).
    const boxes = await browsers.citizen.page
      .getByTestId('remote-tile')
      .evaluateAll((tiles) => tiles.map((tile) => tile.getBoundingClientRect().toJSON() as DOMRect));
    expect(Math.abs(boxes[0]!.top - boxes[1]!.top), 'same row').to.be.below(2);
    expect(boxes[0]!.width, 'each tile has room').to.be.greaterThan(300);
    expect(
      await browsers.clerk.page.getByText('Dolmetscherin Aylin').count(),
      'the clerk sees the interpreter’s name',
    ).to.be.greaterThan(0);
    await screenshot(browsers.citizen.page, 'room-call-three-participants');
  });
});
