/**
 * Calls through the SFU in real Chromium (MEDIA_MODE=sfu, a mediasoup worker built from Debian packages, the
 * WebRtcServer on loopback): clerk, citizen and an interpreter with a guest link — each page decodes video
 * from both others and receives both others' audio; a fourth person joins, is seen, and leaves again.
 * Needs a worker (`npm run build:worker`); CI requires one (REQUIRE_MEDIASOUP_WORKER).
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.ts';
import { freePort } from '../support/ports.ts';
import { participantToken, requireWorker, testWorkerBin } from '../video-service/support.ts';
import { installPeerConnectionProbe } from './support/room-probes.ts';
import { waitFor } from './support/media-probes.ts';
import {
  admit,
  citizenWaits,
  clerkJoins,
  freshRoom,
  launchRoomBrowser,
  seesVideoOf,
  startRoomService,
  type RoomService,
} from './support/room-ui.ts';

type Who = 'clerk' | 'citizen' | 'guest' | 'fourth';

/** Inbound audio streams that received packets, over the page's open peer connections. */
async function audioStreamsReceiving(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const probe = (window as unknown as { __vaProbe: { pcs: RTCPeerConnection[] } }).__vaProbe;
    let streams = 0;
    for (const pc of probe.pcs) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: { type: string; kind?: string; packetsReceived?: number }) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio' && (s.packetsReceived ?? 0) > 0) streams += 1;
      });
    }
    return streams;
  });
}

/** States of the page's peer connections, for the failure message. */
async function pcStates(page: Page): Promise<string> {
  return page.evaluate(() => {
    const probe = (window as unknown as { __vaProbe: { pcs: RTCPeerConnection[] } }).__vaProbe;
    return probe.pcs
      .map(
        (pc) =>
          `${pc.connectionState}/${pc.iceConnectionState} (${pc
            .getTransceivers()
            .map((t) => `${t.receiver.track.kind}:${t.currentDirection}`)
            .join(',')})`,
      )
      .join('; ');
  });
}

describe('room UI through the SFU: three people, a fourth joins and leaves', function () {
  this.timeout(180_000);
  let service: RoomService;
  const browsers: Partial<Record<Who, TestBrowser>> = {};

  before(async function () {
    await requireWorker(this);
    service = await startRoomService({
      MEDIA_MODE: 'sfu',
      MEDIASOUP_WORKER_BIN: testWorkerBin() ?? '',
      MEDIASOUP_WORKERS: '1',
      MEDIASOUP_LISTEN_IP: '127.0.0.1',
      MEDIASOUP_PORT: String(await freePort()),
    });
    for (const who of ['clerk', 'citizen', 'guest', 'fourth'] as const) {
      browsers[who] = await launchRoomBrowser();
      await installPeerConnectionProbe(browsers[who].page);
    }
  });
  after(async () => {
    for (const browser of Object.values(browsers)) await browser?.close();
    await service?.close();
  });

  it('the service runs the SFU', async () => {
    const body = (await (await fetch(`${service.video.baseUrl}/readyz`)).json()) as { media: { mode: string } };
    expect(body.media.mode).to.equal('sfu');
  });

  it('each of clerk, citizen and interpreter decodes video and receives audio from both others; a fourth joins and leaves', async () => {
    const page = (who: Who) => browsers[who]!.page;
    const room = freshRoom(service);
    const ids: Record<Who, string> = {
      clerk: room.clerkId,
      citizen: room.citizenId,
      guest: `guest-${room.room}`,
      fourth: `guest2-${room.room}`,
    };
    await clerkJoins(page('clerk'), service.joinUrl(room.clerk));
    await citizenWaits(page('citizen'), service.joinUrl(room.citizen));
    await citizenWaits(
      page('guest'),
      service.joinUrl(participantToken(service.key, room.room, 'guest', ids.guest, { name: 'Dolmetscherin Aylin' })),
    );
    await admit(page('clerk'), ids.citizen, page('citizen'));
    await admit(page('clerk'), ids.guest, page('guest'));

    const three = ['clerk', 'citizen', 'guest'] as const;
    for (const viewer of three) {
      for (const other of three) {
        if (other === viewer) continue;
        await seesVideoOf(page(viewer), `${viewer} sees ${other}`, ids[other]).catch(async (error: Error) => {
          const states = await Promise.all(three.map(async (w) => `${w}: ${await pcStates(page(w))}`));
          throw new Error(`${error.message}\n${states.join('\n')}`);
        });
      }
      const audio = await waitFor(
        `${viewer}: audio from both others`,
        async () => {
          const n = await audioStreamsReceiving(page(viewer));
          return n >= 2 ? n : undefined;
        },
        20_000,
      );
      expect(audio, `${viewer}: audio streams`).to.be.at.least(2);
    }

    await citizenWaits(
      page('fourth'),
      service.joinUrl(participantToken(service.key, room.room, 'guest', ids.fourth, { name: 'Zweite Begleitperson' })),
    );
    await admit(page('clerk'), ids.fourth, page('fourth'));
    for (const other of three) await seesVideoOf(page('fourth'), `fourth sees ${other}`, ids[other]);
    for (const viewer of three) await seesVideoOf(page(viewer), `${viewer} sees the fourth`, ids.fourth);

    await page('fourth').getByTestId('leave-button').click();
    for (const viewer of three) {
      await waitFor(
        `${viewer}: the fourth's tile is gone`,
        async () => {
          const left = await page(viewer)
            .locator(`[data-testid="remote-video"][data-participant="${ids.fourth}"]`)
            .count();
          return left === 0 ? true : undefined;
        },
        15_000,
      );
      expect(await page(viewer).getByTestId('remote-tile').count(), `${viewer}: two tiles again`).to.equal(2);
    }
    // The others still have media after the fourth left.
    await seesVideoOf(page('citizen'), 'citizen still sees the clerk', ids.clerk);
  });
});
