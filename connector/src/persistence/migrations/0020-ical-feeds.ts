/**
 * iCal feeds: `feed_state` (per feed: conditional-GET validators, hash of the last reconciled body,
 * schedule, and the claim that lets one connector process poll it at a time) and `feed_instances`
 * (which appointment each feed instance became, and the feed's SEQUENCE acted on).
 */
import { DataTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

const timestamp = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });

export async function up({ context: qi }: Ctx): Promise<void> {
  await qi.createTable('feed_state', {
    feed: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    etag: { type: DataTypes.STRING(500), allowNull: true },
    last_modified: { type: DataTypes.STRING(100), allowNull: true },
    content_hash: { type: DataTypes.STRING(64), allowNull: true },
    reconciled_at: timestamp(true),
    next_poll_at: timestamp(),
    last_polled_at: timestamp(true),
    last_status: { type: DataTypes.STRING(16), allowNull: true },
    last_error: { type: DataTypes.STRING(100), allowNull: true },
    claimed_by: { type: DataTypes.STRING(255), allowNull: true },
    claimed_until: timestamp(true),
    updated_at: timestamp(),
  });

  await qi.createTable('feed_instances', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    feed: { type: DataTypes.STRING(64), allowNull: false },
    external_id: { type: DataTypes.STRING(255), allowNull: false },
    uid: { type: DataTypes.STRING(255), allowNull: false },
    appointment_id: { type: DataTypes.STRING(36), allowNull: false },
    sequence: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    updated_at: timestamp(),
  });
  await qi.addIndex('feed_instances', ['feed', 'external_id'], {
    unique: true,
    name: 'feed_instances_feed_external_id',
  });
  await qi.addIndex('feed_instances', ['appointment_id'], { name: 'feed_instances_appointment_id' });
}

export async function down({ context: qi }: Ctx): Promise<void> {
  await qi.dropTable('feed_instances');
  await qi.dropTable('feed_state');
}
