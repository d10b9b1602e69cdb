/**
 * First schema: appointments, inbound deliveries (idempotency), the mail outbox, revoked link ids.
 * Times are UTC DATETIME(3); JSON columns hold structured booking data.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

const timestamp = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });

export async function up({ context: qi }: Ctx): Promise<void> {
  await qi.createTable('appointments', {
    id: { type: DataTypes.STRING(36), primaryKey: true, allowNull: false },
    source: { type: DataTypes.STRING(64), allowNull: false },
    external_id: { type: DataTypes.STRING(255), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    title: { type: DataTypes.STRING(300), allowNull: false },
    start_at: timestamp(),
    end_at: timestamp(),
    timezone: { type: DataTypes.STRING(64), allowNull: false },
    services: { type: DataTypes.JSON, allowNull: false },
    citizen: { type: DataTypes.JSON, allowNull: false },
    clerk: { type: DataTypes.JSON, allowNull: true },
    notes: { type: DataTypes.TEXT, allowNull: true },
    room_id: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    sequence: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    citizen_jti: { type: DataTypes.STRING(64), allowNull: false },
    clerk_jti: { type: DataTypes.STRING(64), allowNull: false },
    cancel_jti: { type: DataTypes.STRING(64), allowNull: false },
    ics_key_hash: { type: DataTypes.STRING(64), allowNull: false },
    created_at: timestamp(),
    updated_at: timestamp(),
  });
  await qi.addIndex('appointments', ['source', 'external_id'], {
    unique: true,
    name: 'appointments_source_external_id',
  });
  await qi.addIndex('appointments', ['start_at'], { name: 'appointments_start_at' });

  await qi.createTable('inbound_events', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    source: { type: DataTypes.STRING(64), allowNull: false },
    delivery_id: { type: DataTypes.STRING(255), allowNull: false },
    answer: { type: DataTypes.JSON, allowNull: true },
    received_at: timestamp(),
    completed_at: timestamp(true),
  });
  await qi.addIndex('inbound_events', ['source', 'delivery_id'], {
    unique: true,
    name: 'inbound_events_source_delivery_id',
  });
  await qi.addIndex('inbound_events', ['received_at'], { name: 'inbound_events_received_at' });

  await qi.createTable('mail_outbox', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    appointment_id: { type: DataTypes.STRING(36), allowNull: true },
    kind: { type: DataTypes.STRING(32), allowNull: false },
    mail: { type: DataTypes.JSON, allowNull: true },
    status: { type: DataTypes.STRING(16), allowNull: false },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    next_attempt_at: timestamp(),
    claimed_by: { type: DataTypes.STRING(255), allowNull: true },
    claimed_until: timestamp(true),
    last_error: { type: DataTypes.STRING(500), allowNull: true },
    created_at: timestamp(),
    sent_at: timestamp(true),
  });
  await qi.addIndex('mail_outbox', ['status', 'next_attempt_at'], { name: 'mail_outbox_due' });
  await qi.addIndex('mail_outbox', ['claimed_by'], { name: 'mail_outbox_claimed_by' });
  await qi.addIndex('mail_outbox', ['appointment_id'], { name: 'mail_outbox_appointment_id' });

  await qi.createTable('link_revocations', {
    jti: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    appointment_id: { type: DataTypes.STRING(36), allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    reason: { type: DataTypes.STRING(16), allowNull: false },
    revoked_at: timestamp(),
    expires_at: timestamp(),
  });
  await qi.addIndex('link_revocations', ['appointment_id'], { name: 'link_revocations_appointment_id' });
}

export async function down({ context: qi }: Ctx): Promise<void> {
  for (const table of ['link_revocations', 'mail_outbox', 'inbound_events', 'appointments']) await qi.dropTable(table);
}
