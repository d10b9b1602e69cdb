/**
 * mail_outbox. Rows are written in the transaction of the change they announce and claimed by the
 * sender with a lease: a conditional UPDATE sets `claimed_by` to a token unique to this claim, then
 * the rows carrying that token are read back. Two processes can never hold the same row, and a row
 * whose claimer died becomes claimable again when its lease ends.
 */
import { randomUUID } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import type { MailOutboxRepository, OutboxMail } from '../domain/ports.ts';
import { parseJson, type Models } from './models.ts';
import { sqlDate, sqlJson, type SqlRunner } from './raw-sql.ts';

export function outboxRepository(
  models: Models,
  sql: SqlRunner,
  transaction?: Transaction,
  onWritten?: () => void,
): MailOutboxRepository {
  const { MailOutbox } = models;
  const claimable = (now: Date) => ({
    status: 'pending',
    nextAttemptAt: { [Op.lte]: now },
    [Op.or]: [{ claimedUntil: null }, { claimedUntil: { [Op.lt]: now } }],
  });
  return {
    async enqueue(entry, now) {
      // Raw SQL: every webhook queues a mail (ADR 0007).
      const at = sqlDate(now, sql.dialect);
      await sql.run(
        'INSERT INTO `mail_outbox` (`appointment_id`, `kind`, `mail`, `status`, `attempts`, `next_attempt_at`, `created_at`) VALUES (?, ?, ?, ?, 0, ?, ?)',
        [entry.appointmentId, entry.kind, sqlJson(entry.mail), 'pending', at, at],
      );
      if (!onWritten) return;
      if (transaction) transaction.afterCommit(onWritten);
      else onWritten();
    },

    async claimDue(owner, now, leaseMs, limit) {
      const candidates = await MailOutbox.findAll({
        attributes: ['id'],
        where: claimable(now),
        order: [['id', 'ASC']],
        limit,
        transaction,
      });
      if (!candidates.length) return [];
      const claimToken = `${owner}:${randomUUID()}`;
      await MailOutbox.update(
        { claimedBy: claimToken, claimedUntil: new Date(now.getTime() + leaseMs) },
        { where: { id: candidates.map((c) => c.get('id') as number), ...claimable(now) }, transaction },
      );
      const claimed = await MailOutbox.findAll({
        where: { claimedBy: claimToken },
        order: [['id', 'ASC']],
        transaction,
      });
      return claimed.map((row) => {
        const r = row.get({ plain: true });
        return {
          id: r.id,
          appointmentId: r.appointmentId ?? null,
          claimToken,
          attempts: r.attempts,
          mail: parseJson<OutboxMail>(r.mail),
        };
      });
    },

    async markSent(id, claimToken, now) {
      await MailOutbox.update(
        { status: 'sent', sentAt: now, mail: null, claimedBy: null, claimedUntil: null, lastError: null },
        { where: { id, claimedBy: claimToken }, transaction },
      );
    },

    async markFailed(id, claimToken, failure) {
      await MailOutbox.update(
        {
          attempts: failure.attempts,
          nextAttemptAt: failure.nextAttemptAt,
          lastError: failure.error.slice(0, 500),
          claimedBy: null,
          claimedUntil: null,
        },
        { where: { id, claimedBy: claimToken }, transaction },
      );
    },
  };
}
