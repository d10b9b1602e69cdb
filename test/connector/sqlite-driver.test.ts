import { expect } from 'chai';
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataTypes, Sequelize, UniqueConstraintError } from 'sequelize';
import { createLogger } from '../../connector/src/log.ts';
import { Database } from '../../connector/src/persistence/database.ts';
import { sqlRunner, UniqueViolation } from '../../connector/src/persistence/raw-sql.ts';
import { nodeSqliteDriver } from '../../connector/src/persistence/sqlite-driver.ts';
import { startCheckpointer } from '../../connector/src/persistence/sqlite-checkpointer.ts';

describe('SQLite on node:sqlite (connector/src/persistence/sqlite-driver.ts, ADR 0007)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'va-sqlite-driver-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves sequelize: models, $n bind parameters, booleans, JSON, unique violations as UniqueConstraintError', async () => {
    const sequelize = new Sequelize({
      dialect: 'sqlite',
      storage: path.join(dir, 'a.sqlite'),
      logging: false,
      dialectModule: nodeSqliteDriver,
    });
    try {
      const Thing = sequelize.define(
        'Thing',
        {
          id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
          name: { type: DataTypes.STRING, unique: true },
          on: DataTypes.BOOLEAN,
          data: DataTypes.JSON,
        },
        { timestamps: false },
      );
      await Thing.sync();
      const created = await Thing.bulkCreate([
        { name: 'a', on: true, data: { x: 1 } },
        { name: 'b', on: false, data: null },
      ]);
      expect(created.map((t) => t.get('id'))).to.deep.equal([1, 2]);
      const a = await Thing.findOne({ where: { name: 'a', on: true } });
      expect(a?.get({ plain: true })).to.deep.equal({ id: 1, name: 'a', on: true, data: { x: 1 } });
      const error = await Thing.create({ name: 'a' }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(UniqueConstraintError);
      expect((error as UniqueConstraintError).fields).to.deep.equal(['name']);
      await sequelize.transaction(async (t) => {
        await Thing.update({ on: true }, { where: { name: 'b' }, transaction: t });
      });
      expect(await Thing.count({ where: { on: true } })).to.equal(2);
      // The layout cached for SELECTs follows a schema change.
      await sequelize.getQueryInterface().addColumn('Things', 'extra', { type: DataTypes.STRING });
      const [rows] = await sequelize.query('SELECT * FROM `Things` WHERE `id` = $1', { bind: [2] });
      expect(rows).to.deep.equal([{ id: 2, name: 'b', on: 1, data: null, extra: null }]);
    } finally {
      await sequelize.close();
    }
  });

  it('gives raw SQL the transaction it runs in: a rollback takes its rows back; a duplicate is a UniqueViolation', async () => {
    const db = await Database.open(`sqlite:${path.join(dir, 'b.sqlite')}`, createLogger('silent'));
    try {
      const insert = 'INSERT INTO `inbound_events` (`source`, `delivery_id`, `received_at`) VALUES (?, ?, ?)';
      await db.transaction(async (t) => sqlRunner(db, t).run(insert, ['s', 'd1', '2026-11-21 10:00:00.000 +00:00']));
      const failed = await db
        .transaction(async (t) => {
          await sqlRunner(db, t).run(insert, ['s', 'd2', '2026-11-21 10:00:00.000 +00:00']);
          await sqlRunner(db, t).run(insert, ['s', 'd1', '2026-11-21 10:00:00.000 +00:00']);
        })
        .catch((e: unknown) => e);
      expect(failed).to.be.instanceOf(UniqueViolation);
      const rows = await sqlRunner(db).all<{ delivery_id: string }>(
        'SELECT `delivery_id` FROM `inbound_events` ORDER BY `id`',
        [],
      );
      expect(rows.map((r) => r.delivery_id)).to.deep.equal(['d1']);
    } finally {
      await db.close();
    }
  });

  it('reports a checkpoint thread that cannot run, so the caller can fall back to automatic checkpoints', async () => {
    const failure = await new Promise<Error>((resolve) => {
      const checkpointer = startCheckpointer(path.join(dir, 'missing-directory', 'x.sqlite'), (err) => {
        resolve(err);
        void checkpointer.stop();
      });
    });
    expect(failure).to.be.instanceOf(Error);
  });

  it('moves the write-ahead log into the database file from its worker thread (no checkpoint inside COMMIT)', async () => {
    const file = path.join(dir, 'c.sqlite');
    const db = await Database.open(`sqlite:${file}`, createLogger('silent'));
    try {
      const sizeBefore = statSync(file).size;
      const insert =
        'INSERT INTO `inbound_events` (`source`, `delivery_id`, `received_at`, `answer`) VALUES (?, ?, ?, ?)';
      const answer = JSON.stringify({ padding: 'x'.repeat(2000) });
      await db.transaction(async (t) => {
        const sql = sqlRunner(db, t);
        for (let i = 0; i < 2500; i++) await sql.run(insert, ['s', `d${i}`, '2026-11-21 10:00:00.000 +00:00', answer]);
      });
      // ~5 MB (over SQLite's automatic threshold of 1000 pages) written to the WAL; the file itself grows only
      // when a checkpoint copies the pages over.
      expect(statSync(file).size, 'no automatic checkpoint in the commit').to.equal(sizeBefore);
      const deadline = Date.now() + 5000;
      while (statSync(file).size < sizeBefore + 4_000_000 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(statSync(file).size).to.be.at.least(sizeBefore + 4_000_000);
    } finally {
      await db.close();
    }
  });
});
