/**
 * Black-box probes for browser tests: what a page receives over socket.io (WebSocket frames and long-polling
 * answers alike) and which peer connections and remote tracks it has. The room UI knows nothing of them.
 */
import type { Page } from 'playwright-core';

export interface SocketEvent {
  /** Event name, or 'ack' for an acknowledgement. */
  name: string;
  payload: unknown;
}

/** socket.io (protocol 5) packets inside engine.io messages: `42[...]` events, `43<id>[...]` acks. */
function parsePackets(data: string, into: SocketEvent[]): void {
  for (const packet of data.split('\x1e')) {
    const event = packet.match(/^42(?:\/[^,]*,)?\d*(\[.*)$/s);
    const ack = packet.match(/^43(?:\/[^,]*,)?\d+(\[.*)$/s);
    try {
      if (event) {
        const [name, payload] = JSON.parse(event[1]) as [string, unknown];
        into.push({ name, payload });
      } else if (ack) {
        const [reply] = JSON.parse(ack[1]) as [{ data?: unknown }];
        into.push({ name: 'ack', payload: reply?.data });
      }
    } catch {
      into.push({ name: 'unparsable', payload: packet.slice(0, 200) });
    }
  }
}

/** Records every socket.io event and ack the page receives from now on. */
export function watchSocketEvents(page: Page): SocketEvent[] {
  const events: SocketEvent[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) =>
      parsePackets(typeof payload === 'string' ? payload : payload.toString('utf8'), events),
    );
  });
  page.on('response', async (response) => {
    if (!response.url().includes('/socket.io/') || response.request().method() !== 'GET') return;
    try {
      parsePackets(await response.text(), events);
    } catch {
      // The page navigated away before the body was read; nothing was delivered to it either.
    }
  });
  return events;
}

/** Counts peer connections and remote tracks the page creates (installed before any page script runs). */
export async function installPeerConnectionProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const probe = { pcs: [] as RTCPeerConnection[], tracks: 0 };
    (window as unknown as { __vaProbe: typeof probe }).__vaProbe = probe;
    const Original = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Original {
      constructor(config?: RTCConfiguration) {
        super(config);
        probe.pcs.push(this);
        this.addEventListener('track', () => {
          probe.tracks += 1;
        });
      }
    } as typeof RTCPeerConnection;
  });
}

/** Inbound media summed over the page's open peer connections (from getStats). */
export async function mediaReceived(page: Page): Promise<{ audioPackets: number; videoFramesDecoded: number }> {
  return page.evaluate(async () => {
    const probe = (window as unknown as { __vaProbe: { pcs: RTCPeerConnection[] } }).__vaProbe;
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
