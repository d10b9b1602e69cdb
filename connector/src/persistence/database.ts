/**
 * Opens the connector's database — SQLite (embedded default) or MySQL/MariaDB — and applies the
 * umzug migrations at start-up.
 *
 * SQLite note: SQLite allows one writer at a time, so concurrent work would fail with SQLITE_BUSY.
 * All work therefore runs one unit at a time through `exclusive()` in SQLite mode (the embedded mode
 * serves one process), and since nothing overlaps, every unit — transaction or not — uses the same
 * single connection (sequelize would otherwise open and close one per transaction, ~1 ms each).
 * WAL with `synchronous=NORMAL`: see docs/adr/0006-sqlite-durability.md. MySQL/MariaDB runs work
 * concurrently and relies on row locks and unique constraints.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Sequelize, type Transaction } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { Logger } from '../log.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { defineModels, type Models } from './models.ts';
import { nodeSqliteDriver } from './sqlite-driver.ts';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer.ts';

export type Dialect = 'sqlite' | 'mysql';

/** Name of umzug's bookkeeping table (not SequelizeMeta, so services can share one MySQL database). */
export const MIGRATIONS_TABLE = 'connector_migrations';

export class Database {
  readonly sequelize: Sequelize;
  readonly models: Models;
  readonly dialect: Dialect;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  #checkpointer: Checkpointer | undefined;

  private constructor(sequelize: Sequelize, dialect: Dialect) {
    this.sequelize = sequelize;
    this.dialect = dialect;
    this.models = defineModels(sequelize);
  }

  /** Connects, applies pending migrations and returns the open database. */
  static async open(url: string, log: Logger): Promise<Database> {
    const { sequelize, dialect, file } = connect(url);
    const db = new Database(sequelize, dialect);
    try {
      await sequelize.authenticate();
      if (dialect === 'sqlite') {
        await sequelize.query('PRAGMA journal_mode = WAL');
        await sequelize.query('PRAGMA synchronous = NORMAL');
        if (file) {
          // Checkpoints in a worker thread, not inside a COMMIT on the event loop (checkpoint-worker.ts).
          await sequelize.query('PRAGMA wal_autocheckpoint = 0');
          db.#checkpointer = startCheckpointer(file, (err) => {
            log.error({ err }, 'checkpoint thread failed; SQLite checkpoints automatically again');
            void db.exclusive(() => sequelize.query('PRAGMA wal_autocheckpoint = 1000')).catch(() => undefined);
          });
        }
      }
      await db.#migrate(log);
    } catch (err) {
      await db.close();
      throw err;
    }
    log.info({ dialect }, 'database ready');
    return db;
  }

  /** Runs `work` alone in SQLite mode (see the file comment); directly in MySQL mode. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.dialect !== 'sqlite') return work();
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * A transaction (inside `exclusive`). MariaDB may pick it as a deadlock victim — e.g. two deliveries of
   * one new booking at once: both `SELECT … FOR UPDATE` the missing row (gap locks), both insert. InnoDB
   * then rolls the whole transaction back, and running it again is the documented remedy: up to
   * DEADLOCK_ATTEMPTS times, after a short random pause so the two do not meet again.
   */
  async transaction<T>(work: (t: Transaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.exclusive(() => this.sequelize.transaction(work));
      } catch (err) {
        if (this.dialect === 'sqlite' || attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(err)) throw err;
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 25 * attempt));
      }
    }
  }

  /** Throws when the database cannot answer a trivial query within `timeoutMs`. */
  async ping(timeoutMs = 2000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('database ping timed out')), timeoutMs);
    });
    try {
      await Promise.race([this.exclusive(() => this.sequelize.query('SELECT 1')), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes all connections; safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue;
    await this.#checkpointer?.stop();
    await this.sequelize.close();
  }

  async #migrate(log: Logger): Promise<void> {
    const umzug = new Umzug({
      migrations: MIGRATIONS,
      context: this.sequelize.getQueryInterface(),
      storage: new SequelizeStorage({ sequelize: this.sequelize, tableName: MIGRATIONS_TABLE }),
      logger: undefined,
    });
    const apply = async () => {
      const done = await umzug.up();
      if (done.length) log.info({ migrations: done.map((m) => m.name) }, 'migrations applied');
    };
    if (this.dialect === 'sqlite') return apply();
    // Several processes may start at once against one MySQL: a named lock lets one migrate at a time.
    await this.sequelize.transaction(async (t) => {
      await this.sequelize.query("SELECT GET_LOCK('connector_migrations', 60)", { transaction: t });
      try {
        await apply();
      } finally {
        await this.sequelize.query("SELECT RELEASE_LOCK('connector_migrations')", { transaction: t });
      }
    });
  }
}

/** `file`: the SQLite database file (none for `:memory:` and MySQL). */
function connect(url: string): { sequelize: Sequelize; dialect: Dialect; file?: string } {
  const common = { logging: false as const, define: { underscored: true } };
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    const storage = rest === ':memory:' || rest === '' ? ':memory:' : path.resolve(rest);
    if (storage !== ':memory:') mkdirSync(path.dirname(storage), { recursive: true });
    const sequelize = new Sequelize({ ...common, dialect: 'sqlite', storage, dialectModule: nodeSqliteDriver });
    useOneSqliteConnection(sequelize);
    return { sequelize, dialect: 'sqlite', ...(storage !== ':memory:' ? { file: storage } : {}) };
  }
  const mysqlUrl = url.replace(/^mariadb:/, 'mysql:');
  const sequelize = new Sequelize(mysqlUrl, {
    ...common,
    dialect: 'mysql',
    timezone: '+00:00',
    dialectOptions: { charset: 'utf8mb4' },
    pool: { max: 10, min: 0, idle: 10_000, acquire: 30_000 },
  });
  return { sequelize, dialect: 'mysql' };
}

/**
 * Makes sequelize's SQLite connection manager hand out its one long-lived connection (key `default`)
 * for transactions too, instead of opening a new one per transaction and closing it afterwards. Safe
 * only because all SQLite work is serialized by `Database.exclusive()`; the connection is closed by
 * `sequelize.close()`.
 */
function useOneSqliteConnection(sequelize: Sequelize): void {
  const manager = sequelize.connectionManager as unknown as {
    connections: Record<string, { close(): void } | undefined>;
    getConnection(options?: Record<string, unknown>): Promise<unknown>;
    releaseConnection(connection: unknown, force?: boolean): void;
  };
  const getConnection = manager.getConnection.bind(manager);
  manager.getConnection = (options = {}) => getConnection({ ...options, uuid: 'default' });
  manager.releaseConnection = (connection, force) => {
    // Forced after a failed rollback (state unknown): drop it; the next unit opens a fresh one.
    if (!force || manager.connections.default !== connection) return;
    delete manager.connections.default;
    (connection as { close(): void }).close();
  };
}

/** Enough for a burst of first deliveries from two processes at once (eight each in the multiprocess test). */
const DEADLOCK_ATTEMPTS = 10;

/** ER_LOCK_DEADLOCK (1213), as raw-sql.ts's SqlError or as sequelize's error around the driver's. */
function isDeadlock(err: unknown): boolean {
  const e = err as { code?: unknown; parent?: { code?: unknown; errno?: unknown } } | null;
  return e?.code === 'ER_LOCK_DEADLOCK' || e?.parent?.code === 'ER_LOCK_DEADLOCK' || e?.parent?.errno === 1213;
}
