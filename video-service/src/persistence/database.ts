/**
 * Opens the database named by DATABASE_URL (SQLite file or MySQL/MariaDB), runs the umzug migrations and
 * returns the repositories. `close()` is safe to call twice.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Sequelize, type Transaction } from 'sequelize';
import { Umzug, SequelizeStorage } from 'umzug';
import type { Logger } from '../log.ts';
import { defineModels } from './models.ts';
import * as initial from './migrations/0001-initial.ts';
import * as roomsChatEvents from './migrations/0002-rooms-chat-events.ts';
import * as casework from './migrations/0100-casework.ts';
import * as payments from './migrations/0110-payments.ts';
import * as waitingEstimates from './migrations/0160-waiting-estimates.ts';
import type { Repositories } from '../rooms/repository-ports.ts';
import { createSessionRepository } from './session-repository.ts';
import { createAdmissionRepository } from './admission-repository.ts';
import { createLobbyRepository } from './lobby-repository.ts';
import { createRevokedTokenRepository } from './revoked-token-repository.ts';
import { createRoomRepository } from './room-repository.ts';
import { createChatRepository } from './chat-repository.ts';
import { createOutboxRepository } from './outbox-repository.ts';
import { keepTransactionConnections, type KeptConnections } from './sqlite-connections.ts';
import { transactionRunner, type TransactionRunner } from './transactions.ts';

/** Every migration, in order. Listed explicitly so no file globbing is needed at run time. */
const MIGRATIONS = [initial, roomsChatEvents, casework, payments, waitingEstimates];

export interface Database extends Repositories {
  kind: 'sqlite' | 'mysql';
  /** The connection, for modules with their own repositories (casework/). */
  sequelize: Sequelize;
  /** The connection's one transaction runner; modules with their own repositories run theirs through it too. */
  transactions: TransactionRunner;
  /** Runs `work` in one transaction (committed when it resolves, rolled back when it throws). */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query; rejects otherwise (used by /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

async function connect(url: string): Promise<{ sequelize: Sequelize; kept?: KeptConnections }> {
  if (url.startsWith('sqlite:')) {
    const storage = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (storage !== ':memory:') await mkdir(path.dirname(path.resolve(storage)), { recursive: true });
    const sequelize = new Sequelize({ dialect: 'sqlite', storage, logging: false });
    // WAL lets readers proceed during writes; the busy timeout rides out short write locks.
    await sequelize.query('PRAGMA journal_mode = WAL');
    await sequelize.query('PRAGMA busy_timeout = 5000');
    // An in-memory database is one shared connection anyway.
    return storage === ':memory:' ? { sequelize } : { sequelize, kept: keepTransactionConnections(sequelize) };
  }
  const sequelize = new Sequelize(url.replace(/^mariadb:/, 'mysql:'), {
    dialect: 'mysql',
    logging: false,
    timezone: '+00:00',
    pool: { max: 10, min: 0, idle: 10_000 },
  });
  return { sequelize };
}

/** Connects, migrates to the newest schema and returns the repositories. */
export async function openDatabase(url: string, log: Logger): Promise<Database> {
  const { sequelize, kept } = await connect(url);
  try {
    await sequelize.authenticate();
    const umzug = new Umzug({
      migrations: MIGRATIONS.map((m) => ({ name: m.name, up: m.up, down: m.down })),
      context: sequelize.getQueryInterface(),
      storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
      logger: undefined,
    });
    const applied = await umzug.up();
    log.info(
      { applied: applied.map((m) => m.name), dialect: sequelize.getDialect() },
      'openDatabase() | schema up to date',
    );
  } catch (error) {
    await kept?.close();
    await sequelize.close();
    throw error;
  }
  const models = defineModels(sequelize);
  const repositories = (tx?: Transaction): Repositories => ({
    sessions: createSessionRepository(models, tx),
    admissions: createAdmissionRepository(models, tx),
    lobby: createLobbyRepository(models, tx),
    revokedTokens: createRevokedTokenRepository(models, tx),
    rooms: createRoomRepository(models, tx),
    chat: createChatRepository(models, tx),
    outbox: createOutboxRepository(models, tx),
  });
  const transactions = transactionRunner(sequelize);
  let closing: Promise<void> | undefined;
  return {
    kind: sequelize.getDialect() === 'sqlite' ? 'sqlite' : 'mysql',
    sequelize,
    ...repositories(),
    transactions,
    transaction: (work) => transactions.run((tx) => work(repositories(tx))),
    async ping() {
      await sequelize.query('SELECT 1');
    },
    close() {
      closing ??= (async () => {
        await transactions.idle();
        await kept?.close();
        await sequelize.close();
      })();
      return closing;
    },
  };
}
