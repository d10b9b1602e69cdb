/**
 * What a page receives and sends, summed over its open peer connections from `getStats()` (needs the media
 * probe of media-probes.ts): decoded frames, frame rate, resolution, freezes, audio samples and concealment in;
 * resolution, active layers, why quality is limited and the bandwidth estimate out. For weak-network tests
 * (assert that counters keep rising) and benchmarks (report the figures).
 */
import type { Page } from 'playwright-core';

export interface CallQuality {
  /** Inbound video, summed over streams. */
  framesDecoded: number;
  /** Highest `framesPerSecond` of an inbound video stream, as the browser reports it. */
  framesPerSecond: number;
  /** Largest inbound frame as `<w>×<h>`. */
  resolution: string;
  freezeCount: number;
  totalFreezesDuration: number;
  videoPacketsLost: number;
  /** Inbound audio, summed over streams. */
  audioSamplesReceived: number;
  concealedSamples: number;
  audioPacketsLost: number;
  /** Outbound video: the largest encoded frame, the layers that send, and why the encoder holds back. */
  sentResolution: string;
  activeLayers: number;
  qualityLimitation: string;
  /** The browser's bandwidth estimate on the selected pair, kbit/s (largest over peer connections). */
  availableOutgoingKbps: number;
}

/** One snapshot of the page's media counters. */
export async function callQuality(page: Page): Promise<CallQuality> {
  return page.evaluate(async () => {
    const probe = (window as unknown as { __vaMedia: { pcs: RTCPeerConnection[] } }).__vaMedia;
    const q = {
      framesDecoded: 0,
      framesPerSecond: 0,
      resolution: '0×0',
      freezeCount: 0,
      totalFreezesDuration: 0,
      videoPacketsLost: 0,
      audioSamplesReceived: 0,
      concealedSamples: 0,
      audioPacketsLost: 0,
      sentResolution: '0×0',
      activeLayers: 0,
      qualityLimitation: 'none',
      availableOutgoingKbps: 0,
    };
    let inPixels = 0;
    let outPixels = 0;
    const limits = new Set<string>();
    for (const pc of probe.pcs) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((s: Record<string, unknown>) => {
        const n = (key: string) => Number(s[key] ?? 0);
        if (s.type === 'inbound-rtp' && s.kind === 'video') {
          q.framesDecoded += n('framesDecoded');
          q.framesPerSecond = Math.max(q.framesPerSecond, n('framesPerSecond'));
          q.freezeCount += n('freezeCount');
          q.totalFreezesDuration += n('totalFreezesDuration');
          q.videoPacketsLost += n('packetsLost');
          if (n('frameWidth') * n('frameHeight') > inPixels) {
            inPixels = n('frameWidth') * n('frameHeight');
            q.resolution = `${n('frameWidth')}×${n('frameHeight')}`;
          }
        }
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          q.audioSamplesReceived += n('totalSamplesReceived');
          q.concealedSamples += n('concealedSamples');
          q.audioPacketsLost += n('packetsLost');
        }
        if (s.type === 'outbound-rtp' && s.kind === 'video') {
          if (s.active !== false && n('framesPerSecond') > 0) q.activeLayers += 1;
          if (typeof s.qualityLimitationReason === 'string' && s.qualityLimitationReason !== 'none')
            limits.add(s.qualityLimitationReason);
          if (n('frameWidth') * n('frameHeight') > outPixels) {
            outPixels = n('frameWidth') * n('frameHeight');
            q.sentResolution = `${n('frameWidth')}×${n('frameHeight')}`;
          }
        }
        if (s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded')
          q.availableOutgoingKbps = Math.max(q.availableOutgoingKbps, Math.round(n('availableOutgoingBitrate') / 1000));
      });
    }
    if (limits.size > 0) q.qualityLimitation = [...limits].join('+');
    return q;
  });
}

/** One line for the test log / a benchmark table. */
export function describeQuality(who: string, q: CallQuality, fps?: number): string {
  const concealment = q.audioSamplesReceived > 0 ? (q.concealedSamples / q.audioSamplesReceived) * 100 : 0;
  return (
    `${who}: in ${q.resolution}` +
    (fps === undefined ? '' : `, ${fps.toFixed(1)} fps over the window`) +
    ` (browser says ${q.framesPerSecond} fps), ${q.freezeCount} freezes (${q.totalFreezesDuration.toFixed(1)} s), ` +
    `video lost ${q.videoPacketsLost} packets, audio concealed ${concealment.toFixed(1)} %, lost ${q.audioPacketsLost}; ` +
    `out ${q.sentResolution} on ${q.activeLayers} layer(s), limited by ${q.qualityLimitation}, ` +
    `estimate ${q.availableOutgoingKbps} kbit/s`
  );
}
