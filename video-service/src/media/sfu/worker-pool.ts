/**
 * mediasoup workers: one per CPU core, each with one WebRtcServer listening on a single port
 * (MEDIASOUP_PORT + worker index, UDP and TCP), so a firewall needs one port per worker rather than a range.
 * Rooms are spread over the live workers round-robin. `close()` is safe to call twice.
 *
 * Each worker sits in a slot. A worker that dies is replaced in its slot — same index, same port — after a
 * short backoff; a start that fails (the old port not yet free, the binary gone) counts like a death. More
 * than `restartLimit` deaths within `restartWindowMs` leave the slot down, so a worker that crashes in a
 * loop does not spin the CPU; `status()` (and /readyz) says so. See ADR 0175.
 */
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { InvalidState } from '../../errors.ts';
import type { Logger } from '../../log.ts';

export interface WorkerPoolOptions {
  workers: number;
  /** The worker binary; undefined: mediasoup's own default location. */
  workerBin: string | undefined;
  listenIp: string;
  announcedAddress: string | undefined;
  /** First port; worker n uses port + n. */
  port: number;
  /** Replacements of one slot's worker allowed within `restartWindowMs`; the next death leaves it down. */
  restartLimit: number;
  restartWindowMs: number;
  log: Logger;
}

export interface PooledWorker {
  worker: types.Worker;
  webRtcServer: types.WebRtcServer;
}

/** What /readyz reports: live workers of those configured, replacements so far, slots given up. */
export interface WorkerPoolStatus {
  configured: number;
  live: number;
  restarts: number;
  /** Slot indexes waiting for (or starting) a replacement. */
  restarting: number[];
  /** Slot indexes given up after too many deaths. */
  down: number[];
}

interface Slot {
  index: number;
  entry: PooledWorker | null;
  state: 'live' | 'restarting' | 'down';
  /** When its workers died (or failed to start), within the window. */
  deaths: number[];
  timer: NodeJS.Timeout | undefined;
}

/** The first replacement after 250 ms, then doubling, at most 10 s apart. */
const BACKOFF_FIRST_MS = 250;
const BACKOFF_MAX_MS = 10_000;
/** How long a caller waits for a slot being restarted before "no live worker" (a restart takes well under 1 s). */
const ACQUIRE_WAIT_MS = 5_000;

export class SfuWorkerPool {
  readonly #slots: Slot[];
  readonly #options: WorkerPoolOptions;
  readonly #log: Logger;
  readonly #lostListeners = new Set<(lost: PooledWorker) => void>();
  readonly #waiters = new Set<() => void>();
  #restarts = 0;
  #next = 0;
  #closed = false;

  private constructor(entries: PooledWorker[], options: WorkerPoolOptions) {
    this.#options = options;
    this.#log = options.log;
    this.#slots = entries.map((entry, index) => ({
      index,
      entry,
      state: 'live',
      deaths: [],
      timer: undefined,
    }));
    for (const slot of this.#slots) this.#watch(slot);
  }

  /** Starts the workers; throws when the first cannot start (e.g. no worker binary on this machine). */
  static async create(options: WorkerPoolOptions): Promise<SfuWorkerPool> {
    const entries: PooledWorker[] = [];
    try {
      for (let index = 0; index < options.workers; index++) entries.push(await startWorker(index, options));
    } catch (error) {
      for (const { worker } of entries) worker.close();
      throw error;
    }
    return new SfuWorkerPool(entries, options);
  }

  /** Configured workers (live or not). */
  get size(): number {
    return this.#slots.length;
  }

  /** The live workers now (tests find their pids here). */
  get workers(): PooledWorker[] {
    return this.#slots.flatMap((slot) => (slot.state === 'live' && slot.entry ? [slot.entry] : []));
  }

  status(): WorkerPoolStatus {
    return {
      configured: this.#slots.length,
      live: this.workers.length,
      restarts: this.#restarts,
      restarting: this.#slots.filter((s) => s.state === 'restarting').map((s) => s.index),
      down: this.#slots.filter((s) => s.state === 'down').map((s) => s.index),
    };
  }

  /** Called with the worker that died, after mediasoup closed its routers (their rooms lost their media). */
  onWorkerLost(listener: (lost: PooledWorker) => void): () => void {
    this.#lostListeners.add(listener);
    return () => this.#lostListeners.delete(listener);
  }

  /** The next live worker, round-robin; `InvalidState` when none is live (the client may retry). */
  nextWorker(): PooledWorker {
    const live = this.workers;
    if (live.length === 0)
      throw new InvalidState('The media server has no live worker right now (restarting or given up); try again.');
    const entry = live[this.#next % live.length]!;
    this.#next += 1;
    return entry;
  }

  /** The next live worker; while none is live but a slot is being restarted, waits for it (up to 5 s). */
  async acquireWorker(waitMs = ACQUIRE_WAIT_MS): Promise<PooledWorker> {
    const deadline = Date.now() + waitMs;
    while (this.workers.length === 0 && !this.#closed && this.status().restarting.length > 0) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.#waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.#waiters.add(done);
      });
    }
    return this.nextWorker();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const slot of this.#slots) {
      clearTimeout(slot.timer);
      slot.entry?.worker.close();
      slot.entry = null;
    }
    this.#wake();
  }

  #watch(slot: Slot): void {
    const entry = slot.entry!;
    entry.worker.once('died', (error) => {
      if (this.#closed || slot.entry !== entry) return;
      slot.entry = null;
      this.#log.error(
        { slot: slot.index, pid: entry.worker.pid, err: error.message },
        'worker died | its rooms lose media; replacing it',
      );
      for (const listener of this.#lostListeners) {
        try {
          listener(entry);
        } catch (listenerError) {
          this.#log.error({ err: String(listenerError) }, 'worker died | a listener failed');
        }
      }
      this.#failed(slot);
    });
  }

  /** A death or a failed start: another attempt after the backoff, or the slot given up. */
  #failed(slot: Slot): void {
    const now = Date.now();
    slot.deaths = [...slot.deaths.filter((at) => now - at < this.#options.restartWindowMs), now];
    if (slot.deaths.length > this.#options.restartLimit) {
      slot.state = 'down';
      this.#log.error(
        {
          slot: slot.index,
          deaths: slot.deaths.length,
          windowSeconds: this.#options.restartWindowMs / 1000,
        },
        'worker slot given up | too many deaths in the window; restart the service once the cause is fixed',
      );
      this.#wake();
      return;
    }
    slot.state = 'restarting';
    const delay = Math.min(BACKOFF_FIRST_MS * 2 ** (slot.deaths.length - 1), BACKOFF_MAX_MS);
    slot.timer = setTimeout(() => void this.#restart(slot), delay);
  }

  async #restart(slot: Slot): Promise<void> {
    slot.timer = undefined;
    if (this.#closed) return;
    let entry: PooledWorker;
    try {
      entry = await startWorker(slot.index, this.#options);
    } catch (error) {
      if (this.#closed) return;
      // Typically the old process's port not free yet: counts as a death, so the backoff and the cap apply.
      this.#log.warn(
        { slot: slot.index, err: error instanceof Error ? error.message : String(error) },
        'restart | the replacement worker did not start',
      );
      this.#failed(slot);
      return;
    }
    if (this.#closed) {
      entry.worker.close();
      return;
    }
    slot.entry = entry;
    slot.state = 'live';
    this.#restarts += 1;
    this.#watch(slot);
    this.#log.info({ slot: slot.index, pid: entry.worker.pid }, 'restart | replacement worker started');
    this.#wake();
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}

async function startWorker(index: number, options: WorkerPoolOptions): Promise<PooledWorker> {
  const worker = await mediasoup.createWorker({
    logLevel: 'warn',
    ...(options.workerBin ? { workerBin: options.workerBin } : {}),
  });
  try {
    const port = options.port + index;
    const listen = {
      ip: options.listenIp,
      port,
      ...(options.announcedAddress ? { announcedAddress: options.announcedAddress } : {}),
    };
    const webRtcServer = await worker.createWebRtcServer({
      listenInfos: [
        { protocol: 'udp', ...listen },
        { protocol: 'tcp', ...listen },
      ],
    });
    return { worker, webRtcServer };
  } catch (error) {
    worker.close();
    throw error;
  }
}
