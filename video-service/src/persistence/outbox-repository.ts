/**
 * The outbox of event webhooks: rows are written in the same transaction as the change they report and
 * delivered later by events/sender.ts. Several processes may send: a row is claimed with a conditional
 * UPDATE (lock owner + lease), so only one process sends it at a time; a crashed sender's lease runs out.
 */
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import { Conflict } from '../errors.ts';
import type { ClaimedEvent, OutboxEvent, OutboxRepository } from '../events/ports.ts';
import type { Models, OutboxRow } from './models.ts';

export function createOutboxRepository({ Outbox }: Models, transaction?: Transaction): OutboxRepository {
  const tx = { transaction };
  const release = { locked_by: null, locked_until: null };
  return {
    async add(e) {
      // The webhook id is unique: a repeat of a derived id is the caller's business (Conflict), not sequelize's.
      try {
        await Outbox.create(
          {
            webhook_id: e.webhookId,
            type: e.type,
            body: e.body,
            created_at: e.createdAt,
            attempts: 0,
            next_attempt_at: e.createdAt,
            locked_by: null,
            locked_until: null,
            delivered_at: null,
            failed_at: null,
            last_error: null,
          },
          tx,
        );
      } catch (error) {
        if (error instanceof UniqueConstraintError)
          throw new Conflict('An event with this webhook id is recorded already.', { cause: error });
        throw error;
      }
    },
    async claim(owner, now, limit, leaseMs) {
      const free = { [Op.or]: [{ locked_until: null }, { locked_until: { [Op.lt]: now } }] };
      const due = { delivered_at: null, failed_at: null, next_attempt_at: { [Op.lte]: now } };
      const candidates = await Outbox.findAll({
        where: { ...due, ...free },
        order: [
          ['next_attempt_at', 'ASC'],
          ['id', 'ASC'],
        ],
        limit,
        ...tx,
      });
      const claimed: ClaimedEvent[] = [];
      const until = new Date(now.getTime() + leaseMs);
      for (const candidate of candidates) {
        const row: OutboxRow = candidate.get({ plain: true });
        const [won] = await Outbox.update(
          { locked_by: owner, locked_until: until },
          { where: { id: row.id, ...due, ...free }, ...tx },
        );
        if (won === 1) {
          claimed.push({
            id: row.id,
            webhookId: row.webhook_id,
            type: row.type,
            body: row.body,
            createdAt: new Date(row.created_at),
            attempts: row.attempts,
          });
        }
      }
      return claimed;
    },
    async markDelivered(id, owner, at) {
      await Outbox.increment('attempts', { where: { id, locked_by: owner }, ...tx });
      await Outbox.update(
        { delivered_at: at, last_error: null, ...release },
        { where: { id, locked_by: owner }, ...tx },
      );
    },
    async markRetry(id, owner, nextAttemptAt, error) {
      await Outbox.increment('attempts', { where: { id, locked_by: owner }, ...tx });
      await Outbox.update(
        { next_attempt_at: nextAttemptAt, last_error: error.slice(0, 300), ...release },
        { where: { id, locked_by: owner }, ...tx },
      );
    },
    async markFailed(id, owner, at, error) {
      await Outbox.increment('attempts', { where: { id, locked_by: owner }, ...tx });
      await Outbox.update(
        { failed_at: at, last_error: error.slice(0, 300), ...release },
        { where: { id, locked_by: owner }, ...tx },
      );
    },
    async list() {
      const rows = await Outbox.findAll({ order: [['id', 'ASC']], ...tx });
      return rows.map((r) => {
        const row = r.get({ plain: true });
        return {
          webhookId: row.webhook_id,
          type: row.type,
          body: row.body,
          createdAt: new Date(row.created_at),
          attempts: row.attempts,
          deliveredAt: row.delivered_at ? new Date(row.delivered_at) : null,
          failedAt: row.failed_at ? new Date(row.failed_at) : null,
          lastError: row.last_error,
        };
      });
    },
  };
}
