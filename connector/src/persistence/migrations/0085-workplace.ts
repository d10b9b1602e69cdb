/**
 * The clerk's workplace (issue 13): what the citizen is doing in the room (waiting since, in the call, left —
 * from the video service's event webhooks, each change guarded by the event's time so a late retry cannot
 * turn the clock back), the network-check result the waiting citizen's page reported, and the claims of
 * "take the next waiting citizen" — one row per appointment, the primary key serialises two clerks taking
 * at once (docs/adr/0085).
 */
import { DataTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

export async function up({ context: qi }: Ctx): Promise<void> {
  await qi.addColumn('video_rooms', 'citizen_state', { type: DataTypes.STRING(16), allowNull: true });
  await qi.addColumn('video_rooms', 'citizen_state_at', { type: DataTypes.DATE(3), allowNull: true });
  await qi.addColumn('video_rooms', 'waiting_since', { type: DataTypes.DATE(3), allowNull: true });
  await qi.addColumn('video_rooms', 'network_check', { type: DataTypes.STRING(16), allowNull: true });
  await qi.addIndex('video_rooms', ['appointment_id'], { name: 'video_rooms_appointment_id' });
  await qi.createTable('workplace_claims', {
    appointment_id: { type: DataTypes.STRING(36), primaryKey: true, allowNull: false },
    desk: { type: DataTypes.STRING(64), allowNull: false },
    clerk_id: { type: DataTypes.STRING(255), allowNull: false },
    claimed_at: { type: DataTypes.DATE(3), allowNull: false },
  });
}

export async function down({ context: qi }: Ctx): Promise<void> {
  await qi.dropTable('workplace_claims');
  await qi.removeIndex('video_rooms', 'video_rooms_appointment_id');
  for (const column of ['network_check', 'waiting_since', 'citizen_state_at', 'citizen_state'])
    await qi.removeColumn('video_rooms', column);
}
