/**
 * `clerk_calendar_links`: one secret calendar-feed URL per clerk (`/calendar/clerks/<secret>.ics`).
 * Only the SHA-256 of the secret is stored; creating a new link replaces (rotates) the old one.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

export async function up({ context: qi }: Ctx): Promise<void> {
  await qi.createTable(
    'clerk_calendar_links',
    {
      clerk_id: { type: DataTypes.STRING(128), primaryKey: true, allowNull: false },
      secret_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { charset: 'utf8mb4', collate: 'utf8mb4_bin' },
  ); // ids compare exactly on MySQL too
}

export async function down({ context: qi }: Ctx): Promise<void> {
  await qi.dropTable('clerk_calendar_links');
}
