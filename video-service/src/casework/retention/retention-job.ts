/**
 * The scheduled retention job (RETENTION_INTERVAL_SECONDS). Each run claims due (case, kind) rows from the
 * database with a lease, so any number of processes can run it and each row is purged by exactly one; a
 * failed purge releases its claim and is retried on the next run. Rooms of calls without casework (chat,
 * sessions, admissions, lobby, and the event webhooks about them) are swept by the age of their rows, and
 * event-outbox rows delivered or given up longer ago than the sessions' retention are deleted.
 */
import { randomUUID } from 'node:crypto';
import { errorFields } from '../../log.ts';
import { RETENTION_KINDS, type RetentionKind } from '../casework-config.ts';
import type { RoomTable } from '../store/retention.ts';
import type { CaseworkDeps } from '../deps.ts';
import { purgeKind } from './purge.ts';

const LEASE_MS = 10 * 60_000;
const BATCH = 50;
const DAY_MS = 24 * 3600_000;
const SWEEP: Array<{ table: RoomTable; kind: RetentionKind }> = [
  { table: 'chat_messages', kind: 'chat' },
  { table: 'sessions', kind: 'sessions' },
  { table: 'admissions', kind: 'sessions' },
  { table: 'lobby', kind: 'sessions' },
  { table: 'rooms', kind: 'sessions' },
];

export interface RetentionRun {
  purged: Array<{ kind: string; rows: number; files: number }>;
  failed: number;
  sweptRooms: number;
  /** Delivered or given-up event-outbox rows deleted for their age. */
  prunedEvents: number;
}

export class RetentionJob {
  readonly #deps: CaseworkDeps;
  readonly #owner = `retention-${randomUUID()}`;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<RetentionRun> | undefined;
  #closed = false;

  constructor(deps: CaseworkDeps) {
    this.#deps = deps;
  }

  /** Runs every `intervalSeconds` (0: never), the first run a minute after start (or sooner with a shorter interval). */
  start(intervalSeconds: number): void {
    if (intervalSeconds <= 0 || this.#closed) return;
    const tick = () => {
      if (this.#closed) return;
      this.runOnce().catch((error: unknown) =>
        this.#deps.log.error({ err: errorFields(error) }, 'retention run failed'),
      );
    };
    this.#timer = setInterval(tick, intervalSeconds * 1000);
    this.#timer.unref();
    setTimeout(tick, Math.min(intervalSeconds * 1000, 60_000)).unref();
  }

  /** One run now (runs do not overlap within a process). */
  runOnce(): Promise<RetentionRun> {
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #run(): Promise<RetentionRun> {
    const deps = this.#deps;
    const run: RetentionRun = { purged: [], failed: 0, sweptRooms: 0, prunedEvents: 0 };
    for (;;) {
      if (this.#closed) break;
      const due = await deps.store.retention.claim(this.#owner, deps.now(), BATCH, LEASE_MS);
      if (due.length === 0) break;
      for (const { room, kind } of due) {
        try {
          if (!(RETENTION_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown retention kind ${kind}`);
          const result = await purgeKind(deps, room, kind as RetentionKind);
          await deps.store.retention.markDone(room, kind, this.#owner, deps.now());
          run.purged.push({ kind, ...result });
        } catch (error) {
          run.failed += 1;
          deps.log.error({ kind, err: errorFields(error) }, 'retention | purge failed; retried on the next run');
          await deps.store.retention.release(room, kind, this.#owner);
        }
      }
      if (due.length < BATCH || run.failed > 0) break;
    }
    run.sweptRooms = await this.#sweepCallsWithoutCase();
    run.prunedEvents = await deps.store.retention.pruneEvents(
      new Date(deps.now().getTime() - deps.config.retentionDays.sessions * DAY_MS),
    );
    if (run.purged.length > 0 || run.sweptRooms > 0 || run.prunedEvents > 0) {
      deps.log.info(
        { purged: run.purged.length, failed: run.failed, swept: run.sweptRooms, events: run.prunedEvents },
        'retention | personal data deleted',
      );
    }
    return run;
  }

  /** Deletes call rows (chat, sessions, …) of rooms that never had a case, once older than their retention. */
  async #sweepCallsWithoutCase(): Promise<number> {
    const deps = this.#deps;
    let swept = 0;
    for (const { table, kind } of SWEEP) {
      const before = new Date(deps.now().getTime() - deps.config.retentionDays[kind] * DAY_MS);
      for (const room of await deps.store.retention.orphanRooms(table, before, BATCH)) {
        if (await deps.store.cases.get(room)) continue;
        swept += (await deps.store.retention.deleteRoomRows(table, room)) > 0 ? 1 : 0;
        if (table === 'rooms') await deps.store.retention.deleteRoomEvents(room);
      }
    }
    return swept;
  }

  /** Stops the schedule and waits for a run in progress. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    await this.#running?.catch(() => undefined);
  }
}
