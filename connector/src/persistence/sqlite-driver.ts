/**
 * The SQLite driver sequelize uses in the connector: Node's built-in `node:sqlite` behind the small part of
 * the `sqlite3` package's API that sequelize's SQLite dialect and raw-sql.ts call (ADR 0007).
 *
 * Why: with `sqlite3` every statement is a round trip through libuv's thread pool, and its completion waits
 * behind whatever else the event loop has queued — during a burst, other requests' parsing and signing. A
 * webhook's transaction (about eight statements) then holds the single SQLite writer for several
 * milliseconds, and throughput is bounded by that wait, not by work. `node:sqlite` runs a statement in
 * microseconds on the calling thread; callbacks are still asynchronous (a microtask), as sequelize expects.
 * Long runs of statements (a feed's first import) yield to the event loop every 256 statements (a few
 * milliseconds), so HTTP requests are not starved.
 *
 * Also: sequelize asks `PRAGMA table_info` before every SELECT; the answer is kept per table until a
 * statement changes the schema.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';

type Params = unknown[] | Record<string, unknown> | undefined;
type RunCallback = (this: Statement, err: Error | null) => void;
type RowsCallback = (err: Error | null, rows: Record<string, unknown>[]) => void;

/** sqlite3's open flags (sequelize reads them from the driver). */
export const OPEN_READONLY = 0x1;
export const OPEN_READWRITE = 0x2;
export const OPEN_CREATE = 0x4;

/**
 * Statements whose callbacks may follow each other without the event loop getting a turn; then one goes
 * through setImmediate. A webhook's transaction is about eight statements and a burst of sixteen requests
 * some 130 — they run straight through; a 10,000-event feed import yields every few milliseconds.
 */
const STATEMENTS_BEFORE_YIELD = 256;
let chained = 0;
let resetScheduled = false;

function later(fn: () => void): void {
  if (!resetScheduled) {
    resetScheduled = true;
    setImmediate(() => {
      chained = 0;
      resetScheduled = false;
    });
  }
  if (++chained > STATEMENTS_BEFORE_YIELD) {
    chained = 0;
    setImmediate(fn);
  } else {
    queueMicrotask(fn);
  }
}

const PRIMARY_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  8: 'SQLITE_READONLY',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  17: 'SQLITE_SCHEMA',
  19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH',
  25: 'SQLITE_RANGE',
};

/** An error shaped like sqlite3's: `code` SQLITE_…, `errno`, message prefixed with the code. */
function driverError(err: unknown): Error {
  const e = err as { errcode?: number; message?: string };
  const errno = typeof e.errcode === 'number' ? e.errcode & 0xff : 1;
  const code = PRIMARY_CODES[errno] ?? 'SQLITE_ERROR';
  return Object.assign(new Error(`${code}: ${e.message ?? String(err)}`), { code, errno });
}

/** Array parameters bind positionally — to `?` directly, to sequelize's `$1 … $n` by name. */
function bind(sql: string, params: Params): { named?: Record<string, SQLInputValue>; anonymous: SQLInputValue[] } {
  if (params === undefined || params === null) return { anonymous: [] };
  if (!Array.isArray(params)) {
    const named: Record<string, SQLInputValue> = {};
    for (const [key, value] of Object.entries(params))
      named[key] = value === undefined ? null : (value as SQLInputValue);
    return { named, anonymous: [] };
  }
  const values = params.map((v) => (v === undefined ? null : v)) as SQLInputValue[];
  if (values.length > 0 && /\$1\b/.test(sql)) {
    const named: Record<string, SQLInputValue> = {};
    values.forEach((v, i) => (named[`$${i + 1}`] = v));
    return { named, anonymous: [] };
  }
  return { anonymous: values };
}

const plain = (row: Record<string, unknown>): Record<string, unknown> => ({ ...row });

const CHANGES_SCHEMA = /^\s*(CREATE|ALTER|DROP)\b/i;

/** A prepared statement (sqlite3's Statement; sequelize checks the class name after an INSERT). */
export class Statement {
  lastID = 0;
  changes = 0;
  readonly sql: string;
  readonly #db: Database;
  #stmt: StatementSync | undefined;

  constructor(db: Database, sql: string) {
    this.#db = db;
    this.sql = sql;
  }

  #prepared(): StatementSync {
    this.#stmt ??= this.#db.handle.prepare(this.sql);
    return this.#stmt;
  }

  run(params: Params, callback?: RunCallback): this {
    let error: Error | null = null;
    // The callback's `this` (sqlite3 style) is a snapshot: the statement may run again before it is called.
    const outcome = Object.assign(Object.create(Statement.prototype) as Statement, {
      sql: this.sql,
      lastID: 0,
      changes: 0,
    });
    try {
      const { named, anonymous } = bind(this.sql, params);
      const result = named ? this.#prepared().run(named, ...anonymous) : this.#prepared().run(...anonymous);
      outcome.lastID = Number(result.lastInsertRowid);
      outcome.changes = Number(result.changes);
      this.#db.afterStatement(this.sql);
    } catch (err) {
      error = driverError(err);
    }
    if (callback) later(() => callback.call(outcome, error));
    return this;
  }

  all(params: Params, callback?: RowsCallback): this {
    let rows: Record<string, unknown>[] = [];
    let error: Error | null = null;
    try {
      const { named, anonymous } = bind(this.sql, params);
      const stmt = this.#prepared();
      rows = (named ? stmt.all(named, ...anonymous) : stmt.all(...anonymous)).map((r) =>
        plain(r as Record<string, unknown>),
      );
      this.#db.afterStatement(this.sql);
    } catch (err) {
      error = driverError(err);
    }
    if (callback) later(() => callback(error, rows));
    return this;
  }
}

/** A connection (sqlite3's Database, as far as sequelize and raw-sql.ts use it). */
export class Database {
  readonly filename: string;
  /** Set by sequelize's connection manager. */
  uuid?: string;
  readonly handle: DatabaseSync;
  readonly #tableInfo = new Map<string, Record<string, unknown>[]>();

  constructor(filename: string, mode?: number | ((err: Error | null) => void), callback?: (err: Error | null) => void) {
    const done = typeof mode === 'function' ? mode : callback;
    const flags = typeof mode === 'number' ? mode : OPEN_READWRITE | OPEN_CREATE;
    this.filename = filename;
    let error: Error | null = null;
    try {
      // timeout: how long to wait for another connection's write lock (sqlite3's default is 1 s as well).
      this.handle = new DatabaseSync(filename, { readOnly: (flags & OPEN_READWRITE) === 0, timeout: 1000 });
    } catch (err) {
      error = driverError(err);
      this.handle = undefined as unknown as DatabaseSync;
    }
    if (done) later(() => done.call(this, error));
  }

  /** Called after each statement: a schema change forgets the cached table layouts. */
  afterStatement(sql: string): void {
    if (CHANGES_SCHEMA.test(sql)) this.#tableInfo.clear();
  }

  serialize(fn?: () => void): this {
    fn?.();
    return this;
  }

  prepare(sql: string): Statement {
    return new Statement(this, sql);
  }

  run(sql: string, params?: Params | RunCallback, callback?: RunCallback): this {
    const [p, cb] = typeof params === 'function' ? [undefined, params] : [params, callback];
    new Statement(this, sql).run(p, cb);
    return this;
  }

  all(sql: string, params?: Params | RowsCallback, callback?: RowsCallback): this {
    const [p, cb] = typeof params === 'function' ? [undefined, params] : [params, callback];
    const info = /^PRAGMA table_info\(`([^`]+)`\)$/i.exec(sql);
    if (info && p === undefined) {
      const cached = this.#tableInfo.get(info[1]!);
      if (cached) {
        if (cb) later(() => cb(null, cached));
        return this;
      }
      new Statement(this, sql).all(undefined, (err, rows) => {
        if (!err) this.#tableInfo.set(info[1]!, rows);
        cb?.(err, rows);
      });
      return this;
    }
    new Statement(this, sql).all(p, cb);
    return this;
  }

  close(callback?: (err: Error | null) => void): void {
    let error: Error | null = null;
    try {
      if (this.handle?.isOpen) this.handle.close();
    } catch (err) {
      error = driverError(err);
    }
    if (callback) later(() => callback(error));
  }
}

/** What sequelize's `dialectModule` option receives. */
export const nodeSqliteDriver = { Database, Statement, OPEN_READONLY, OPEN_READWRITE, OPEN_CREATE };
