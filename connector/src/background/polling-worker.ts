/**
 * The loop shared by the background workers that drain a table of claimed work (citizen mail, outbound webhook
 * deliveries, video-service admin calls): run a pass now when kicked (after a commit that queued work),
 * otherwise every `pollIntervalMs`; never two passes at once in one process; `stop()` waits for the pass
 * in progress. Several processes may run the same worker: the claims in the database keep them apart.
 */
import type { Logger } from '../log.ts';

export interface PollingWorkerOptions {
  log: Logger;
  /** Pause between passes when nothing kicks the worker. */
  pollIntervalMs: number;
  /** One pass: claim a batch and work it off; resolve true when a full batch was claimed (more may be due). */
  pass: () => Promise<boolean>;
  /** Awaited before each pass (see foreground.ts); default: go at once. */
  stepAside?: () => Promise<void>;
}

export class PollingWorker {
  readonly #o: PollingWorkerOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = true;

  constructor(options: PollingWorkerOptions) {
    this.#o = options;
  }

  /** Starts polling (idempotent). */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.kick();
  }

  /** Runs a pass as soon as possible. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#running = this.#drain().finally(() => {
      this.#running = undefined;
      if (this.#stopped) return;
      if (this.#again) {
        this.#again = false;
        setImmediate(() => this.kick());
      } else {
        this.#timer = setTimeout(() => this.kick(), this.#o.pollIntervalMs);
        this.#timer.unref();
      }
    });
  }

  /** Stops polling and waits for the pass in progress; safe to call twice. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  async #drain(): Promise<void> {
    try {
      const stepAside = this.#o.stepAside ?? (() => Promise.resolve());
      while (!this.#stopped && (await stepAside(), !this.#stopped) && (await this.#o.pass()));
    } catch (err) {
      this.#o.log.error({ err }, 'drain() | pass failed');
    }
  }
}
