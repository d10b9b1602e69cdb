/**
 * Black-box probes for media tests and benchmarks, installed into a page before any of its scripts run: the
 * peer connections it opens (to read `getStats()`: which ICE candidate pair carries the media, what arrives),
 * when a UI element first appeared (e.g. the reconnecting overlay, however briefly), when a button was clicked,
 * and when a `<video>`
 * matching a selector rendered its first frame (`requestVideoFrameCallback`, wall-clock milliseconds so two
 * browsers on one machine can be compared). The room UI knows nothing of them.
 */
import type { Page } from 'playwright-core';

interface ProbeState {
  pcs: RTCPeerConnection[];
  /** selector → wall-clock ms of the first time an element matching it was in the document. */
  seen: Record<string, number[]>;
  /** selector → wall-clock ms of the first video frame rendered by an element matching it. */
  firstFrame: Record<string, number>;
  /** selector → `<width>×<height>` of that first frame. */
  firstFrameSize: Record<string, string>;
  /** selector → wall-clock ms of the latest click on an element matching it (capture phase: before the page's handlers). */
  clicked: Record<string, number>;
}

/** Polls `probe` every 200 ms until it returns a value; throws naming `what` after `ms`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Installs the probe. `watch` are selectors whose appearances are recorded (each time one appears after
 * having been absent); `frames` are selectors of `<video>` elements whose first rendered frame is timed;
 * `clicks` are selectors of elements whose clicks are timed.
 */
export async function installMediaProbe(
  page: Page,
  options: { watch?: string[]; frames?: string[]; clicks?: string[] } = {},
): Promise<void> {
  await page.addInitScript(
    ({ watch, frames, clicks }) => {
      const now = () => performance.timeOrigin + performance.now();
      const probe: ProbeState = { pcs: [], seen: {}, firstFrame: {}, firstFrameSize: {}, clicked: {} };
      (window as unknown as { __vaMedia: ProbeState }).__vaMedia = probe;
      const Original = window.RTCPeerConnection;
      window.RTCPeerConnection = class extends Original {
        constructor(config?: RTCConfiguration) {
          super(config);
          probe.pcs.push(this);
        }
      } as typeof RTCPeerConnection;
      const present = new Set<string>();
      const timed = new WeakSet<Element>();
      const scan = () => {
        for (const selector of watch) {
          const there = document.querySelector(selector) !== null;
          if (there && !present.has(selector)) (probe.seen[selector] ??= []).push(now());
          if (there) present.add(selector);
          else present.delete(selector);
        }
        for (const selector of frames) {
          document.querySelectorAll(selector).forEach((element) => {
            if (timed.has(element) || !(element instanceof HTMLVideoElement)) return;
            timed.add(element);
            element.requestVideoFrameCallback((at, frame) => {
              const wall = performance.timeOrigin + at;
              const first = probe.firstFrame[selector];
              if (first === undefined || wall < first) {
                probe.firstFrame[selector] = wall;
                probe.firstFrameSize[selector] = `${frame.width}×${frame.height}`;
              }
            });
          });
        }
      };
      // Attribute changes matter only for `watch` (an overlay may appear by a class or `hidden` change); timed
      // videos and clicks need inserted elements only. A probe that ran on every attribute change would cost a
      // page that updates its controls often more than a plain one, and benchmarks compare the two.
      new MutationObserver(scan).observe(document, { childList: true, subtree: true, attributes: watch.length > 0 });
      scan();
      document.addEventListener(
        'click',
        (event) => {
          const at = now();
          for (const selector of clicks) {
            if (event.target instanceof Element && event.target.closest(selector)) probe.clicked[selector] = at;
          }
        },
        true,
      );
    },
    { watch: options.watch ?? [], frames: options.frames ?? [], clicks: options.clicks ?? [] },
  );
}

/** Wall-clock ms of the latest click on an element matching `selector` on this page load, if any. */
export async function clickedAt(page: Page, selector: string): Promise<number | undefined> {
  return page.evaluate(
    (selector) => (window as unknown as { __vaMedia: ProbeState }).__vaMedia.clicked[selector],
    selector,
  );
}

/** Wall-clock times at which an element matching `selector` appeared. */
export async function appearances(page: Page, selector: string): Promise<number[]> {
  return page.evaluate(
    (selector) => (window as unknown as { __vaMedia: ProbeState }).__vaMedia.seen[selector] ?? [],
    selector,
  );
}

/** Wall-clock ms of the first frame a video matching `selector` rendered on this page load, if any yet. */
export async function firstFrameAt(page: Page, selector: string): Promise<number | undefined> {
  return page.evaluate(
    (selector) => (window as unknown as { __vaMedia: ProbeState }).__vaMedia.firstFrame[selector],
    selector,
  );
}

/** `<width>×<height>` of the first remote frame timed for `selector`, if any yet. */
export async function firstFrameSize(page: Page, selector: string): Promise<string | undefined> {
  return page.evaluate(
    (selector) => (window as unknown as { __vaMedia: ProbeState }).__vaMedia.firstFrameSize[selector],
    selector,
  );
}

/** Wall-clock ms at which this page's navigation started. */
export async function navigationStart(page: Page): Promise<number> {
  return page.evaluate(() => performance.timeOrigin);
}

export interface SelectedPair {
  state: string;
  localType: string;
  remoteType: string;
  /** How this browser reaches its TURN server for a relay candidate: 'udp', 'tcp' or 'tls'. */
  relayProtocol: string | undefined;
  /** The local candidate's `protocol`: 'tcp' for ICE-TCP; a relay candidate says 'udp' (see `relayProtocol`). */
  protocol: string | undefined;
  /** For an ICE-TCP pair: the local candidate's tcpType ('active' towards the SFU's passive candidate). */
  tcpType: string | undefined;
  localAddress: string | undefined;
  localPort: number | undefined;
  bytesReceived: number;
}

/** The candidate pair each open peer connection sends and receives media on (from `getStats()`). */
export async function selectedPairs(page: Page): Promise<SelectedPair[]> {
  return page.evaluate(async () => {
    const probe = (window as unknown as { __vaMedia: ProbeState }).__vaMedia;
    const pairs: SelectedPair[] = [];
    for (const pc of probe.pcs) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      const byId = new Map<string, Record<string, unknown>>();
      stats.forEach((s: Record<string, unknown>) => byId.set(s.id as string, s));
      let pairId: string | undefined;
      stats.forEach((s: Record<string, unknown>) => {
        if (s.type === 'transport' && typeof s.selectedCandidatePairId === 'string') pairId = s.selectedCandidatePairId;
      });
      if (!pairId) {
        stats.forEach((s: Record<string, unknown>) => {
          if (s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded') pairId = s.id as string;
        });
      }
      const pair = pairId ? byId.get(pairId) : undefined;
      if (!pair) continue;
      const local = byId.get(pair.localCandidateId as string) ?? {};
      const remote = byId.get(pair.remoteCandidateId as string) ?? {};
      pairs.push({
        state: String(pair.state),
        localType: String(local.candidateType),
        remoteType: String(remote.candidateType),
        relayProtocol: local.relayProtocol as string | undefined,
        protocol: local.protocol as string | undefined,
        tcpType: local.tcpType as string | undefined,
        localAddress: (local.address ?? local.ip) as string | undefined,
        localPort: local.port as number | undefined,
        bytesReceived: Number(pair.bytesReceived ?? 0),
      });
    }
    return pairs;
  });
}

/** `connectionState/iceConnectionState/signalingState` of every peer connection the page created (for diagnoses). */
export async function connectionStates(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window as unknown as { __vaMedia: ProbeState }).__vaMedia.pcs.map(
      (pc) => `${pc.connectionState}/${pc.iceConnectionState}/${pc.signalingState}`,
    ),
  );
}

/** Inbound media summed over the page's open peer connections. */
export async function mediaReceived(page: Page): Promise<{ audioPackets: number; videoFramesDecoded: number }> {
  return page.evaluate(async () => {
    const probe = (window as unknown as { __vaMedia: ProbeState }).__vaMedia;
    let audioPackets = 0;
    let videoFramesDecoded = 0;
    for (const pc of probe.pcs) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((s: { type: string; kind?: string; packetsReceived?: number; framesDecoded?: number }) => {
        if (s.type !== 'inbound-rtp') return;
        if (s.kind === 'audio') audioPackets += s.packetsReceived ?? 0;
        if (s.kind === 'video') videoFramesDecoded += s.framesDecoded ?? 0;
      });
    }
    return { audioPackets, videoFramesDecoded };
  });
}

/** Frames the videos matching `selector` render within `ms` (requestVideoFrameCallback). */
export async function framesWithin(page: Page, selector: string, ms = 1000): Promise<number> {
  return page.evaluate(
    ({ selector, ms }) =>
      new Promise<number>((resolve) => {
        const videos = [...document.querySelectorAll(selector)].filter(
          (v): v is HTMLVideoElement => v instanceof HTMLVideoElement,
        );
        let frames = 0;
        for (const video of videos) {
          const onFrame = () => {
            frames += 1;
            video.requestVideoFrameCallback(onFrame);
          };
          video.requestVideoFrameCallback(onFrame);
        }
        setTimeout(() => resolve(frames), ms);
      }),
    { selector, ms },
  );
}

/** Waits until remote frames render and audio arrives; returns the frames counted in one second. */
export async function waitForMedia(
  page: Page,
  who: string,
  ms = 20_000,
): Promise<{ frames: number; audioPackets: number }> {
  const video = '[data-testid="remote-video"]';
  const frames = await waitFor(
    `${who}: remote video frames`,
    async () => {
      const n = await framesWithin(page, video, 1000);
      return n > 0 ? n : undefined;
    },
    ms,
  );
  const media = await waitFor(
    `${who}: received audio`,
    async () => {
      const m = await mediaReceived(page);
      return m.audioPackets > 0 ? m : undefined;
    },
    ms,
  );
  return { frames, audioPackets: media.audioPackets };
}
