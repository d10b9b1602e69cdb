/**
 * The outbox of outbound webhook events (domain port OutboundEventOutbox): inside the transaction of the
 * change, the event body is fixed (so every retry sends the same bytes under the same `webhook-id`) and
 * one delivery row is written per enabled endpoint subscribed to the event type.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { OutboundEventOutbox } from '../domain/outbound-ports.ts';
import { parseJson } from './models.ts';
import type { OutboundModels } from './outbound-models.ts';

/** A Standard Webhooks message id: `msg_` + 32 hex characters. */
export function newWebhookId(): string {
  return `msg_${randomUUID().replaceAll('-', '')}`;
}

/**
 * @param onWritten called after the commit of a transaction that queued deliveries (the worker then
 *   sends at once instead of at its next poll).
 */
export function outboundEventRepository(models: OutboundModels, transaction?: Transaction, onWritten?: () => void): OutboundEventOutbox {
  const { Endpoint, Event, Delivery } = models;
  return {
    async publish(event, now) {
      const endpoints = await Endpoint.findAll({ attributes: ['id', 'events'], where: { enabled: true }, transaction });
      const targets = endpoints
        .map((e) => e.get({ plain: true }))
        .filter((e) => {
          const events = parseJson<string[] | null>(e.events);
          return !events || events.includes(event.type);
        });
      if (!targets.length) return 0;
      const webhookId = newWebhookId();
      const body = JSON.stringify({ type: event.type, timestamp: now.toISOString(), data: event.data });
      const row = await Event.create({ webhookId, type: event.type, appointmentId: event.appointmentId, body, createdAt: now }, { transaction });
      const eventId = row.get('id') as number;
      await Delivery.bulkCreate(
        targets.map((t) => ({ eventId, endpointId: t.id, status: 'pending' as const, attempts: 0, nextAttemptAt: now, createdAt: now })),
        { transaction },
      );
      if (onWritten) {
        if (transaction) transaction.afterCommit(onWritten);
        else onWritten();
      }
      return targets.length;
    },
  };
}
