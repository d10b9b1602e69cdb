/**
 * Retention (docs/operations.md, "Retention"): an index to find appointments whose retention ended, the
 * anonymous statistics kept after their deletion, and a record of every housekeeping run.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

export async function up({ context: qi }: Ctx): Promise<void> {
  await qi.addIndex('appointments', ['end_at'], { name: 'appointments_end_at' });
  await qi.addIndex('outbound_events', ['created_at'], { name: 'outbound_events_created_at' });
  await qi.addIndex('video_room_events', ['received_at'], { name: 'video_room_events_received_at' });
  await qi.createTable('appointment_statistics', {
    // Month of the appointment's start (UTC), e.g. 2026-11.
    period: { type: DataTypes.STRING(7), primaryKey: true, allowNull: false },
    source: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    status: { type: DataTypes.STRING(16), primaryKey: true, allowNull: false },
    appointments: { type: DataTypes.INTEGER, allowNull: false },
    minutes: { type: DataTypes.INTEGER, allowNull: false },
  });
  await qi.createTable('housekeeping_runs', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    ran_at: { type: DataTypes.DATE(3), allowNull: false },
    appointments_deleted: { type: DataTypes.INTEGER, allowNull: false },
    rows_deleted: { type: DataTypes.INTEGER, allowNull: false },
  });
}

export async function down({ context: qi }: Ctx): Promise<void> {
  await qi.dropTable('housekeeping_runs');
  await qi.dropTable('appointment_statistics');
  await qi.removeIndex('video_room_events', 'video_room_events_received_at');
  await qi.removeIndex('outbound_events', 'outbound_events_created_at');
  await qi.removeIndex('appointments', 'appointments_end_at');
}
