/**
 * The persistence suites run against both databases the product supports: an SQLite file in a fresh
 * temporary directory and a fresh MariaDB/MySQL database created for the run and dropped afterwards.
 * `TEST_MYSQL_URL` points at the server (default: root without password on 127.0.0.1:3306).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

export interface TestDatabase {
  /** `sqlite` or `mariadb`: used in test titles. */
  kind: 'sqlite' | 'mariadb';
  /** A `DATABASE_URL` for a database nobody else uses. */
  url: string;
  /** Drops the database (or deletes the file). Safe to call twice. */
  drop(): Promise<void>;
}

const MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';

export async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = await mkdtemp(path.join(tmpdir(), 'va-sqlite-'));
  return {
    kind: 'sqlite',
    url: `sqlite:${path.join(dir, 'test.sqlite')}`,
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

export async function createMariaDatabase(): Promise<TestDatabase> {
  const name = `va_test_${randomBytes(6).toString('hex')}`;
  const server = new URL(MYSQL_URL);
  const admin = await mysql.createConnection({ uri: MYSQL_URL });
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  let dropped = false;
  return {
    kind: 'mariadb',
    url: `mysql://${server.username}${server.password ? `:${server.password}` : ''}@${server.host}/${name}`,
    async drop() {
      if (dropped) return;
      dropped = true;
      const conn = await mysql.createConnection({ uri: MYSQL_URL });
      try {
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await conn.end();
      }
    },
  };
}

/** Both kinds, for `for (const make of DATABASES) describe(...)` loops. */
export const DATABASES: Array<{ kind: TestDatabase['kind']; create: () => Promise<TestDatabase> }> = [
  { kind: 'sqlite', create: createSqliteDatabase },
  { kind: 'mariadb', create: createMariaDatabase },
];
