/**
 * The client's reconnect ladder in real Chromium: when the citizen's network goes away the page says
 * "reconnecting" at once (it never just freezes); when the network is back it restarts ICE (a new ICE
 * ufrag is negotiated) and, if the signalling connection did not survive, re-joins — and both are in the
 * call again with media, without a second admission. A dropped signalling connection alone is healed by
 * socket.io's reconnect and a fresh snapshot.
 */
import { expect } from 'chai';
import type { TestBrowser } from '../support/browser.ts';
import { installPeerConnectionProbe, watchSocketEvents, type SocketEvent } from './support/room-probes.ts';
import {
  admit,
  citizenWaits,
  clerkJoins,
  freshRoom,
  hearsAndSees,
  installSocketRecorder,
  launchRoomBrowser,
  seesVideoOf,
  startRoomService,
  waitFor,
  type RoomService,
} from './support/room-ui.ts';

describe('room UI: reconnect ladder', function () {
  this.timeout(150_000);
  let service: RoomService;
  let citizen: TestBrowser;
  let clerk: TestBrowser;
  let clerkEvents: SocketEvent[];
  const room = { citizenId: '', clerkId: '', citizen: '', clerk: '' };

  before(async () => {
    service = await startRoomService();
    [citizen, clerk] = [await launchRoomBrowser(), await launchRoomBrowser()];
    for (const browser of [citizen, clerk]) await installPeerConnectionProbe(browser.page);
    await installSocketRecorder(citizen.page);
    clerkEvents = watchSocketEvents(clerk.page);
    Object.assign(room, freshRoom(service));
    await clerkJoins(clerk.page, service.joinUrl(room.clerk));
    await citizenWaits(citizen.page, service.joinUrl(room.citizen));
    await admit(clerk.page, room.citizenId, citizen.page);
    await hearsAndSees(citizen.page, 'citizen');
  });
  after(async () => {
    await citizen?.close();
    await clerk?.close();
    await service?.close();
  });

  it('says "reconnecting" when the network goes away, and is back in the call when it returns', async () => {
    const ufragsBefore = offeredUfrags(clerkEvents);
    await citizen.context.setOffline(true);
    await citizen.page.getByTestId('reconnecting').waitFor({ timeout: 5000 });
    expect(await citizen.page.getByTestId('reconnecting').innerText()).to.match(/wird wiederhergestellt/);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await citizen.context.setOffline(false);
    await waitFor(
      'the overlay to go',
      async () => ((await citizen.page.getByTestId('reconnecting').count()) === 0 ? true : undefined),
      20_000,
    );
    await citizen.page.getByTestId('call-view').waitFor();
    expect(await clerk.page.getByTestId('admit-button').count(), 'no second admission').to.equal(0);
    await hearsAndSees(citizen.page, 'citizen after the network came back');
    await seesVideoOf(clerk.page, 'clerk after the citizen’s network came back', room.citizenId);
    const ufragsAfter = offeredUfrags(clerkEvents);
    expect(
      ufragsAfter.filter((ufrag) => !ufragsBefore.includes(ufrag)).length,
      'new ICE credentials negotiated (ICE restart or new connection)',
    ).to.be.greaterThan(0);
  });

  it('re-joins by itself when the signalling connection is cut, and renegotiates with the clerk', async () => {
    clerkEvents.length = 0;
    const cut = await citizen.page.evaluate(() => {
      // The transport dies under the page (as on a network switch): close every open WebSocket.
      const open = (window as unknown as { __vaSockets: WebSocket[] }).__vaSockets.filter(
        (socket) => socket.readyState === WebSocket.OPEN,
      );
      for (const socket of open) socket.close();
      return open.length;
    });
    expect(cut, 'an open signalling WebSocket was cut').to.be.greaterThan(0);
    const rejoined = await waitFor('the clerk to see the citizen leave and come back', async () => {
      const names = clerkEvents
        .filter((event) => (event.payload as { id?: string } | null)?.id === room.citizenId)
        .map((event) => event.name);
      return names.includes('peer:left') && names.includes('peer:joined') ? names : undefined;
    });
    expect(rejoined.indexOf('peer:left')).to.be.below(rejoined.lastIndexOf('peer:joined'));
    await waitFor('the citizen to be back in the call', async () =>
      (await citizen.page.getByTestId('call-view').count()) === 1 ? true : undefined,
    );
    // The overlay goes with the next render, which waits while the connection to the clerk is set up again
    // (ui/render-gate.ts, at most 150 ms).
    await waitFor(
      'no overlay left',
      async () => ((await citizen.page.getByTestId('reconnecting').count()) === 0 ? true : undefined),
      5000,
    );
    await hearsAndSees(citizen.page, 'citizen after the socket was cut');
    await seesVideoOf(clerk.page, 'clerk after the citizen’s socket was cut', room.citizenId);
  });
});

/** ICE ufrags in the descriptions the clerk received. */
function offeredUfrags(events: SocketEvent[]): string[] {
  return events
    .filter((event) => event.name === 'signal:description')
    .flatMap((event) =>
      [
        ...((event.payload as { description?: { sdp?: string } }).description?.sdp ?? '').matchAll(
          /a=ice-ufrag:(\S+)/g,
        ),
      ].map((match) => match[1]!),
    );
}
