/**
 * Connection quality from `RTCPeerConnection.getStats()` (https://www.w3.org/TR/webrtc-stats/): round-trip
 * time and available outgoing bitrate of the selected candidate pair, packet loss of what we receive
 * (between two measurements) and of what we send (as the other side reports it). The worst connection
 * counts. Levels: `poor` when talking becomes hard (RTT > 800 ms, loss > 10 %, < 150 kbit/s for video),
 * `fair` when the picture suffers (RTT > 300 ms, loss > 3 %, < 300 kbit/s), otherwise `good`.
 */
import type { QualityLevel, QualityReport } from '@virtuelles-amt/video-service/contract/signalling';

/** Cumulative inbound packet counters of the previous measurement. */
export interface QualitySample {
  lost: number;
  received: number;
}

interface Stat {
  type: string;
  id: string;
  kind?: string;
  state?: string;
  nominated?: boolean;
  selectedCandidatePairId?: string;
  currentRoundTripTime?: number;
  availableOutgoingBitrate?: number;
  packetsLost?: number;
  packetsReceived?: number;
  fractionLost?: number;
}

/** Judges the reports; null while no connection has a working candidate pair yet. */
export function assessQuality(
  reports: RTCStatsReport[],
  previous: QualitySample | null,
): { report: QualityReport; sample: QualitySample } | null {
  let rttMs: number | undefined;
  let bitrateKbps: number | undefined;
  let sendLoss = 0;
  let sendsVideo = false;
  const sample: QualitySample = { lost: 0, received: 0 };
  for (const report of reports) {
    const stats = [...(report as unknown as Map<string, Stat>).values()];
    const selected = new Set(
      stats.flatMap((stat) =>
        stat.type === 'transport' && stat.selectedCandidatePairId ? [stat.selectedCandidatePairId] : [],
      ),
    );
    for (const stat of stats) {
      if (
        stat.type === 'candidate-pair' &&
        (selected.has(stat.id) || (selected.size === 0 && stat.nominated && stat.state === 'succeeded'))
      ) {
        if (stat.currentRoundTripTime !== undefined) rttMs = Math.max(rttMs ?? 0, stat.currentRoundTripTime * 1000);
        if (stat.availableOutgoingBitrate !== undefined)
          bitrateKbps = Math.min(bitrateKbps ?? Infinity, stat.availableOutgoingBitrate / 1000);
      } else if (stat.type === 'inbound-rtp') {
        sample.lost += Math.max(0, stat.packetsLost ?? 0);
        sample.received += stat.packetsReceived ?? 0;
      } else if (stat.type === 'remote-inbound-rtp') {
        sendLoss = Math.max(sendLoss, stat.fractionLost ?? 0);
      } else if (stat.type === 'outbound-rtp' && stat.kind === 'video') {
        sendsVideo = true;
      }
    }
  }
  if (rttMs === undefined && bitrateKbps === undefined) return null;
  const lost = previous ? sample.lost - previous.lost : 0;
  const received = previous ? sample.received - previous.received : 0;
  const receiveLoss = lost > 0 && lost + received > 0 ? lost / (lost + received) : 0;
  const packetLoss = Math.min(1, Math.max(receiveLoss, sendLoss));
  const bitrate = sendsVideo ? bitrateKbps : undefined;
  const report: QualityReport = { level: levelOf(rttMs, packetLoss, bitrate), packetLoss: round(packetLoss, 3) };
  if (rttMs !== undefined) report.rttMs = Math.min(60_000, Math.round(rttMs));
  if (bitrateKbps !== undefined && Number.isFinite(bitrateKbps))
    report.bitrateKbps = Math.min(100_000, Math.round(bitrateKbps));
  return { report, sample };
}

function levelOf(rttMs: number | undefined, loss: number, bitrateKbps: number | undefined): QualityLevel {
  const rtt = rttMs ?? 0;
  if (rtt > 800 || loss > 0.1 || (bitrateKbps !== undefined && bitrateKbps < 150)) return 'poor';
  if (rtt > 300 || loss > 0.03 || (bitrateKbps !== undefined && bitrateKbps < 300)) return 'fair';
  return 'good';
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
