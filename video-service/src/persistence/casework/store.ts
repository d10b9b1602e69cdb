/**
 * The casework repositories over the service's sequelize connection, and transactions that hand out the
 * same set bound to one transaction. The tables come from migrations/0100-casework.ts (run with the
 * service's other migrations).
 */
import { Transaction, type Sequelize } from 'sequelize';
import { defineCaseworkModels } from './models.ts';
import { createCaseRepository, type CaseRepository } from './case-repository.ts';
import { createFormRepository, type FormRepository } from './form-repository.ts';
import { createDocumentRepository, type DocumentRepository } from './document-repository.ts';
import { createTanRepository, type TanRepository } from './tan-repository.ts';
import { createIdCheckRepository, type IdCheckRepository } from './idcheck-repository.ts';
import { createFileRepository, type FileRepository } from './file-repository.ts';
import { createAuditRepository, type AuditRepository } from './audit-repository.ts';
import { createRetentionRepository, type RetentionRepository } from './retention-repository.ts';
import { createPaymentRepository, type PaymentRepository } from './payment-repository.ts';

export interface CaseworkRepositories {
  cases: CaseRepository;
  forms: FormRepository;
  documents: DocumentRepository;
  tans: TanRepository;
  idChecks: IdCheckRepository;
  files: FileRepository;
  audit: AuditRepository;
  retention: RetentionRepository;
  payments: PaymentRepository;
}

export interface CaseworkStore extends CaseworkRepositories {
  /** Runs `work` in one transaction (committed when it resolves, rolled back when it throws). */
  transaction<T>(work: (repos: CaseworkRepositories) => Promise<T>): Promise<T>;
}

/** Builds the casework repositories on an open, migrated connection. */
export function openCaseworkStore(sequelize: Sequelize): CaseworkStore {
  const models = defineCaseworkModels(sequelize);
  const isSqlite = sequelize.getDialect() === 'sqlite';
  const repositories = (tx?: Transaction): CaseworkRepositories => ({
    cases: createCaseRepository(models, tx),
    forms: createFormRepository(models, tx),
    documents: createDocumentRepository(models, tx),
    tans: createTanRepository(models, tx),
    idChecks: createIdCheckRepository(models, tx),
    files: createFileRepository(models, tx),
    audit: createAuditRepository(models, tx),
    retention: createRetentionRepository(sequelize, models, tx),
    payments: createPaymentRepository(sequelize, tx),
  });
  // SQLite has one writer: this process's casework transactions run one after another, each IMMEDIATE.
  let sqliteQueue: Promise<unknown> = Promise.resolve();
  return {
    ...repositories(),
    transaction(work) {
      if (!isSqlite) return sequelize.transaction((tx) => work(repositories(tx)));
      const run = sqliteQueue.then(() => sqliteTransaction(sequelize, (tx) => work(repositories(tx))));
      sqliteQueue = run.catch(() => undefined);
      return run;
    },
  };
}

/**
 * An SQLite transaction on its own connection (sequelize gives each one a connection without a busy
 * timeout): IMMEDIATE takes the write lock at BEGIN, so no read snapshot goes stale inside; while another
 * connection holds the lock, BEGIN is retried with backoff for up to 10 s. The work only touches the
 * database, so running it again is safe.
 */
async function sqliteTransaction<T>(sequelize: Sequelize, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, work);
    } catch (error) {
      if (!isWriteRace(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(5 * 2 ** attempt, 100) * (0.5 + Math.random())));
    }
  }
}

/** True for errors that mean "another writer was first; run the transaction again" (SQLite busy snapshots, deadlocks). */
export function isWriteRace(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const { code, message, errno } = e as { code?: unknown; message?: unknown; errno?: unknown };
    if (code === 'SQLITE_BUSY' || code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || errno === 1213) return true;
    if (typeof message === 'string' && /SQLITE_BUSY|database is locked|Deadlock found/i.test(message)) return true;
    e = (e as { parent?: unknown; original?: unknown; cause?: unknown }).parent ?? (e as { original?: unknown }).original ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
