/**
 * SQLite transactions on kept-open connections (ADR 0008). sequelize gives every SQLite transaction a
 * connection of its own and closes it after the commit; opening one (file, schema, PRAGMAs) cost ~1–1.5 ms
 * on the way from the clerk's "Admit" to the first frame. Here a released transaction connection goes back to
 * a small free list instead and the next transaction takes it.
 *
 * Why not one connection for everything (as the connector does): the video service runs non-transactional
 * repository calls concurrently on the default connection, and a statement of another flow must never land
 * inside an open transaction. A transaction still has a connection to itself for as long as it runs; only the
 * opening and closing are saved. Each kept connection has a busy timeout, so `BEGIN IMMEDIATE` waits for
 * another writer instead of failing at once; `synchronous` stays FULL (every commit reaches the disk).
 */
import type { Sequelize } from 'sequelize';

/** Connections kept open for transactions: one, as the process runs its transactions one at a time (persistence/transactions.ts). */
const KEEP_OPEN = 1;

interface SqliteConnection {
  uuid?: string | undefined;
  close(callback?: (err: Error | null) => void): void;
  run(sql: string, callback?: (err: Error | null) => void): void;
}

interface SqliteManager {
  connections: Record<string, SqliteConnection | undefined>;
  getConnection(options?: { uuid?: string }): Promise<SqliteConnection>;
  releaseConnection(connection: SqliteConnection, force?: boolean): void | Promise<void>;
}

/** Closes the kept-open connections; safe to call twice. Call before `sequelize.close()`. */
export interface KeptConnections {
  close(): Promise<void>;
}

/** Makes `sequelize` (SQLite, file storage) keep transaction connections open between transactions. */
export function keepTransactionConnections(sequelize: Sequelize): KeptConnections {
  const manager = sequelize.connectionManager as unknown as SqliteManager;
  const open = manager.getConnection.bind(manager);
  const release = manager.releaseConnection.bind(manager);
  const free: SqliteConnection[] = [];

  manager.getConnection = async (options) => {
    const uuid = options?.uuid;
    if (!uuid || uuid === 'default') return open(options);
    const kept = free.pop();
    if (kept) {
      manager.connections[uuid] = kept;
      return kept;
    }
    const connection = await open(options);
    await run(connection, 'PRAGMA busy_timeout = 5000');
    return connection;
  };

  manager.releaseConnection = (connection, force) => {
    const uuid = connection.uuid;
    if (!uuid || uuid === 'default' || force || free.length >= KEEP_OPEN) return release(connection, force);
    delete manager.connections[uuid];
    connection.uuid = undefined;
    free.push(connection);
  };

  let closing: Promise<void> | undefined;
  return {
    close() {
      closing ??= Promise.all(free.splice(0).map((c) => new Promise<void>((resolve) => c.close(() => resolve())))).then(
        () => undefined,
      );
      return closing;
    },
  };
}

function run(connection: SqliteConnection, sql: string): Promise<void> {
  return new Promise((resolve, reject) => connection.run(sql, (err) => (err ? reject(err) : resolve())));
}
