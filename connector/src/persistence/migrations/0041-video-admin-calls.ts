/**
 * The outbox of admin calls to the video service (revoke tokens, close a room): written in the
 * transaction of the reschedule/cancellation, claimed with a lease and retried until the video service
 * confirms or the call has become pointless (`give_up_at`).
 */
import { DataTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

const timestamp = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });

export async function up({ context: qi }: Ctx): Promise<void> {
  await qi.createTable('video_admin_calls', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    kind: { type: DataTypes.STRING(32), allowNull: false },
    appointment_id: { type: DataTypes.STRING(36), allowNull: true },
    payload: { type: DataTypes.JSON, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    next_attempt_at: timestamp(),
    give_up_at: timestamp(),
    claimed_by: { type: DataTypes.STRING(255), allowNull: true },
    claimed_until: timestamp(true),
    last_status_code: { type: DataTypes.INTEGER, allowNull: true },
    last_error: { type: DataTypes.STRING(300), allowNull: true },
    created_at: timestamp(),
    done_at: timestamp(true),
  });
  await qi.addIndex('video_admin_calls', ['status', 'next_attempt_at'], { name: 'video_admin_calls_due' });
  await qi.addIndex('video_admin_calls', ['claimed_by'], { name: 'video_admin_calls_claimed_by' });
  await qi.addIndex('video_admin_calls', ['appointment_id'], { name: 'video_admin_calls_appointment_id' });
}

export async function down({ context: qi }: Ctx): Promise<void> {
  await qi.dropTable('video_admin_calls');
}
