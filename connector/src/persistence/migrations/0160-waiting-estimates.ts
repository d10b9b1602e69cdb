/**
 * Issue 13: the clerk's estimated waiting time last sent to the room's waiting citizen (minutes, when), so the
 * workplace row shows what was sent (docs/adr/0160). On video_rooms: one room, one waiting citizen. A row shows
 * it only while that wait lasts (sent after `waiting_since`).
 */
import { DataTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

export async function up({ context: qi }: Ctx): Promise<void> {
  await qi.addColumn('video_rooms', 'waiting_estimate_minutes', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('video_rooms', 'waiting_estimate_at', { type: DataTypes.DATE(3), allowNull: true });
}

export async function down({ context: qi }: Ctx): Promise<void> {
  await qi.removeColumn('video_rooms', 'waiting_estimate_at');
  await qi.removeColumn('video_rooms', 'waiting_estimate_minutes');
}
