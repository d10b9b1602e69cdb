/**
 * sequelize models of the iCal feeds' tables (migration 0020): `feed_state` (one row per configured
 * feed: validators, content hash, schedule, claim) and `feed_instances` (feed instance → appointment,
 * with the SEQUENCE acted on). Defined on first use per sequelize instance (like outbound-models.ts);
 * only the feed repositories use them.
 */
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

export interface FeedStateRow {
  feed: string;
  etag: string | null;
  lastModified: string | null;
  contentHash: string | null;
  reconciledAt: Date | null;
  nextPollAt: Date;
  lastPolledAt: Date | null;
  lastStatus: string | null;
  lastError: string | null;
  claimedBy: string | null;
  claimedUntil: Date | null;
  updatedAt: Date;
}

export interface FeedInstanceRow {
  id: number;
  feed: string;
  externalId: string;
  uid: string;
  appointmentId: string;
  sequence: number;
  updatedAt: Date;
}

type NullableFeedState =
  | 'etag'
  | 'lastModified'
  | 'contentHash'
  | 'reconciledAt'
  | 'lastPolledAt'
  | 'lastStatus'
  | 'lastError'
  | 'claimedBy'
  | 'claimedUntil';

export interface FeedModels {
  FeedState: ModelStatic<Model<FeedStateRow, Optional<FeedStateRow, NullableFeedState>>>;
  FeedInstance: ModelStatic<Model<FeedInstanceRow, Optional<FeedInstanceRow, 'id'>>>;
}

const date = (allowNull: boolean) => ({ type: DataTypes.DATE(3), allowNull });
const options = (tableName: string) => ({ tableName, underscored: true, timestamps: false });

const defined = new WeakMap<Sequelize, FeedModels>();

/** The feed models of `sequelize` (defined on first use). */
export function feedModels(sequelize: Sequelize): FeedModels {
  let models = defined.get(sequelize);
  if (!models) {
    models = defineFeedModels(sequelize);
    defined.set(sequelize, models);
  }
  return models;
}

function defineFeedModels(sequelize: Sequelize): FeedModels {
  const FeedState = sequelize.define<Model<FeedStateRow, Optional<FeedStateRow, NullableFeedState>>>(
    'FeedState',
    {
      feed: { type: DataTypes.STRING(64), primaryKey: true },
      etag: DataTypes.STRING(500),
      lastModified: DataTypes.STRING(100),
      contentHash: DataTypes.STRING(64),
      reconciledAt: date(true),
      nextPollAt: date(false),
      lastPolledAt: date(true),
      lastStatus: DataTypes.STRING(16),
      lastError: DataTypes.STRING(100),
      claimedBy: DataTypes.STRING(255),
      claimedUntil: date(true),
      updatedAt: date(false),
    },
    options('feed_state'),
  );
  const FeedInstance = sequelize.define<Model<FeedInstanceRow, Optional<FeedInstanceRow, 'id'>>>(
    'FeedInstance',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      feed: DataTypes.STRING(64),
      externalId: DataTypes.STRING(255),
      uid: DataTypes.STRING(255),
      appointmentId: DataTypes.STRING(36),
      sequence: DataTypes.INTEGER,
      updatedAt: date(false),
    },
    options('feed_instances'),
  );
  return { FeedState, FeedInstance };
}
