/**
 * Outbound webhooks: endpoints (from OUTBOUND_WEBHOOKS or the API), the outbox of events (written in the
 * transaction of the change), one delivery per endpoint and event (claimed with a lease, retried with
 * backoff), and the log of every attempt. docs/outbound-webhooks.md.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

const timestamp = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });

export async function up({ context: qi }: Ctx): Promise<void> {
  await qi.createTable('outbound_endpoints', {
    id: { type: DataTypes.STRING(36), primaryKey: true, allowNull: false },
    name: { type: DataTypes.STRING(100), allowNull: false, unique: true },
    url: { type: DataTypes.STRING(2000), allowNull: false },
    secret: { type: DataTypes.STRING(200), allowNull: false },
    events: { type: DataTypes.JSON, allowNull: true },
    origin: { type: DataTypes.STRING(16), allowNull: false },
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    disabled_reason: { type: DataTypes.STRING(64), allowNull: true },
    disabled_at: timestamp(true),
    created_at: timestamp(),
    updated_at: timestamp(),
  });

  await qi.createTable('outbound_events', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    webhook_id: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    type: { type: DataTypes.STRING(64), allowNull: false },
    appointment_id: { type: DataTypes.STRING(36), allowNull: true },
    // MEDIUMTEXT on MySQL (TEXT stops at 64 KB); SQLite's TEXT has no size variants.
    body: {
      type: qi.sequelize.getDialect() === 'sqlite' ? DataTypes.TEXT : DataTypes.TEXT('medium'),
      allowNull: false,
    },
    created_at: timestamp(),
  });
  await qi.addIndex('outbound_events', ['appointment_id'], { name: 'outbound_events_appointment_id' });

  await qi.createTable('outbound_deliveries', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    event_id: { type: DataTypes.INTEGER, allowNull: false },
    endpoint_id: { type: DataTypes.STRING(36), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    next_attempt_at: timestamp(),
    claimed_by: { type: DataTypes.STRING(255), allowNull: true },
    claimed_until: timestamp(true),
    last_status_code: { type: DataTypes.INTEGER, allowNull: true },
    last_error: { type: DataTypes.STRING(300), allowNull: true },
    last_attempt_at: timestamp(true),
    delivered_at: timestamp(true),
    failed_at: timestamp(true),
    created_at: timestamp(),
  });
  await qi.addIndex('outbound_deliveries', ['event_id', 'endpoint_id'], {
    unique: true,
    name: 'outbound_deliveries_event_endpoint',
  });
  await qi.addIndex('outbound_deliveries', ['status', 'next_attempt_at'], { name: 'outbound_deliveries_due' });
  await qi.addIndex('outbound_deliveries', ['claimed_by'], { name: 'outbound_deliveries_claimed_by' });
  await qi.addIndex('outbound_deliveries', ['endpoint_id'], { name: 'outbound_deliveries_endpoint_id' });

  await qi.createTable('outbound_attempts', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    delivery_id: { type: DataTypes.INTEGER, allowNull: false },
    attempt: { type: DataTypes.INTEGER, allowNull: false },
    started_at: timestamp(),
    duration_ms: { type: DataTypes.INTEGER, allowNull: false },
    status_code: { type: DataTypes.INTEGER, allowNull: true },
    error: { type: DataTypes.STRING(300), allowNull: true },
    outcome: { type: DataTypes.STRING(16), allowNull: false },
  });
  await qi.addIndex('outbound_attempts', ['delivery_id'], { name: 'outbound_attempts_delivery_id' });
}

export async function down({ context: qi }: Ctx): Promise<void> {
  for (const table of ['outbound_attempts', 'outbound_deliveries', 'outbound_events', 'outbound_endpoints'])
    await qi.dropTable(table);
}
