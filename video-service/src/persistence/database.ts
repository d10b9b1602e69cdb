/**
 * Opens the database named by DATABASE_URL (SQLite file or MySQL/MariaDB), runs the umzug migrations and
 * returns the repositories. `close()` is safe to call twice.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Sequelize } from 'sequelize';
import { Umzug, SequelizeStorage } from 'umzug';
import type { Logger } from '../log.ts';
import { defineModels } from './models.ts';
import * as initial from './migrations/0001-initial.ts';
import { createSessionRepository, type SessionRepository } from './session-repository.ts';
import { createAdmissionRepository, type AdmissionRepository } from './admission-repository.ts';
import { createLobbyRepository, type LobbyRepository } from './lobby-repository.ts';
import { createRevokedTokenRepository, type RevokedTokenRepository } from './revoked-token-repository.ts';

/** Every migration, in order. Listed explicitly so no file globbing is needed at run time. */
const MIGRATIONS = [initial];

export interface Database {
  kind: 'sqlite' | 'mysql';
  sessions: SessionRepository;
  admissions: AdmissionRepository;
  lobby: LobbyRepository;
  revokedTokens: RevokedTokenRepository;
  /** Resolves when the database answers a trivial query; rejects otherwise (used by /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

async function connect(url: string): Promise<Sequelize> {
  if (url.startsWith('sqlite:')) {
    const storage = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (storage !== ':memory:') await mkdir(path.dirname(path.resolve(storage)), { recursive: true });
    const sequelize = new Sequelize({ dialect: 'sqlite', storage, logging: false });
    // WAL lets readers proceed during writes; the busy timeout rides out short write locks.
    await sequelize.query('PRAGMA journal_mode = WAL');
    await sequelize.query('PRAGMA busy_timeout = 5000');
    return sequelize;
  }
  return new Sequelize(url.replace(/^mariadb:/, 'mysql:'), {
    dialect: 'mysql',
    logging: false,
    timezone: '+00:00',
    pool: { max: 10, min: 0, idle: 10_000 },
  });
}

/** Connects, migrates to the newest schema and returns the repositories. */
export async function openDatabase(url: string, log: Logger): Promise<Database> {
  const sequelize = await connect(url);
  try {
    await sequelize.authenticate();
    const umzug = new Umzug({
      migrations: MIGRATIONS.map((m) => ({ name: m.name, up: m.up, down: m.down })),
      context: sequelize.getQueryInterface(),
      storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
      logger: undefined,
    });
    const applied = await umzug.up();
    log.info({ applied: applied.map((m) => m.name), dialect: sequelize.getDialect() }, 'openDatabase() | schema up to date');
  } catch (error) {
    await sequelize.close();
    throw error;
  }
  const models = defineModels(sequelize);
  let closing: Promise<void> | undefined;
  return {
    kind: sequelize.getDialect() === 'sqlite' ? 'sqlite' : 'mysql',
    sessions: createSessionRepository(models),
    admissions: createAdmissionRepository(models),
    lobby: createLobbyRepository(models),
    revokedTokens: createRevokedTokenRepository(models),
    async ping() {
      await sequelize.query('SELECT 1');
    },
    close() {
      closing ??= sequelize.close();
      return closing;
    },
  };
}
