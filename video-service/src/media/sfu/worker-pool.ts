/**
 * mediasoup workers: one per CPU core, each with one WebRtcServer listening on a single port
 * (MEDIASOUP_PORT + worker index, UDP and TCP), so a firewall needs one port per worker rather than a range.
 * Rooms are spread over the workers round-robin. `close()` is safe to call twice.
 */
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import type { Logger } from '../../log.ts';

export interface WorkerPoolOptions {
  workers: number;
  /** The worker binary; undefined: mediasoup's own default location. */
  workerBin: string | undefined;
  listenIp: string;
  announcedAddress: string | undefined;
  /** First port; worker n uses port + n. */
  port: number;
  log: Logger;
}

export interface PooledWorker {
  worker: types.Worker;
  webRtcServer: types.WebRtcServer;
}

export class SfuWorkerPool {
  readonly #entries: PooledWorker[];
  readonly #log: Logger;
  #next = 0;
  #closed = false;

  private constructor(entries: PooledWorker[], log: Logger) {
    this.#entries = entries;
    this.#log = log;
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
    const pool = new SfuWorkerPool(entries, options.log);
    for (const { worker } of entries) {
      worker.on('died', (error) =>
        pool.#log.error({ pid: worker.pid, err: error.message }, 'worker died | rooms on it lose media'),
      );
    }
    return pool;
  }

  get size(): number {
    return this.#entries.length;
  }

  /** The next live worker, round-robin. */
  nextWorker(): PooledWorker {
    const live = this.#entries.filter((e) => !e.worker.died && !e.worker.closed);
    if (live.length === 0) throw new Error('no live mediasoup worker');
    const entry = live[this.#next % live.length]!;
    this.#next += 1;
    return entry;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const { worker } of this.#entries) worker.close();
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
