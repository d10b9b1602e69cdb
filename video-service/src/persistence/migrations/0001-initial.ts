/**
 * Initial schema: sessions, admissions, the persisted lobby and revoked token ids.
 * Times are DATETIME(3) in UTC (sequelize's default time zone for MySQL is +00:00).
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0001-initial';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('sessions', {
    /** SHA-256 (hex) of the opaque session token; the token itself is never stored. */
    id: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    room: { type: DataTypes.STRING(64), allowNull: false },
    participant_id: { type: DataTypes.STRING(128), allowNull: false },
    role: { type: DataTypes.STRING(16), allowNull: false },
    name: { type: DataTypes.STRING(200), allowNull: false },
    appointment: { type: DataTypes.TEXT, allowNull: false },
    token_jti: { type: DataTypes.STRING(128), allowNull: false },
    token_exp: { type: DataTypes.DATE(3), allowNull: false },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('sessions', ['expires_at'], { name: 'sessions_expires_at' });
  await qi.addIndex('sessions', ['token_jti'], { name: 'sessions_token_jti' });

  await qi.createTable('admissions', {
    room: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    participant_id: { type: DataTypes.STRING(128), primaryKey: true, allowNull: false },
    admitted_at: { type: DataTypes.DATE(3), allowNull: false },
    admitted_by: { type: DataTypes.STRING(128), allowNull: false },
  });

  await qi.createTable('lobby', {
    room: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    participant_id: { type: DataTypes.STRING(128), primaryKey: true, allowNull: false },
    waiting_since: { type: DataTypes.DATE(3), allowNull: false },
  });

  await qi.createTable('revoked_tokens', {
    jti: { type: DataTypes.STRING(128), primaryKey: true, allowNull: false },
    revoked_at: { type: DataTypes.DATE(3), allowNull: false },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of ['revoked_tokens', 'lobby', 'admissions', 'sessions']) await qi.dropTable(table);
}
