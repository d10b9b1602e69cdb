/**
 * A call through the SFU in real Chromium (MEDIA_MODE=sfu, the Debian-built worker, WebRtcServer on
 * loopback), step by step in one room (issue 15 item 3):
 * - a waiting citizen gets nothing from the SFU: no transport, producer or consumer on the router, no peer
 *   connection on the page;
 * - each page makes exactly three peer connections: one capability probe (closed, never connected), then
 *   the send and the receive transport (ADR 0195, web/src/media/sfu-device.ts);
 * - the simulcast layer a viewer gets follows the size its tile is shown at;
 * - a third person joins: the two first pages keep decoding the same tracks, make no new connection, and
 *   nothing is produced again;
 * - the citizen reloads: back in its seat, media both ways, and only the two transports on the new page.
 * Needs a worker (`npm run build:worker`); CI requires one (REQUIRE_MEDIASOUP_WORKER).
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.ts';
import { freePort } from '../support/ports.ts';
import { participantToken, requireWorker, testWorkerBin } from '../video-service/support.ts';
import { installPeerConnectionProbe } from './support/room-probes.ts';
import {
  admit,
  citizenWaits,
  clerkJoins,
  freshRoom,
  hearsAndSees,
  launchRoomBrowser,
  screenshot,
  seesVideoOf,
  startRoomService,
  waitFor,
  type RoomService,
} from './support/room-ui.ts';
import { inboundVideo, peerConnections, widestInbound } from './support/sfu-probes.ts';

type Who = 'clerk' | 'citizen' | 'guest';

/** Transports, producers and consumers on the room's router (mediasoup's own dump). */
async function routerContents(service: RoomService, room: string) {
  const sfu = service.video.service.sfu;
  if (!sfu) throw new Error('the service runs no SFU');
  const router = await sfu.routers.routerFor(room);
  const dump = await router.dump();
  const producers = dump.mapProducerIdConsumerIds.length;
  const consumers = dump.mapConsumerIdProducerId.length;
  return { transports: dump.transportIds.length, producers, consumers };
}

/**
 * Shows the page's remote videos at `size` (as a crowded layout would), or as the layout has them (null).
 * Through the CSSOM: the page's CSP allows no inline style sheet.
 */
async function remoteVideosAt(page: Page, size: { width: number; height: number } | null): Promise<void> {
  await page.evaluate((size) => {
    for (const video of document.querySelectorAll<HTMLVideoElement>('[data-testid="remote-video"]')) {
      if (!size) video.style.removeProperty('width');
      if (!size) video.style.removeProperty('height');
      if (size) video.style.setProperty('width', `${size.width}px`, 'important');
      if (size) video.style.setProperty('height', `${size.height}px`, 'important');
    }
  }, size);
}

describe('a call through the SFU: waiting room, peer connections, simulcast layers, a third joins, a reload', function () {
  this.timeout(240_000);
  let service: RoomService;
  const browsers: Partial<Record<Who, TestBrowser>> = {};
  const page = (who: Who) => browsers[who]!.page;
  let room: ReturnType<typeof freshRoom>;
  let ids: Record<Who, string>;

  before(async function () {
    await requireWorker(this);
    service = await startRoomService({
      MEDIA_MODE: 'sfu',
      MEDIASOUP_WORKER_BIN: testWorkerBin() ?? '',
      MEDIASOUP_WORKERS: '1',
      MEDIASOUP_LISTEN_IP: '127.0.0.1',
      MEDIASOUP_PORT: String(await freePort()),
    });
    for (const who of ['clerk', 'citizen', 'guest'] as const) {
      browsers[who] = await launchRoomBrowser();
      await installPeerConnectionProbe(browsers[who].page);
    }
    room = freshRoom(service);
    ids = { clerk: room.clerkId, citizen: room.citizenId, guest: `guest-${room.room}` };
  });
  after(async () => {
    for (const browser of Object.values(browsers)) await browser?.close();
    await service?.close();
  });

  it('a waiting citizen gets nothing from the SFU: only the clerk’s transports and producers on the router', async () => {
    await clerkJoins(page('clerk'), service.joinUrl(room.clerk));
    await citizenWaits(page('citizen'), service.joinUrl(room.citizen));
    // The clerk's page is set up (send and receive transport, microphone and camera) while the citizen waits.
    const contents = await waitFor(
      'the clerk’s media on the router',
      async () => {
        const now = await routerContents(service, room.room);
        return now.transports === 2 && now.producers === 2 ? now : undefined;
      },
      20_000,
    );
    expect(contents, 'two transports and two producers, all the clerk’s; nobody consumes').to.deep.equal({
      transports: 2,
      producers: 2,
      consumers: 0,
    });
    expect(await peerConnections(page('citizen')), 'the waiting citizen’s peer connections').to.deep.equal([]);
  });

  it('each page makes three peer connections: a closed capability probe, then the send and the receive transport', async () => {
    await admit(page('clerk'), ids.citizen, page('citizen'));
    for (const [viewer, other] of [
      ['clerk', 'citizen'],
      ['citizen', 'clerk'],
    ] as const) {
      await seesVideoOf(page(viewer), `${viewer} sees ${other}`, ids[other]);
      await hearsAndSees(page(viewer), viewer);
    }
    for (const who of ['clerk', 'citizen'] as const) {
      const pcs = await peerConnections(page(who));
      expect(pcs, `${who}: the probe, then two transports`).to.deep.equal([
        { state: 'closed', remote: false },
        { state: 'connected', remote: true },
        { state: 'connected', remote: true },
      ]);
    }
    expect(await routerContents(service, room.room)).to.deep.equal({ transports: 4, producers: 4, consumers: 4 });
  });

  it('the simulcast layer follows the tile: small tiles get the low layer, large ones the top layer', async () => {
    const large = await waitFor(
      'the citizen decoding the clerk at the top layer',
      async () => {
        const width = await widestInbound(page('citizen'));
        return width >= 640 ? width : undefined;
      },
      30_000,
    );
    await remoteVideosAt(page('citizen'), { width: 120, height: 90 });
    const small = await waitFor(
      'the citizen’s small tile getting the low layer',
      async () => {
        const width = await widestInbound(page('citizen'));
        return width > 0 && width <= 320 ? width : undefined;
      },
      30_000,
    );
    await screenshot(page('citizen'), 'sfu-layers-small-tile');
    // The clerk's tile stayed large: the clerk still gets the citizen's top layer.
    await waitFor(
      'the clerk’s large tile: the citizen’s top layer',
      async () => ((await widestInbound(page('clerk'))) >= large ? true : undefined),
      30_000,
    );
    await remoteVideosAt(page('citizen'), null);
    const again = await waitFor(
      'the citizen’s tile large again, the top layer again',
      async () => {
        const width = await widestInbound(page('citizen'));
        return width >= large ? width : undefined;
      },
      30_000,
    );
    console.log(`      citizen decodes the clerk at ${large} px wide, ${small} px in a small tile, ${again} px again`);
    expect(small).to.be.lessThan(large);
  });

  it('a third person joins: the two first pages keep their tracks and frames, make no new connection, nothing is produced again', async () => {
    const before = {
      clerk: await inboundVideo(page('clerk')),
      citizen: await inboundVideo(page('citizen')),
    };
    const pcsBefore = {
      clerk: (await peerConnections(page('clerk'))).length,
      citizen: (await peerConnections(page('citizen'))).length,
    };
    const producersBefore = (await routerContents(service, room.room)).producers;
    await citizenWaits(
      page('guest'),
      service.joinUrl(participantToken(service.key, room.room, 'guest', ids.guest, { name: 'Dolmetscherin Aylin' })),
    );
    await admit(page('clerk'), ids.guest, page('guest'));
    for (const viewer of ['clerk', 'citizen'] as const)
      await seesVideoOf(page(viewer), `${viewer} sees the guest`, ids.guest);
    for (const other of ['clerk', 'citizen'] as const)
      await seesVideoOf(page('guest'), `the guest sees ${other}`, ids[other]);

    for (const who of ['clerk', 'citizen'] as const) {
      const [first] = before[who];
      expect(first, `${who}: decoded video before the guest came`).to.not.equal(undefined);
      const same = await waitFor(
        `${who}: the same track decodes on`,
        async () => {
          const now = (await inboundVideo(page(who))).find((v) => v.track === first!.track);
          return now && now.framesDecoded > first!.framesDecoded ? now : undefined;
        },
        20_000,
      );
      expect(same.framesDecoded, `${who}: frames kept coming on the track it had`).to.be.greaterThan(
        first!.framesDecoded,
      );
      expect((await peerConnections(page(who))).length, `${who}: no new peer connection`).to.equal(pcsBefore[who]);
    }
    // Only the guest's microphone and camera are new: no camera was closed and produced again.
    expect((await routerContents(service, room.room)).producers).to.equal(producersBefore + 2);
    await page('guest').getByTestId('leave-button').click();
    await waitFor(
      'the guest gone from the clerk’s page',
      async () => ((await page('clerk').getByTestId('remote-tile').count()) === 1 ? true : undefined),
      15_000,
    );
  });

  it('the citizen reloads: back in the seat, media both ways, and only the two transports on the new page', async () => {
    await page('citizen').reload();
    await page('citizen').getByTestId('call-view').waitFor({ timeout: 20_000 });
    await seesVideoOf(page('citizen'), 'citizen sees the clerk after the reload', ids.clerk);
    await hearsAndSees(page('citizen'), 'citizen after the reload');
    await seesVideoOf(page('clerk'), 'clerk sees the reloaded citizen', ids.citizen);
    await hearsAndSees(page('clerk'), 'clerk after the citizen’s reload');
    // The capabilities were kept for the tab and no peer-to-peer connection was made ahead.
    expect(await peerConnections(page('citizen')), 'the reloaded page’s peer connections').to.deep.equal([
      { state: 'connected', remote: true },
      { state: 'connected', remote: true },
    ]);
    expect(await page('citizen').getByTestId('remote-tile').count(), 'one tile: the clerk').to.equal(1);
    await screenshot(page('citizen'), 'sfu-after-reload-citizen');
  });
});
