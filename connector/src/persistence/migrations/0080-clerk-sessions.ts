/**
 * The clerk's sign-in (issue 13, docs/adr/0080): `clerk_sessions` holds one row per signed-in browser —
 * only a SHA-256 of the cookie's secret, never the secret or a token of the identity provider;
 * `clerk_login_attempts` holds a sign-in under way (state, nonce, PKCE verifier) until the provider sends
 * the browser back, bound to that browser by the hash of a short-lived cookie.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

export async function up({ context: qi }: Ctx): Promise<void> {
  await qi.createTable(
    'clerk_sessions',
    {
      id: { type: DataTypes.STRING(36), primaryKey: true },
      secret_hash: { type: DataTypes.STRING(64), allowNull: false },
      clerk_id: { type: DataTypes.STRING(200), allowNull: false },
      name: { type: DataTypes.STRING(200), allowNull: false },
      email: { type: DataTypes.STRING(320), allowNull: true },
      desks: { type: DataTypes.TEXT, allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      last_seen_at: { type: DataTypes.DATE(3), allowNull: false },
      expires_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { charset: 'utf8mb4', collate: 'utf8mb4_bin' },
  );
  await qi.addIndex('clerk_sessions', ['secret_hash'], { unique: true, name: 'clerk_sessions_secret_hash' });
  await qi.addIndex('clerk_sessions', ['expires_at'], { name: 'clerk_sessions_expires_at' });
  await qi.createTable(
    'clerk_login_attempts',
    {
      state: { type: DataTypes.STRING(64), primaryKey: true },
      browser_hash: { type: DataTypes.STRING(64), allowNull: false },
      nonce: { type: DataTypes.STRING(64), allowNull: false },
      code_verifier: { type: DataTypes.STRING(128), allowNull: false },
      return_to: { type: DataTypes.STRING(500), allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { charset: 'utf8mb4', collate: 'utf8mb4_bin' },
  );
  await qi.addIndex('clerk_login_attempts', ['created_at'], { name: 'clerk_login_attempts_created_at' });
}

export async function down({ context: qi }: Ctx): Promise<void> {
  await qi.dropTable('clerk_login_attempts');
  await qi.dropTable('clerk_sessions');
}
