/**
 * Short join links (docs/adr/0011): a link id turns back into its token id, and the appointment is found
 * by its current citizen or clerk token id — hence an index on each.
 */
import type { QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

export async function up({ context: qi }: Ctx): Promise<void> {
  await qi.addIndex('appointments', ['citizen_jti'], { name: 'appointments_citizen_jti' });
  await qi.addIndex('appointments', ['clerk_jti'], { name: 'appointments_clerk_jti' });
}

export async function down({ context: qi }: Ctx): Promise<void> {
  await qi.removeIndex('appointments', 'appointments_clerk_jti');
  await qi.removeIndex('appointments', 'appointments_citizen_jti');
}
