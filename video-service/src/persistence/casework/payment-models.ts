/** sequelize models over the payment tables (migrations/0110-payments.ts), defined once per connection. */
import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export interface PaymentRow {
  id: string;
  room: string;
  open_slot: string | null;
  state: string;
  version: number;
  amount_cents: number;
  currency: string;
  items_json: string;
  method: string | null;
  request_id: string;
  provider_ref: string | null;
  pay_url: string | null;
  kassenzeichen: string | null;
  paid_with: string | null;
  status_detail: string | null;
  start_lease_until: Date | null;
  created_at: Date;
  created_by: string | null;
  updated_at: Date;
  started_at: Date | null;
  final_at: Date | null;
  expires_at: Date | null;
  next_check_at: Date | null;
  check_attempts: number;
  claimed_by: string | null;
  claimed_until: Date | null;
  document_storage: string | null;
  document_sha256: string | null;
  announced: boolean;
}
export interface AdjustmentRow {
  room: string;
  service: string;
  kind: string;
  amount_cents: number;
  reason: string;
  adjusted_by: string;
  adjusted_at: Date;
}
export interface WebhookEventRow {
  provider: string;
  event_id: string;
  received_at: Date;
}
export interface SandboxRow {
  id: string;
  request_id: string;
  amount_cents: number;
  purpose: string;
  status: string;
  created_at: Date;
  updated_at: Date;
}

type M<Row extends object> = ModelStatic<Model<Row, Row>>;
export interface PaymentModels {
  Payment: M<PaymentRow>;
  Adjustment: M<AdjustmentRow>;
  WebhookEvent: M<WebhookEventRow>;
  Sandbox: M<SandboxRow>;
}

const defined = new WeakMap<Sequelize, PaymentModels>();
const common = { timestamps: false, freezeTableName: true } as const;
const S = (n: number) => DataTypes.STRING(n);
const T = DataTypes.DATE(3);

export function definePaymentModels(sequelize: Sequelize): PaymentModels {
  const known = defined.get(sequelize);
  if (known) return known;
  const models: PaymentModels = {
    Payment: sequelize.define(
      'case_payments',
      {
        id: { type: S(36), primaryKey: true },
        room: S(64),
        open_slot: S(64),
        state: S(16),
        version: DataTypes.INTEGER,
        amount_cents: DataTypes.INTEGER,
        currency: S(3),
        items_json: DataTypes.TEXT,
        method: S(16),
        request_id: S(36),
        provider_ref: S(128),
        pay_url: DataTypes.TEXT,
        kassenzeichen: S(64),
        paid_with: S(32),
        status_detail: S(250),
        start_lease_until: T,
        created_at: T,
        created_by: S(128),
        updated_at: T,
        started_at: T,
        final_at: T,
        expires_at: T,
        next_check_at: T,
        check_attempts: DataTypes.INTEGER,
        claimed_by: S(64),
        claimed_until: T,
        document_storage: S(80),
        document_sha256: S(64),
        announced: DataTypes.BOOLEAN,
      },
      common,
    ),
    Adjustment: sequelize.define(
      'case_fee_adjustments',
      {
        room: { type: S(64), primaryKey: true },
        service: { type: S(64), primaryKey: true },
        kind: S(8),
        amount_cents: DataTypes.INTEGER,
        reason: S(200),
        adjusted_by: S(128),
        adjusted_at: T,
      },
      common,
    ),
    WebhookEvent: sequelize.define(
      'payment_webhook_events',
      { provider: { type: S(16), primaryKey: true }, event_id: { type: S(128), primaryKey: true }, received_at: T },
      common,
    ),
    Sandbox: sequelize.define(
      'payment_sandbox_transactions',
      {
        id: { type: S(36), primaryKey: true },
        request_id: S(36),
        amount_cents: DataTypes.INTEGER,
        purpose: S(27),
        status: S(16),
        created_at: T,
        updated_at: T,
      },
      common,
    ),
  };
  defined.set(sequelize, models);
  return models;
}
