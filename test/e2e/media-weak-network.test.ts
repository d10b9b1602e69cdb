/**
 * A call on a weak line keeps flowing (issue 15, item 5), in both media modes, in real Chromium: every byte of
 * the call is relayed through coturn (TURN only) with the impairment relay (test/support/impairment-relay.ts)
 * in front of it, so the browsers' media crosses a link of 1 Mbit/s, 100 ms round trip and 3 % loss:
 *  - peer-to-peer, the media crosses the relay twice (up to coturn, down to the other browser): 25 ms and
 *    1.5 % per pass, so browser to browser is 100 ms round trip and ≈ 3 % loss each way;
 *  - through the SFU, each browser's leg to the SFU crosses it once: 50 ms and 3 % per pass.
 * The rate limit is 1 Mbit/s per flow and direction (each peer connection's own line).
 * Asserted: video frames keep being decoded and audio samples keep arriving on both pages over successive
 * probes, the selected pairs are relays, and the relay really lost packets both ways. Printed, not asserted:
 * frame rate, resolution, freezes, audio concealment, the encoder's limitation and the bandwidth estimate.
 * The SFU case needs a worker (`npm run build:worker`); CI requires one (REQUIRE_MEDIASOUP_WORKER).
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startCoturn, type Coturn } from '../support/coturn.ts';
import { startImpairmentRelay, type ImpairmentRelay } from '../support/impairment-relay.ts';
import { requireWorker } from '../video-service/support.ts';
import { callQuality, describeQuality, type CallQuality } from './support/call-quality.ts';
import { waitFor } from './support/media-probes.ts';
import { screenshot, startRoomService, type RoomService } from './support/room-ui.ts';
import { bothSeeAndHear, settledPairs, sfuEnv, twoParty, type TwoParty } from './support/two-party.ts';

/** Successive probes at which both video frames and audio samples must have grown. */
const PROBES = 5;
/** Growth each probe waits for: about a second of video at a crawl, a quarter second of 48 kHz audio. */
const MIN_NEW_FRAMES = 5;
const MIN_NEW_SAMPLES = 12_000;

/**
 * Waits PROBES times for more decoded frames and more audio samples than at the last probe; returns the first
 * and the last snapshot and the time between them.
 */
async function keepsFlowing(page: Page, who: string): Promise<{ first: CallQuality; last: CallQuality; ms: number }> {
  const first = await callQuality(page);
  const started = performance.now();
  let last = first;
  for (let probe = 1; probe <= PROBES; probe++) {
    const before = last;
    last = await waitFor(
      `${who}: probe ${probe}: more frames and audio than ${before.framesDecoded} frames, ${before.audioSamplesReceived} samples`,
      async () => {
        const q = await callQuality(page);
        return q.framesDecoded >= before.framesDecoded + MIN_NEW_FRAMES &&
          q.audioSamplesReceived >= before.audioSamplesReceived + MIN_NEW_SAMPLES
          ? q
          : undefined;
      },
      30_000,
    );
  }
  return { first, last, ms: performance.now() - started };
}

describe('a call on a weak line (1 Mbit/s, 100 ms RTT, 3 % loss) keeps video and audio flowing', function () {
  this.timeout(240_000);
  let coturn: Coturn;
  let relay: ImpairmentRelay | undefined;
  let service: RoomService | undefined;
  let call: TwoParty | undefined;

  before(async () => {
    coturn = await startCoturn();
  });
  afterEach(async () => {
    await call?.close();
    await service?.close();
    await relay?.close();
    call = undefined;
    service = undefined;
    relay = undefined;
  });
  after(async () => {
    await coturn?.stop();
  });

  const modes = [
    { mode: 'p2p', delayMs: 25, lossRate: 0.015, transports: 1 },
    { mode: 'sfu', delayMs: 50, lossRate: 0.03, transports: 2 },
  ] as const;
  for (const { mode, delayMs, lossRate, transports } of modes) {
    it(`${mode === 'p2p' ? 'peer-to-peer' : 'through the SFU'}: frames and audio keep arriving on both pages, over relay pairs`, async function () {
      if (mode === 'sfu') await requireWorker(this);
      relay = await startImpairmentRelay({
        target: { port: coturn.port },
        protocols: ['udp'],
        delayMs,
        jitterMs: 5,
        lossRate,
        rateKbps: 1000,
      });
      service = await startRoomService({
        ...(mode === 'sfu' ? await sfuEnv() : { MEDIA_MODE: 'p2p' }),
        TURN_URLS: `turn:127.0.0.1:${relay.udpPort}?transport=udp`,
        TURN_SECRET: coturn.secret,
        TURN_RELAY_ONLY: 'true',
      });
      call = await twoParty(service);
      await bothSeeAndHear(call);

      const pages = [
        ['clerk', call.clerk.page],
        ['citizen', call.citizen.page],
      ] as const;
      for (const [who, page] of pages) {
        for (const pair of await settledPairs(page, who, transports)) {
          expect(pair.localType, `${who}: local candidate (through the relay and coturn)`).to.equal('relay');
        }
      }
      const flows = await Promise.all(pages.map(([who, page]) => keepsFlowing(page, who)));
      pages.forEach(([who], i) => {
        const { first, last, ms } = flows[i]!;
        const fps = ((last.framesDecoded - first.framesDecoded) * 1000) / ms;
        console.log(`      ${mode} ${describeQuality(who, last, fps)}`);
      });
      const stats = relay.stats();
      console.log(
        `      relay: up ${stats.up.packets} packets (${stats.up.lost} lost, ${stats.up.queueDropped} queue drops), ` +
          `down ${stats.down.packets} (${stats.down.lost} lost, ${stats.down.queueDropped} queue drops), ${stats.udpFlows} flows`,
      );
      expect(stats.up.lost, 'packets the relay dropped towards coturn').to.be.greaterThan(0);
      expect(stats.down.lost, 'packets the relay dropped towards the browsers').to.be.greaterThan(0);
      await screenshot(call.citizen.page, `weak-network-${mode}-citizen`);
    });
  }
});
