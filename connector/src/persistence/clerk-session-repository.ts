/**
 * `clerk_sessions` and `clerk_login_attempts` (migration 0080) behind the sign-in's ports
 * (clerk/session/ports.ts). The models live here because nothing else uses them.
 */
import { DataTypes, Op, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { ClerkSessionRecord, ClerkSessionStore, LoginAttempt, LoginAttemptStore } from '../clerk/session/ports.ts';

interface SessionRow {
  id: string;
  secretHash: string;
  clerkId: string;
  name: string;
  email: string | null;
  desks: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** The part of Database the repositories need (exclusive: SQLite's one-writer rule, see database.ts). */
export interface SessionDatabase {
  sequelize: Sequelize;
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

const options = (tableName: string) => ({ tableName, underscored: true, timestamps: false });

function defineModels(sequelize: Sequelize) {
  const Session =
    (sequelize.models.ClerkSession as ModelStatic<Model<SessionRow>> | undefined) ??
    sequelize.define<Model<SessionRow>>(
      'ClerkSession',
      {
        id: { type: DataTypes.STRING(36), primaryKey: true },
        secretHash: DataTypes.STRING(64),
        clerkId: DataTypes.STRING(200),
        name: DataTypes.STRING(200),
        email: DataTypes.STRING(320),
        desks: DataTypes.TEXT,
        createdAt: DataTypes.DATE(3),
        lastSeenAt: DataTypes.DATE(3),
        expiresAt: DataTypes.DATE(3),
      },
      options('clerk_sessions'),
    );
  const Attempt =
    (sequelize.models.ClerkLoginAttempt as ModelStatic<Model<LoginAttempt>> | undefined) ??
    sequelize.define<Model<LoginAttempt>>(
      'ClerkLoginAttempt',
      {
        state: { type: DataTypes.STRING(64), primaryKey: true },
        browserHash: DataTypes.STRING(64),
        nonce: DataTypes.STRING(64),
        codeVerifier: DataTypes.STRING(128),
        returnTo: DataTypes.STRING(500),
        createdAt: DataTypes.DATE(3),
      },
      options('clerk_login_attempts'),
    );
  return { Session, Attempt };
}

function toRecord(row: SessionRow): ClerkSessionRecord {
  return {
    id: row.id,
    clerkId: row.clerkId,
    name: row.name,
    email: row.email,
    desks: JSON.parse(row.desks) as string[],
    createdAt: new Date(row.createdAt),
    lastSeenAt: new Date(row.lastSeenAt),
    expiresAt: new Date(row.expiresAt),
  };
}

export function clerkSessionRepository(db: SessionDatabase): ClerkSessionStore {
  const { Session } = defineModels(db.sequelize);
  return {
    async create(session) {
      await db.exclusive(() => Session.create({ ...session, desks: JSON.stringify(session.desks) }));
    },
    async findBySecretHash(secretHash) {
      const row = await db.exclusive(() => Session.findOne({ where: { secretHash }, raw: true }));
      return row ? toRecord(row as unknown as SessionRow) : null;
    },
    async touch(id, at) {
      await db.exclusive(() => Session.update({ lastSeenAt: at }, { where: { id, lastSeenAt: { [Op.lt]: at } } }));
    },
    async delete(id) {
      await db.exclusive(() => Session.destroy({ where: { id } }));
    },
    async deleteStale(now, idleSince) {
      await db.exclusive(() =>
        Session.destroy({
          where: { [Op.or]: [{ expiresAt: { [Op.lte]: now } }, { lastSeenAt: { [Op.lt]: idleSince } }] },
        }),
      );
    },
  };
}

export function loginAttemptRepository(db: SessionDatabase): LoginAttemptStore {
  const { Attempt } = defineModels(db.sequelize);
  return {
    async save(attempt) {
      await db.exclusive(() => Attempt.create(attempt));
    },
    async take(state, browserHash) {
      return db.exclusive(async () => {
        const row = await Attempt.findOne({ where: { state, browserHash }, raw: true });
        if (!row) return null;
        // The delete decides: of two callbacks racing with one state, only one removes the row.
        const removed = await Attempt.destroy({ where: { state, browserHash } });
        if (removed !== 1) return null;
        const attempt = row as unknown as LoginAttempt;
        return { ...attempt, createdAt: new Date(attempt.createdAt) };
      });
    },
    async deleteOlderThan(before) {
      await db.exclusive(() => Attempt.destroy({ where: { createdAt: { [Op.lt]: before } } }));
    },
  };
}
