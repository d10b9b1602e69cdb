/**
 * Issue 13: a clerk's estimated waiting time for one waiting participant (docs/adr/0160). Kept on the lobby
 * row itself, so it lives exactly as long as that wait: a reload keeps it, admission or leaving removes it
 * together with the row. NULL: no estimate sent.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0160-waiting-estimates';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('lobby', 'estimate_minutes', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('lobby', 'estimate_at', { type: DataTypes.DATE(3), allowNull: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('lobby', 'estimate_at');
  await qi.removeColumn('lobby', 'estimate_minutes');
}
