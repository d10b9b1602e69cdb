/**
 * A clerk and a citizen in one room, each in their own Chromium with the media probe
 * (test/e2e/support/media-probes.ts) installed, for the network suites (TURN and the TCP fallback through the
 * SFU, weak networks in both media modes): start the service (`sfuEnv()` for the SFU) with whatever the network
 * needs, then `twoParty()`.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { LaunchOptions, TestBrowser } from '../../support/browser.ts';
import { freePort } from '../../support/ports.ts';
import { testWorkerBin } from '../../video-service/support.ts';
import { installMediaProbe, mediaReceived, selectedPairs, waitFor, type SelectedPair } from './media-probes.ts';
import {
  admit,
  citizenWaits,
  clerkJoins,
  freshRoom,
  launchRoomBrowser,
  seesVideoOf,
  type RoomService,
} from './room-ui.ts';

/** The video service's environment for MEDIA_MODE=sfu with one worker on a free loopback port. */
export async function sfuEnv(): Promise<Record<string, string>> {
  return {
    MEDIA_MODE: 'sfu',
    MEDIASOUP_WORKER_BIN: testWorkerBin() ?? '',
    MEDIASOUP_WORKERS: '1',
    MEDIASOUP_LISTEN_IP: '127.0.0.1',
    MEDIASOUP_PORT: String(await freePort()),
  };
}

export interface TwoParty {
  clerk: TestBrowser;
  citizen: TestBrowser;
  clerkId: string;
  citizenId: string;
  close(): Promise<void>;
}

export interface TwoPartyOptions {
  /** How both browsers are launched (e.g. extra Chromium flags). */
  launch?: LaunchOptions;
  /** Runs on each page before it loads, after the media probe (e.g. another init script). */
  beforeJoin?: (page: Page) => Promise<void>;
}

/** Clerk joins, citizen waits, clerk admits. */
export async function twoParty(service: RoomService, options: TwoPartyOptions = {}): Promise<TwoParty> {
  const clerk = await launchRoomBrowser(options.launch);
  const citizen = await launchRoomBrowser(options.launch);
  const close = async () => {
    await clerk.close();
    await citizen.close();
  };
  try {
    for (const browser of [clerk, citizen]) {
      await installMediaProbe(browser.page);
      await options.beforeJoin?.(browser.page);
    }
    const room = freshRoom(service);
    await clerkJoins(clerk.page, service.joinUrl(room.clerk));
    await citizenWaits(citizen.page, service.joinUrl(room.citizen));
    await admit(clerk.page, room.citizenId, citizen.page);
    return { clerk, citizen, clerkId: room.clerkId, citizenId: room.citizenId, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Both pages decode the other's video and receive audio. */
export async function bothSeeAndHear(call: TwoParty): Promise<void> {
  for (const [who, page, other] of [
    ['clerk', call.clerk.page, call.citizenId],
    ['citizen', call.citizen.page, call.clerkId],
  ] as const) {
    await seesVideoOf(page, `${who} sees the other`, other);
    const media = await waitFor(
      `${who}: audio and decoded video arrive`,
      async () => {
        const m = await mediaReceived(page);
        return m.audioPackets > 0 && m.videoFramesDecoded > 0 ? m : undefined;
      },
      30_000,
    );
    expect(media.audioPackets, `${who}: audio packets`).to.be.greaterThan(0);
  }
}

/**
 * The selected candidate pair of every open peer connection once each has one that received bytes. Through the
 * SFU a page has two (a send and a receive transport), peer-to-peer one; waits until there are at least `min`.
 */
export async function settledPairs(page: Page, who: string, min = 2): Promise<SelectedPair[]> {
  return waitFor(
    `${who}: selected candidate pairs on ${min} peer connections`,
    async () => {
      const pairs = await selectedPairs(page);
      return pairs.length >= min && pairs.every((p) => p.state === 'succeeded' && p.bytesReceived > 0)
        ? pairs
        : undefined;
    },
    30_000,
  );
}
