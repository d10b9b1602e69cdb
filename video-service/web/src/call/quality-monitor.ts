/**
 * Measures this device's connection quality every few seconds while in the call, shows it (store
 * `quality`) and reports it to the service (`quality:report`, which clerks see as `peer:quality`): when the
 * level changes, otherwise every fourth measurement. The arithmetic (media/quality.ts) arrives with the first
 * measurement, a few seconds into the call: the page before the call does not carry it (DESIGN.md budget).
 */
import type { QualityReport } from '@virtuelles-amt/video-service/contract/signalling';
import type { MediaLinks } from '../media/media-links.ts';
import type { QualitySample } from '../media/quality.ts';
import type { RoomState } from '../state.ts';
import type { Store } from '../store.ts';

const INTERVAL_MS = 3000;
const REPORT_EVERY = 4;

export class QualityMonitor {
  private readonly store: Store<RoomState>;
  private readonly links: () => MediaLinks;
  private readonly send: (report: QualityReport) => void;
  private timer: ReturnType<typeof setInterval> | undefined;
  private sample: QualitySample | null = null;
  private ticks = 0;

  constructor(store: Store<RoomState>, links: () => MediaLinks, send: (report: QualityReport) => void) {
    this.store = store;
    this.links = links;
    this.send = send;
  }

  start(): void {
    if (this.timer === undefined) this.timer = setInterval(() => void this.measure(), INTERVAL_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.sample = null;
    this.store.setState({ quality: null });
  }

  private async measure(): Promise<void> {
    // null: the arithmetic's chunk did not load (offline for a moment); the next tick tries again.
    const inputs = await Promise.all([import('../media/quality.ts'), this.links().stats()]).catch(() => null);
    if (!inputs || this.timer === undefined) return;
    const [{ assessQuality }, stats] = inputs;
    const result = assessQuality(stats, this.sample);
    if (!result) {
      this.store.setState({ quality: null });
      return;
    }
    this.sample = result.sample;
    const changed = this.store.getState().quality?.level !== result.report.level;
    this.store.setState({ quality: result.report });
    this.ticks += 1;
    if (changed || this.ticks % REPORT_EVERY === 0) this.send(result.report);
  }
}
