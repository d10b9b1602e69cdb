/**
 * `api_idempotency_keys`: the `Idempotency-Key` of `POST /api/appointments` per API client (a
 * fingerprint of its key), with a hash of the request body and the appointment it created. No
 * links or tokens are stored: a replay renders the appointment's current state.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

export async function up({ context: qi }: Ctx): Promise<void> {
  await qi.createTable(
    'api_idempotency_keys',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      client: { type: DataTypes.STRING(64), allowNull: false },
      idempotency_key: { type: DataTypes.STRING(255), allowNull: false },
      request_hash: { type: DataTypes.STRING(64), allowNull: false },
      appointment_id: { type: DataTypes.STRING(36), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { charset: 'utf8mb4', collate: 'utf8mb4_bin' },
  ); // keys compare exactly on MySQL too
  await qi.addIndex('api_idempotency_keys', ['client', 'idempotency_key'], {
    unique: true,
    name: 'api_idempotency_keys_client_key',
  });
  await qi.addIndex('api_idempotency_keys', ['created_at'], { name: 'api_idempotency_keys_created_at' });
}

export async function down({ context: qi }: Ctx): Promise<void> {
  await qi.dropTable('api_idempotency_keys');
}
