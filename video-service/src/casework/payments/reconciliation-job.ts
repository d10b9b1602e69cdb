/**
 * Nothing stays pending for ever, also after a restart: every PAYMENT_RECONCILE_INTERVAL_MS the job claims
 * pending payments due for a check from the database (a lease, like the retention job, so several processes
 * share the work and each payment is read by one), re-reads them from their provider and backs off
 * (interval, doubling, at most a minute) until they are final or expired. It also finishes the effects of
 * settlements a crashed process left undone, and deletes booking records past PAYMENT_RETENTION_DAYS.
 */
import { randomUUID } from 'node:crypto';
import { errorFields } from '../../log.ts';
import type { CaseworkDeps } from '../deps.ts';
import { refreshPayment } from './refresh-payment.ts';
import { finishSettlement } from './settle-payment.ts';

const LEASE_MS = 60_000;
const BATCH = 20;
const MAX_BACKOFF_MS = 60_000;
const DAY_MS = 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;

export interface ReconciliationRun {
  checked: number;
  settled: number;
  failed: number;
  finished: number;
  pruned: number;
}

export class ReconciliationJob {
  readonly #deps: CaseworkDeps;
  readonly #owner = `payments-${randomUUID()}`;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<ReconciliationRun> | undefined;
  #lastPrune = 0;
  #closed = false;

  constructor(deps: CaseworkDeps) {
    this.#deps = deps;
  }

  start(): void {
    if (this.#closed || this.#timer) return;
    this.#timer = setInterval(() => {
      this.runOnce().catch((error: unknown) =>
        this.#deps.log.error({ err: errorFields(error) }, 'reconciliation run failed'),
      );
    }, this.#deps.payments.config.reconcileIntervalMs);
    this.#timer.unref();
  }

  /** One run now (runs do not overlap within a process). */
  runOnce(): Promise<ReconciliationRun> {
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  backoffMs(attempts: number): number {
    return Math.min(this.#deps.payments.config.reconcileIntervalMs * 2 ** Math.min(attempts, 16), MAX_BACKOFF_MS);
  }

  async #run(): Promise<ReconciliationRun> {
    const deps = this.#deps;
    const run: ReconciliationRun = { checked: 0, settled: 0, failed: 0, finished: 0, pruned: 0 };
    const due = await deps.store.payments.claimDue(this.#owner, deps.now(), BATCH, LEASE_MS);
    for (const p of due) {
      if (this.#closed) break;
      run.checked += 1;
      const attempts = p.checkAttempts + 1;
      try {
        const after = await refreshPayment(deps, p);
        if (after.state !== 'pending') run.settled += 1;
        await deps.store.payments.release(
          p.id,
          this.#owner,
          after.state === 'pending' ? new Date(deps.now().getTime() + this.backoffMs(attempts)) : null,
          attempts,
        );
      } catch (error) {
        run.failed += 1;
        deps.log.warn(
          { payment: p.id, provider: p.method, err: errorFields(error) },
          'reconciliation | status not readable; retried later',
        );
        await deps.store.payments.release(
          p.id,
          this.#owner,
          new Date(deps.now().getTime() + this.backoffMs(attempts)),
          attempts,
        );
      }
    }
    for (const p of await deps.store.payments.unannounced(BATCH)) {
      if (this.#closed) break;
      try {
        await finishSettlement(deps, p);
        run.finished += 1;
      } catch (error) {
        deps.log.error(
          { payment: p.id, err: errorFields(error) },
          'reconciliation | settlement effects failed; retried later',
        );
      }
    }
    if (Date.now() - this.#lastPrune > PRUNE_EVERY_MS) {
      this.#lastPrune = Date.now();
      run.pruned = await deps.store.payments.pruneEnded(
        new Date(deps.now().getTime() - deps.payments.config.retentionDays * DAY_MS),
      );
    }
    return run;
  }

  /** Stops the schedule and waits for a run in progress. Safe to call twice. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    await this.#running?.catch(() => undefined);
  }
}
