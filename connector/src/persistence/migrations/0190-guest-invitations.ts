/**
 * Issue 15: guest invitations (an interpreter or a second person in an appointment's room, docs/adr/0190).
 * The link is never stored, only its token id (`jti`, unique: the short-link resolver finds the invitation
 * by it). `(appointment_id, request_key)` is unique so one client request creates one invitation, whatever
 * runs concurrently.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

export async function up({ context: qi }: Ctx): Promise<void> {
  await qi.createTable('guest_invitations', {
    id: { type: DataTypes.STRING(36), primaryKey: true },
    appointment_id: { type: DataTypes.STRING(36), allowNull: false },
    name: { type: DataTypes.STRING(200), allowNull: false },
    email: { type: DataTypes.STRING(320), allowNull: true },
    jti: { type: DataTypes.STRING(36), allowNull: false },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    request_key: { type: DataTypes.STRING(320), allowNull: true },
    created_by: { type: DataTypes.STRING(160), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    revoked_at: { type: DataTypes.DATE(3), allowNull: true },
  });
  await qi.addIndex('guest_invitations', ['jti'], { name: 'guest_invitations_jti', unique: true });
  await qi.addIndex('guest_invitations', ['appointment_id', 'request_key'], {
    name: 'guest_invitations_request',
    unique: true,
  });
}

export async function down({ context: qi }: Ctx): Promise<void> {
  await qi.dropTable('guest_invitations');
}
