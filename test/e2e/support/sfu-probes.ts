/**
 * What a page's SFU connections show, for the SFU browser tests (needs installPeerConnectionProbe before the
 * page loaded): the peer connections it made, and its inbound video per track from getStats.
 */
import type { Page } from 'playwright-core';

export interface PcSummary {
  state: RTCPeerConnectionState;
  /** Whether it ever got a remote description (a capability probe never does). */
  remote: boolean;
}

/** Every peer connection this document made, oldest first. */
export async function peerConnections(page: Page): Promise<PcSummary[]> {
  return page.evaluate(() =>
    (window as unknown as { __vaProbe: { pcs: RTCPeerConnection[] } }).__vaProbe.pcs.map((pc) => ({
      state: pc.connectionState,
      remote: pc.currentRemoteDescription !== null,
    })),
  );
}

export interface InboundVideo {
  track: string;
  frameWidth: number;
  framesDecoded: number;
}

/** Inbound video streams of the page's open peer connections that decoded frames, per receiving track. */
export async function inboundVideo(page: Page): Promise<InboundVideo[]> {
  return page.evaluate(async () => {
    const probe = (window as unknown as { __vaProbe: { pcs: RTCPeerConnection[] } }).__vaProbe;
    const result: { track: string; frameWidth: number; framesDecoded: number }[] = [];
    for (const pc of probe.pcs) {
      if (pc.connectionState === 'closed') continue;
      for (const receiver of pc.getReceivers()) {
        if (receiver.track.kind !== 'video' || receiver.track.readyState !== 'live') continue;
        (await receiver.getStats()).forEach(
          (s: { type: string; frameWidth?: number; framesDecoded?: number; trackIdentifier?: string }) => {
            if (s.type !== 'inbound-rtp' || !s.framesDecoded) return;
            result.push({ track: receiver.track.id, frameWidth: s.frameWidth ?? 0, framesDecoded: s.framesDecoded });
          },
        );
      }
    }
    return result;
  });
}

/** The widest picture the page decodes right now (0: none). */
export async function widestInbound(page: Page): Promise<number> {
  return Math.max(0, ...(await inboundVideo(page)).map((v) => v.frameWidth));
}
