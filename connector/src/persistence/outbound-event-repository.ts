/**
 * The outbox of outbound webhook events (domain port OutboundEventOutbox): inside the transaction of the
 * change, the event body is fixed (so every retry sends the same bytes under the same `webhook-id`) and
 * one delivery row is written per enabled endpoint subscribed to the event type.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { OutboundEventOutbox } from '../domain/outbound-ports.ts';
import type { EndpointTargets } from './endpoint-targets.ts';
import { sqlDate, type SqlRunner } from './raw-sql.ts';

/** A Standard Webhooks message id: `msg_` + 32 hex characters. */
export function newWebhookId(): string {
  return `msg_${randomUUID().replaceAll('-', '')}`;
}

/**
 * @param onWritten called after the commit of a transaction that queued deliveries (the worker then
 *   sends at once instead of at its next poll).
 */
export function outboundEventRepository(
  endpoints: EndpointTargets,
  sql: SqlRunner,
  transaction?: Transaction,
  onWritten?: () => void,
): OutboundEventOutbox {
  return {
    // Raw SQL: every appointment change publishes (ADR 0007).
    async publish(event, now) {
      const targets = (await endpoints.enabled(sql)).filter((e) => !e.events || e.events.includes(event.type));
      if (!targets.length) return 0;
      const webhookId = newWebhookId();
      const body = JSON.stringify({ type: event.type, timestamp: now.toISOString(), data: event.data });
      const at = sqlDate(now, sql.dialect);
      const { lastId: eventId } = await sql.run(
        'INSERT INTO `outbound_events` (`webhook_id`, `type`, `appointment_id`, `body`, `created_at`) VALUES (?, ?, ?, ?, ?)',
        [webhookId, event.type, event.appointmentId, body, at],
      );
      await sql.run(
        `INSERT INTO \`outbound_deliveries\` (\`event_id\`, \`endpoint_id\`, \`status\`, \`attempts\`, \`next_attempt_at\`, \`created_at\`) VALUES ${targets.map(() => "(?, ?, 'pending', 0, ?, ?)").join(', ')}`,
        targets.flatMap((t) => [eventId, t.id, at, at]),
      );
      if (onWritten) {
        if (transaction) transaction.afterCommit(onWritten);
        else onWritten();
      }
      return targets.length;
    },
  };
}
