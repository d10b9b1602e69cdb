/**
 * `appointments.clerk_id`: the clerk's id (from the booking data) as its own indexed column, so the
 * REST list (`?clerk=`) and the clerk calendar feed find a clerk's appointments without reading JSON.
 * Existing rows are filled from the `clerk` JSON.
 */
import { DataTypes, QueryTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

export async function up({ context: qi }: Ctx): Promise<void> {
  await qi.addColumn('appointments', 'clerk_id', { type: DataTypes.STRING(128), allowNull: true });
  // Ids compare exactly (as on SQLite), not case-insensitively as MariaDB's default collation would.
  if (qi.sequelize.getDialect() === 'mysql') {
    await qi.sequelize.query(
      'ALTER TABLE appointments MODIFY clerk_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL',
    );
  }
  await qi.addIndex('appointments', ['clerk_id', 'start_at'], { name: 'appointments_clerk_id_start_at' });
  const rows = await qi.sequelize.query<{ id: string; clerk: unknown }>(
    'SELECT id, clerk FROM appointments WHERE clerk IS NOT NULL',
    { type: QueryTypes.SELECT },
  );
  for (const row of rows) {
    const clerk = (typeof row.clerk === 'string' ? JSON.parse(row.clerk) : row.clerk) as { id?: unknown } | null;
    if (clerk && typeof clerk.id === 'string') {
      await qi.bulkUpdate('appointments', { clerk_id: clerk.id }, { id: row.id });
    }
  }
}

export async function down({ context: qi }: Ctx): Promise<void> {
  await qi.removeIndex('appointments', 'appointments_clerk_id_start_at');
  await qi.removeColumn('appointments', 'clerk_id');
}
