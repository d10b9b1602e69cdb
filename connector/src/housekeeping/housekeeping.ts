/**
 * Retention: the connector keeps an appointment (the citizen's name, e-mail address, phone, notes) and
 * everything about it only until RETENTION_DAYS after its end, then deletes it — in batches, each batch
 * in one transaction — and keeps anonymous statistics. Idempotency records of webhooks and REST calls are
 * only needed while a sender may retry, so they go after IDEMPOTENCY_RETENTION_DAYS. Every run that
 * deleted something is logged (counts only) and recorded in `housekeeping_runs`.
 *
 * Several processes may run it at once: each deletion is a condition on age, so a second run finds
 * nothing left to do.
 */
import { PollingWorker } from '../background/polling-worker.ts';
import type { Logger } from '../log.ts';
import type { HousekeepingStore, PurgeCount } from './ports.ts';

export interface HousekeepingOptions {
  store: HousekeepingStore;
  log: Logger;
  retentionDays: number;
  idempotencyRetentionDays: number;
  intervalMs: number;
  /** Appointments per transaction. Default 200. */
  batchSize?: number;
  now?: () => Date;
}

const DAY_MS = 24 * 3600_000;

export class Housekeeping {
  readonly #o: Required<HousekeepingOptions>;
  readonly #loop: PollingWorker;

  constructor(options: HousekeepingOptions) {
    this.#o = { batchSize: 200, now: () => new Date(), ...options };
    this.#loop = new PollingWorker({
      log: options.log,
      pollIntervalMs: options.intervalMs,
      pass: async () => {
        await this.run();
        return false;
      },
    });
  }

  start(): void {
    this.#loop.start();
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }

  /** One full run as of `now` (tests pass a shifted clock); resolves with what was deleted. */
  async run(now = this.#o.now()): Promise<PurgeCount> {
    const { store, batchSize, log } = this.#o;
    const retentionCutoff = new Date(now.getTime() - this.#o.retentionDays * DAY_MS);
    const idempotencyCutoff = new Date(now.getTime() - this.#o.idempotencyRetentionDays * DAY_MS);
    const total: PurgeCount = { appointments: 0, rows: 0 };
    for (;;) {
      const batch = await store.purgeAppointments(retentionCutoff, batchSize);
      total.appointments += batch.appointments;
      total.rows += batch.rows;
      if (batch.appointments < batchSize) break;
    }
    // Each call deletes a bounded number of rows per table; go on until nothing old is left.
    for (let rows = -1; rows !== 0; ) {
      rows = await store.purgeRecords(idempotencyCutoff, retentionCutoff);
      total.rows += rows;
    }
    if (total.rows > 0) {
      await store.recordRun(now, total);
      log.info(
        { appointments: total.appointments, rows: total.rows, retentionDays: this.#o.retentionDays },
        'run() | retention: personal data deleted',
      );
    }
    return total;
  }
}
