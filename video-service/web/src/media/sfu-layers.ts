/**
 * Which simulcast layer each video consumer should get, from the size its tile is shown at (ADR 0195): the
 * page reports each remote tile's rendered size in device pixels; after the size has been still for
 * `SETTLE_MS` the smallest layer that covers it is asked for with `sfu:setPreferredLayers`, and only when
 * that changes. The SFU then forwards that layer (or the best one below it that arrives), so a small tile
 * costs the viewer's downlink and the SFU a quarter of the pixels of a large one.
 */
import type { SfuRequest } from './sfu-request.ts';

/**
 * The camera's picture as the page asks for it (local-media.ts: 640×480 ideal) and the encodings' scale
 * (sfu-engine.ts SIMULCAST: ÷2, ÷1): layer n is (640×480) / 2^(1−n).
 */
const TOP = { width: 640, height: 480 };
const LAYERS = 2;
/** Waits this long after the last size change (a window being dragged reports every frame). */
export const SETTLE_MS = 250;

/** The smallest spatial layer at least as large as a tile of `width`×`height` device pixels. */
export function layerFor(width: number, height: number): number {
  const scale = Math.max(width / TOP.width, height / TOP.height);
  for (let layer = 0; layer < LAYERS - 1; layer += 1) if (scale <= 1 / 2 ** (LAYERS - 1 - layer)) return layer;
  return LAYERS - 1;
}

interface Tracked {
  participantId: string;
  /** The layer last asked for (undefined: none yet, the SFU's default is the top layer). */
  asked: number | undefined;
}

export class LayerPreferences {
  private readonly request: SfuRequest;
  private readonly settleMs: number;
  /** Simulcast video consumers. */
  private readonly consumers = new Map<string, Tracked>();
  /** participant id → the layer their tile's size calls for. */
  private readonly wanted = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private closed = false;

  constructor(request: SfuRequest, settleMs = SETTLE_MS) {
    this.request = request;
    this.settleMs = settleMs;
  }

  /** The tile of `participantId` is now `width`×`height` device pixels. */
  size(participantId: string, width: number, height: number): void {
    if (this.closed) return;
    clearTimeout(this.timers.get(participantId));
    this.timers.set(
      participantId,
      setTimeout(() => {
        this.timers.delete(participantId);
        this.wanted.set(participantId, layerFor(width, height));
        this.apply(participantId);
      }, this.settleMs),
    );
  }

  /** A video consumer of `participantId` exists (resumed); only simulcast ones have layers to choose from. */
  added(consumerId: string, participantId: string, simulcast: boolean): void {
    if (this.closed || !simulcast) return;
    this.consumers.set(consumerId, { participantId, asked: undefined });
    this.apply(participantId);
  }

  removed(consumerId: string): void {
    this.consumers.delete(consumerId);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.consumers.clear();
  }

  private apply(participantId: string): void {
    const layer = this.wanted.get(participantId);
    if (layer === undefined) return;
    for (const [consumerId, tracked] of this.consumers) {
      if (tracked.participantId !== participantId || tracked.asked === layer) continue;
      tracked.asked = layer;
      this.request('sfu:setPreferredLayers', { consumerId, spatialLayer: layer }).catch(() => {
        // The consumer closed meanwhile (producer gone, camera re-sent): nothing to prefer any more.
        if (this.consumers.get(consumerId) === tracked) tracked.asked = undefined;
      });
    }
  }
}
