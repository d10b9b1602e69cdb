/**
 * What the video service reported through its event webhooks: every delivery once (webhook id unique,
 * the idempotency record) and per room when it started and ended (so `room.started` / `room.ended` go
 * out once per room).
 */
import { DataTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

const timestamp = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });

export async function up({ context: qi }: Ctx): Promise<void> {
  await qi.createTable('video_room_events', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    webhook_id: { type: DataTypes.STRING(255), allowNull: false, unique: true },
    type: { type: DataTypes.STRING(64), allowNull: false },
    room_id: { type: DataTypes.STRING(64), allowNull: false },
    appointment_id: { type: DataTypes.STRING(36), allowNull: true },
    received_at: timestamp(),
  });
  await qi.addIndex('video_room_events', ['room_id'], { name: 'video_room_events_room_id' });

  await qi.createTable('video_rooms', {
    room_id: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    appointment_id: { type: DataTypes.STRING(36), allowNull: true },
    started_at: timestamp(true),
    ended_at: timestamp(true),
    updated_at: timestamp(),
  });
}

export async function down({ context: qi }: Ctx): Promise<void> {
  for (const table of ['video_rooms', 'video_room_events']) await qi.dropTable(table);
}
