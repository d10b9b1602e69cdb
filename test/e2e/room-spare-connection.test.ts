/**
 * The clerk's page keeps a peer connection ready for the next newcomer (media/peer-mesh.ts, docs/signalling.md
 * "Join latency"), in real Chromium: made once the clerk is in the call, with the clerk's tracks and nothing
 * negotiated; the citizen the clerk admits is connected on exactly that connection, and a new spare follows.
 * A waiting citizen has no peer connection (no TURN here, so no connectivity-check one either), and an admitted
 * citizen only the one to the clerk.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.ts';
import { installPeerConnectionProbe } from './support/room-probes.ts';
import {
  admit,
  citizenWaits,
  clerkJoins,
  freshRoom,
  launchRoomBrowser,
  seesVideoOf,
  startRoomService,
  waitFor,
  type RoomService,
} from './support/room-ui.ts';

interface PcView {
  signaling: string;
  connection: string;
  negotiated: boolean;
  sending: string[];
}

/** Every peer connection the page made, oldest first. */
async function connections(page: Page): Promise<PcView[]> {
  return page.evaluate(() =>
    (window as unknown as { __vaProbe: { pcs: RTCPeerConnection[] } }).__vaProbe.pcs.map((pc) => ({
      signaling: pc.signalingState,
      connection: pc.connectionState,
      negotiated: pc.localDescription !== null || pc.remoteDescription !== null,
      sending: pc
        .getSenders()
        .flatMap((sender) => (sender.track ? [sender.track.kind] : []))
        .sort(),
    })),
  );
}

const unused = (pc: PcView): boolean => pc.signaling === 'stable' && !pc.negotiated && pc.connection === 'new';

describe('room UI: the clerk’s spare connection', function () {
  this.timeout(90_000);
  let service: RoomService;
  let citizen: TestBrowser;
  let clerk: TestBrowser;
  const room = { citizenId: '', clerkId: '', citizen: '', clerk: '' };

  before(async () => {
    service = await startRoomService();
    [citizen, clerk] = [await launchRoomBrowser(), await launchRoomBrowser()];
    for (const browser of [citizen, clerk]) await installPeerConnectionProbe(browser.page);
    Object.assign(room, freshRoom(service));
  });
  after(async () => {
    await citizen?.close();
    await clerk?.close();
    await service?.close();
  });

  it('is made once the clerk is in the call: the clerk’s camera and microphone added, nothing negotiated', async () => {
    await clerkJoins(clerk.page, service.joinUrl(room.clerk));
    const [spare] = await waitFor('the clerk’s spare connection', async () => {
      const pcs = await connections(clerk.page);
      return pcs.length === 1 && unused(pcs[0]!) && pcs[0]!.sending.length === 2 ? pcs : undefined;
    });
    expect(spare!.sending).to.deep.equal(['audio', 'video']);
  });

  it('gives a waiting citizen no connection to anyone', async () => {
    await citizenWaits(citizen.page, service.joinUrl(room.citizen));
    await citizen.page.waitForTimeout(500);
    // With TURN configured the connectivity check would add one that only gathers; this service has none.
    expect(await connections(citizen.page)).to.deep.equal([]);
  });

  it('carries the admitted citizen’s call, and a new spare follows; the citizen keeps none', async () => {
    await admit(clerk.page, room.citizenId, citizen.page);
    await seesVideoOf(clerk.page, 'clerk', room.citizenId);
    await seesVideoOf(citizen.page, 'citizen');
    const pcs = await waitFor('a new spare on the clerk’s page', async () => {
      const now = await connections(clerk.page);
      return now.length === 2 && unused(now[1]!) ? now : undefined;
    });
    // The first connection, made before the admission, is the one that connected.
    expect(pcs[0]).to.include({ connection: 'connected', signaling: 'stable', negotiated: true });
    expect(pcs[1]!.sending).to.deep.equal(['audio', 'video']);
    const citizens = await connections(citizen.page);
    expect(citizens.map((pc) => pc.connection)).to.deep.equal(['connected']);
  });
});
