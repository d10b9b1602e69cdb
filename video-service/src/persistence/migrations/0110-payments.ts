/**
 * Payments (issue 12): one row per payment of a case, the clerk's fee adjustments, the provider webhook
 * events already handled (deduplication) and the sandbox provider's transactions. `open_slot` holds the
 * room while a payment is open or pending and NULL afterwards; its unique index is what makes "one open
 * payment per case" hold across processes. Times are DATETIME(3) in UTC.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0110-payments';

const time = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });
const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('case_payments', {
    id: { type: DataTypes.STRING(36), primaryKey: true, allowNull: false },
    room: str(64),
    open_slot: str(64, true),
    state: str(16),
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    amount_cents: { type: DataTypes.INTEGER, allowNull: false },
    currency: str(3),
    items_json: { type: DataTypes.TEXT, allowNull: false },
    method: str(16, true),
    request_id: str(36),
    provider_ref: str(128, true),
    pay_url: { type: DataTypes.TEXT, allowNull: true },
    kassenzeichen: str(64, true),
    paid_with: str(32, true),
    status_detail: str(250, true),
    start_lease_until: time(true),
    created_at: time(),
    created_by: str(128, true),
    updated_at: time(),
    started_at: time(true),
    final_at: time(true),
    expires_at: time(true),
    next_check_at: time(true),
    check_attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    claimed_by: str(64, true),
    claimed_until: time(true),
    document_storage: str(80, true),
    document_sha256: str(64, true),
    announced: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
  });
  await qi.addIndex('case_payments', ['open_slot'], { name: 'case_payments_one_open', unique: true });
  await qi.addIndex('case_payments', ['room'], { name: 'case_payments_room' });
  await qi.addIndex('case_payments', ['state', 'next_check_at'], { name: 'case_payments_due' });
  await qi.addIndex('case_payments', ['provider_ref'], { name: 'case_payments_provider_ref' });

  await qi.createTable('case_fee_adjustments', {
    room: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    service: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    kind: str(8),
    amount_cents: { type: DataTypes.INTEGER, allowNull: false },
    reason: str(200),
    adjusted_by: str(128),
    adjusted_at: time(),
  });

  await qi.createTable('payment_webhook_events', {
    provider: { type: DataTypes.STRING(16), primaryKey: true, allowNull: false },
    event_id: { type: DataTypes.STRING(128), primaryKey: true, allowNull: false },
    received_at: time(),
  });

  await qi.createTable('payment_sandbox_transactions', {
    id: { type: DataTypes.STRING(36), primaryKey: true, allowNull: false },
    request_id: { type: DataTypes.STRING(36), allowNull: false, unique: true },
    amount_cents: { type: DataTypes.INTEGER, allowNull: false },
    purpose: str(27),
    status: str(16),
    created_at: time(),
    updated_at: time(),
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of [
    'payment_sandbox_transactions',
    'payment_webhook_events',
    'case_fee_adjustments',
    'case_payments',
  ])
    await qi.dropTable(table);
}
