/**
 * Payments of cases, fee adjustments, handled webhook events and the sandbox provider's transactions
 * (migrations/0110-payments.ts). Every state change is a compare-and-set on `version`, and "one open payment
 * per case" is the unique `open_slot`, so several processes on one MariaDB cannot double a payment.
 */
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import type { FeeLine, PaymentMethod, PaymentState } from '../../contract/payments.ts';
import type {
  AdjustmentRecord,
  PaymentChanges,
  PaymentRecord,
  PaymentRepository,
  SandboxTransaction,
} from '../../casework/store/payments.ts';
import { definePaymentModels, type PaymentModels, type PaymentRow, type SandboxRow } from './payment-models.ts';
import type { Sequelize } from 'sequelize';

function toRecord(r: PaymentRow): PaymentRecord {
  const d = (v: Date | null) => (v ? new Date(v) : null);
  return {
    id: r.id,
    room: r.room,
    state: r.state as PaymentState,
    version: r.version,
    amountCents: r.amount_cents,
    currency: 'EUR',
    items: JSON.parse(r.items_json) as FeeLine[],
    method: r.method as PaymentMethod | null,
    requestId: r.request_id,
    providerRef: r.provider_ref,
    payUrl: r.pay_url,
    kassenzeichen: r.kassenzeichen,
    paidWith: r.paid_with,
    statusDetail: r.status_detail,
    startLeaseUntil: d(r.start_lease_until),
    createdAt: new Date(r.created_at),
    createdBy: r.created_by,
    updatedAt: new Date(r.updated_at),
    startedAt: d(r.started_at),
    finalAt: d(r.final_at),
    expiresAt: d(r.expires_at),
    nextCheckAt: d(r.next_check_at),
    checkAttempts: r.check_attempts,
    documentStorage: r.document_storage,
    documentSha256: r.document_sha256,
    announced: Boolean(r.announced),
  };
}

const COLUMNS: Record<keyof PaymentChanges, keyof PaymentRow> = {
  state: 'state',
  amountCents: 'amount_cents',
  currency: 'currency',
  items: 'items_json',
  method: 'method',
  providerRef: 'provider_ref',
  payUrl: 'pay_url',
  kassenzeichen: 'kassenzeichen',
  paidWith: 'paid_with',
  statusDetail: 'status_detail',
  startLeaseUntil: 'start_lease_until',
  createdBy: 'created_by',
  updatedAt: 'updated_at',
  startedAt: 'started_at',
  finalAt: 'final_at',
  expiresAt: 'expires_at',
  nextCheckAt: 'next_check_at',
  checkAttempts: 'check_attempts',
  documentStorage: 'document_storage',
  documentSha256: 'document_sha256',
  announced: 'announced',
};

function toColumns(changes: PaymentChanges): Partial<PaymentRow> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    const column = COLUMNS[key as keyof PaymentChanges];
    if (!column) continue;
    out[column] =
      key === 'items'
        ? JSON.stringify(value)
        : key === 'statusDetail' && typeof value === 'string'
          ? value.slice(0, 250)
          : value;
  }
  // Leaving the open/pending states frees the case's slot for a new payment.
  if (changes.state !== undefined)
    out.open_slot = changes.state === 'open' || changes.state === 'pending' ? undefined : null;
  if (out.open_slot === undefined) delete out.open_slot;
  return out as Partial<PaymentRow>;
}

const FINAL = ['paid', 'failed', 'cancelled', 'expired', 'invoiced'];

export function createPaymentRepository(sequelize: Sequelize, transaction?: Transaction): PaymentRepository {
  const { Payment, Adjustment, WebhookEvent, Sandbox }: PaymentModels = definePaymentModels(sequelize);
  const tx = { transaction };
  const plain = <T>(row: { get(o: { plain: true }): unknown } | null): T | null =>
    row ? (row.get({ plain: true }) as T) : null;
  const sandbox = (
    r: { id: string; request_id: string; amount_cents: number; purpose: string; status: string } | null,
  ): SandboxTransaction | null =>
    r
      ? {
          id: r.id,
          requestId: r.request_id,
          amountCents: r.amount_cents,
          purpose: r.purpose,
          status: r.status as SandboxTransaction['status'],
        }
      : null;
  const repo: PaymentRepository = {
    async get(id) {
      const row = plain<PaymentRow>(await Payment.findByPk(id, tx));
      return row ? toRecord(row) : null;
    },
    async openOf(room) {
      const row = plain<PaymentRow>(await Payment.findOne({ where: { open_slot: room }, ...tx }));
      return row ? toRecord(row) : null;
    },
    async listByRoom(room) {
      const rows = await Payment.findAll({
        where: { room },
        order: [
          ['created_at', 'DESC'],
          ['id', 'ASC'],
        ],
        ...tx,
      });
      return rows.map((r) => toRecord(r.get({ plain: true })));
    },
    async byProviderRef(method, ref) {
      const row = plain<PaymentRow>(await Payment.findOne({ where: { method, provider_ref: ref }, ...tx }));
      return row ? toRecord(row) : null;
    },
    async insertOpen(p) {
      try {
        await Payment.create(
          {
            id: p.id,
            room: p.room,
            open_slot: p.room,
            state: 'open',
            version: 0,
            amount_cents: p.amountCents,
            currency: p.currency,
            items_json: JSON.stringify(p.items),
            method: null,
            request_id: p.requestId,
            provider_ref: null,
            pay_url: null,
            kassenzeichen: null,
            paid_with: null,
            status_detail: null,
            start_lease_until: null,
            created_at: p.createdAt,
            created_by: p.createdBy,
            updated_at: p.updatedAt,
            started_at: null,
            final_at: null,
            expires_at: null,
            next_check_at: null,
            check_attempts: 0,
            claimed_by: null,
            claimed_until: null,
            document_storage: null,
            document_sha256: null,
            announced: false,
          },
          tx,
        );
        return true;
      } catch (error) {
        if (error instanceof UniqueConstraintError) return false;
        throw error;
      }
    },
    async update(id, version, changes) {
      const [count] = await Payment.update(
        { ...toColumns(changes), version: version + 1 },
        { where: { id, version }, ...tx },
      );
      return count === 1;
    },
    async claimDue(owner, now, limit, leaseMs) {
      const free = { [Op.or]: [{ claimed_until: null }, { claimed_until: { [Op.lt]: now } }] };
      const candidates = await Payment.findAll({
        where: { state: 'pending', next_check_at: { [Op.lte]: now }, ...free },
        order: [['next_check_at', 'ASC']],
        limit,
        ...tx,
      });
      const won: PaymentRecord[] = [];
      for (const c of candidates) {
        const { id } = c.get({ plain: true });
        const [count] = await Payment.update(
          { claimed_by: owner, claimed_until: new Date(now.getTime() + leaseMs) },
          { where: { id, state: 'pending', ...free }, ...tx },
        );
        if (count === 1) won.push((await repo.get(id))!);
      }
      return won;
    },
    async unannounced(limit) {
      const rows = await Payment.findAll({ where: { state: { [Op.in]: FINAL }, announced: false }, limit, ...tx });
      return rows.map((r) => toRecord(r.get({ plain: true })));
    },
    async release(id, owner, nextCheckAt, attempts) {
      await Payment.update(
        { claimed_by: null, claimed_until: null, next_check_at: nextCheckAt, check_attempts: attempts },
        { where: { id, claimed_by: owner }, ...tx },
      );
    },
    async endedBetween(from, to, limit) {
      const rows = await Payment.findAll({
        where: { state: { [Op.in]: FINAL }, final_at: { [Op.gte]: from, [Op.lt]: to } },
        order: [
          ['final_at', 'ASC'],
          ['id', 'ASC'],
        ],
        limit,
        ...tx,
      });
      return rows.map((r) => toRecord(r.get({ plain: true })));
    },
    async pruneEnded(before) {
      return Payment.destroy({ where: { state: { [Op.in]: FINAL }, final_at: { [Op.lt]: before } }, ...tx });
    },
    async adjustments(room) {
      const rows = await Adjustment.findAll({ where: { room }, ...tx });
      return rows.map((r) => {
        const a = r.get({ plain: true });
        return {
          service: a.service,
          kind: a.kind as AdjustmentRecord['kind'],
          amountCents: a.amount_cents,
          reason: a.reason,
          by: a.adjusted_by,
          at: new Date(a.adjusted_at),
        };
      });
    },
    async setAdjustment(room, a) {
      await Adjustment.upsert(
        {
          room,
          service: a.service,
          kind: a.kind,
          amount_cents: a.amountCents,
          reason: a.reason,
          adjusted_by: a.by,
          adjusted_at: a.at,
        },
        tx,
      );
    },
    async removeAdjustment(room, service) {
      await Adjustment.destroy({ where: { room, service }, ...tx });
    },
    async firstDelivery(provider, eventId, at) {
      try {
        await WebhookEvent.create({ provider, event_id: eventId, received_at: at }, tx);
        return true;
      } catch (error) {
        if (error instanceof UniqueConstraintError) return false;
        throw error;
      }
    },
    async sandboxByRequestId(requestId) {
      return sandbox(plain<SandboxRow>(await Sandbox.findOne({ where: { request_id: requestId }, ...tx })));
    },
    async sandboxGet(id) {
      return sandbox(plain<SandboxRow>(await Sandbox.findByPk(id, tx)));
    },
    async sandboxCreate(t, at) {
      try {
        await Sandbox.create(
          {
            id: t.id,
            request_id: t.requestId,
            amount_cents: t.amountCents,
            purpose: t.purpose,
            status: t.status,
            created_at: at,
            updated_at: at,
          },
          tx,
        );
        return t;
      } catch (error) {
        if (!(error instanceof UniqueConstraintError)) throw error;
        return (await repo.sandboxByRequestId(t.requestId))!;
      }
    },
    async sandboxDecide(id, status, at) {
      const [count] = await Sandbox.update({ status, updated_at: at }, { where: { id, status: 'INITIAL' }, ...tx });
      return count === 1;
    },
  };
  return repo;
}
