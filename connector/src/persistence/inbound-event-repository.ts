/**
 * inbound_events: one row per (source, delivery id), holding the answer for idempotent replays. The
 * claim and the answer are written with raw SQL: every webhook runs them (ADR 0007).
 */
import type { Transaction } from 'sequelize';
import type { SyncAnswer } from '../domain/appointment.ts';
import type { InboundEventRepository } from '../domain/ports.ts';
import { parseJson, type Models } from './models.ts';
import { sqlDate, sqlJson, UniqueViolation, type SqlRunner } from './raw-sql.ts';

export function inboundEventRepository(
  models: Models,
  sql: SqlRunner,
  transaction?: Transaction,
): InboundEventRepository {
  const { InboundEvent } = models;
  return {
    async find(source, deliveryId) {
      const row = await InboundEvent.findOne({ where: { source, deliveryId }, transaction });
      if (!row) return null;
      const r = row.get({ plain: true });
      if (r.answer === null || r.answer === undefined) return null;
      return { source, deliveryId, answer: parseJson<SyncAnswer>(r.answer), receivedAt: new Date(r.receivedAt) };
    },
    async claim(source, deliveryId, receivedAt) {
      try {
        await sql.run('INSERT INTO `inbound_events` (`source`, `delivery_id`, `received_at`) VALUES (?, ?, ?)', [
          source,
          deliveryId,
          sqlDate(receivedAt, sql.dialect),
        ]);
        return true;
      } catch (err) {
        if (err instanceof UniqueViolation) return false;
        throw err;
      }
    },
    async complete(source, deliveryId, answer) {
      await sql.run(
        'UPDATE `inbound_events` SET `answer` = ?, `completed_at` = ? WHERE `source` = ? AND `delivery_id` = ?',
        [sqlJson(answer), sqlDate(new Date(), sql.dialect), source, deliveryId],
      );
    },
  };
}
