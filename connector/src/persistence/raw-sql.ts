/**
 * Plain parameterised SQL on the connection sequelize already holds for a transaction — for the handful
 * of statements every inbound webhook runs (ADR 0007). Through sequelize each statement costs ~0.25 ms of
 * JavaScript (query building, instance hooks, and, on SQLite, a captured stack trace per query); here it is
 * one driver call. Same connection, so the statements are part of the caller's transaction.
 *
 * Values are written exactly as sequelize writes them (dates, JSON, booleans), so rows written here and
 * rows written through the models read back the same. Driver errors are rethrown without the SQL and its
 * values (they hold personal data; see log.ts), a unique-key violation as UniqueViolation.
 */
import type { Transaction } from 'sequelize';
import type { Database, Dialect } from './database.ts';

export type SqlValue = string | number | null;

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
  /** The auto-increment id of an INSERT. */
  lastId: number;
}

export interface SqlRunner {
  readonly dialect: Dialect;
  run(sql: string, params: readonly SqlValue[]): Promise<RunResult>;
  all<Row>(sql: string, params: readonly SqlValue[]): Promise<Row[]>;
}

/** A second row with the same unique key. */
export class UniqueViolation extends Error {
  override readonly name = 'UniqueViolation';
}

/** A driver error with the SQL and the values removed. */
export class SqlError extends Error {
  override readonly name = 'SqlError';
  readonly code: string;
  constructor(code: string) {
    super(`database error ${code}`);
    this.code = code;
  }
}

interface SqliteStatement {
  run(params: readonly SqlValue[], done: (this: { changes: number; lastID: number }, err: Error | null) => void): void;
  all(params: readonly SqlValue[], done: (err: Error | null, rows: unknown[]) => void): void;
}

interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

/**
 * Prepared statements per SQLite connection, kept for its lifetime (dropped with it): a handful of fixed SQL
 * strings, each prepared once instead of on every call.
 */
const prepared = new WeakMap<object, Map<string, SqliteStatement>>();

function statement(conn: SqliteConnection, sql: string): SqliteStatement {
  let statements = prepared.get(conn);
  if (!statements) prepared.set(conn, (statements = new Map()));
  let stmt = statements.get(sql);
  if (!stmt) statements.set(sql, (stmt = conn.prepare(sql)));
  return stmt;
}

interface MysqlConnection {
  execute(sql: string, params: readonly SqlValue[], done: (err: Error | null, result: unknown) => void): void;
}

/**
 * A runner bound to `transaction`'s connection; without a transaction the one long-lived SQLite
 * connection the database uses for all work, or on MySQL a pooled connection through sequelize.
 */
export function sqlRunner(db: Database, transaction?: Transaction): SqlRunner {
  const connection = () => connectionOf(db, transaction);
  if (db.dialect === 'sqlite') {
    return {
      dialect: 'sqlite',
      async run(sql, params) {
        const conn = (await connection()) as SqliteConnection;
        return new Promise((resolve, reject) => {
          statement(conn, sql).run(params, function (err) {
            if (err) reject(translate(err));
            else resolve({ changes: this.changes, lastId: this.lastID });
          });
        });
      },
      async all<Row>(sql: string, params: readonly SqlValue[]) {
        const conn = (await connection()) as SqliteConnection;
        return new Promise<Row[]>((resolve, reject) => {
          statement(conn, sql).all(params, (err, rows) => (err ? reject(translate(err)) : resolve(rows as Row[])));
        });
      },
    };
  }
  const execute = async (sql: string, params: readonly SqlValue[]) => {
    if (!transaction) {
      // Outside a transaction any pooled connection will do: borrowed for this one statement.
      const pool = db.sequelize.connectionManager as unknown as {
        getConnection(options: object): Promise<MysqlConnection>;
        releaseConnection(connection: MysqlConnection): Promise<void>;
      };
      const conn = await pool.getConnection({ type: 'write' });
      try {
        return await new Promise<unknown>((resolve, reject) => {
          conn.execute(sql, params, (err, result) => (err ? reject(translate(err)) : resolve(result)));
        });
      } finally {
        await pool.releaseConnection(conn);
      }
    }
    const conn = (await connection()) as MysqlConnection;
    return new Promise<unknown>((resolve, reject) => {
      conn.execute(sql, params, (err, result) => (err ? reject(translate(err)) : resolve(result)));
    });
  };
  return {
    dialect: 'mysql',
    async run(sql, params) {
      const result = (await execute(sql, params)) as { affectedRows: number; insertId: number };
      return { changes: result.affectedRows, lastId: result.insertId };
    },
    async all<Row>(sql: string, params: readonly SqlValue[]) {
      return (await execute(sql, params)) as Row[];
    },
  };
}

async function connectionOf(db: Database, transaction?: Transaction): Promise<unknown> {
  const held = (transaction as unknown as { connection?: unknown } | undefined)?.connection;
  if (held) return held;
  // SQLite: the one connection (database.ts hands out key `default` for everything).
  const manager = db.sequelize.connectionManager as unknown as { getConnection(options: object): Promise<unknown> };
  return manager.getConnection({});
}

function translate(err: Error & { code?: unknown; errno?: unknown }): Error {
  const code = typeof err.code === 'string' ? err.code : 'UNKNOWN';
  // SQLite: SQLITE_CONSTRAINT with "UNIQUE constraint failed"; MySQL/MariaDB: ER_DUP_ENTRY (1062).
  if (code === 'ER_DUP_ENTRY' || (code === 'SQLITE_CONSTRAINT' && /UNIQUE|PRIMARY KEY/.test(err.message))) {
    return new UniqueViolation('unique key violated');
  }
  return new SqlError(code);
}

/** A date as sequelize writes a DATE(3) column: SQLite text with the zone, MySQL DATETIME(3) in UTC. */
export function sqlDate(date: Date, dialect: Dialect): string {
  const iso = date.toISOString(); // 2026-11-21T08:25:58.225Z
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
  return dialect === 'sqlite' ? `${text} +00:00` : text;
}

/** A JSON column's value (both dialects store the text). */
export function sqlJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
