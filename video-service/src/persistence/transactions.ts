/**
 * The one way this process runs a database transaction (ADR 0009). On SQLite there is one writer per
 * database file, so every transaction of the process — the rooms', the sessions' and the casework store's —
 * goes through ONE queue per connection and starts `BEGIN IMMEDIATE` (it takes the write lock at once, so no
 * read snapshot inside it goes stale, and its writes can never meet another transaction's of this process).
 * A second process on the same file is waited for by the connection's busy timeout, then by a retry with
 * backoff. On MariaDB/MySQL transactions run concurrently (row locks do the serialising).
 *
 * Rule that comes with it: no repository may let sequelize open a transaction of its own (`findOrCreate`
 * without a transaction does, on a new connection, DEFERRED, beside the queue: its SELECT-then-INSERT got
 * SQLITE_BUSY at once whenever another writer had committed meanwhile). Single statements outside a
 * transaction autocommit on the default connection and wait for the write lock (busy timeout).
 */
import { Transaction, type Sequelize } from 'sequelize';

export interface TransactionRunner {
  /** Runs `work` in one transaction (committed when it resolves, rolled back when it throws). */
  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Resolves when every queued transaction has ended (before closing the connection). */
  idle(): Promise<void>;
}

/** How long an SQLite transaction keeps retrying `BEGIN IMMEDIATE` while another process writes. */
const SQLITE_RETRY_MS = 10_000;

/** The transaction runner of `sequelize`'s connection: one per connection, shared by every store on it. */
export function transactionRunner(sequelize: Sequelize): TransactionRunner {
  if (sequelize.getDialect() !== 'sqlite') {
    return { run: (work) => sequelize.transaction((tx) => work(tx)), idle: async () => undefined };
  }
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run(work) {
      const run = queue.then(() => sqliteTransaction(sequelize, work));
      queue = run.catch(() => undefined);
      return run;
    },
    async idle() {
      await queue;
    },
  };
}

/**
 * An IMMEDIATE SQLite transaction, begun again with backoff while another process holds the write lock
 * (the work only touches the database, so running it again is safe).
 */
async function sqliteTransaction<T>(sequelize: Sequelize, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const deadline = Date.now() + SQLITE_RETRY_MS;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, work);
    } catch (error) {
      if (!isWriteRace(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(5 * 2 ** attempt, 100) * (0.5 + Math.random())));
    }
  }
}

/** True for errors that mean "another writer was first; run the transaction again" (SQLite busy, MySQL deadlocks and lock waits). */
export function isWriteRace(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const { code, message, errno } = e as { code?: unknown; message?: unknown; errno?: unknown };
    if (code === 'SQLITE_BUSY' || code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || errno === 1213)
      return true;
    if (typeof message === 'string' && /SQLITE_BUSY|database is locked|Deadlock found/i.test(message)) return true;
    e =
      (e as { parent?: unknown; original?: unknown; cause?: unknown }).parent ??
      (e as { original?: unknown }).original ??
      (e as { cause?: unknown }).cause;
  }
  return false;
}
