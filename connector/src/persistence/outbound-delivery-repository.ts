/**
 * outbound_deliveries (+ their events, endpoints and attempt log) for the delivery worker and the
 * webhook API. Claims follow claim-rows.ts, so several processes never send the same delivery at once;
 * every settlement is conditional on the claim token and happens in one transaction with its log entry.
 */
import { Op, type WhereOptions } from 'sequelize';
import { InvalidState } from '../errors.ts';
import type { ClaimedDelivery, DeliveryDetail, DeliveryStore, DeliveryView } from '../outbound/ports.ts';
import { claimRows } from './claim-rows.ts';
import type { Database } from './database.ts';
import { outboundModels, type DeliveryRow, type EndpointRow, type EventRow } from './outbound-models.ts';

export function outboundDeliveryRepository(db: Database): DeliveryStore {
  const { Delivery, Event, Endpoint, Attempt } = outboundModels(db.sequelize);

  async function views(rows: DeliveryRow[]): Promise<DeliveryView[]> {
    if (!rows.length) return [];
    const events = await Event.findAll({
      attributes: ['id', 'webhookId', 'type', 'appointmentId'],
      where: { id: [...new Set(rows.map((r) => r.eventId))] },
    });
    const endpoints = await Endpoint.findAll({
      attributes: ['id', 'name'],
      where: { id: [...new Set(rows.map((r) => r.endpointId))] },
    });
    const eventById = new Map(events.map((e) => [e.get('id') as number, e.get({ plain: true }) as EventRow]));
    const endpointById = new Map(endpoints.map((e) => [e.get('id') as string, e.get({ plain: true }) as EndpointRow]));
    return rows.map((r) => toView(r, eventById.get(r.eventId), endpointById.get(r.endpointId)));
  }

  return {
    claimDue(owner, now, leaseMs, limit) {
      return db.exclusive(async () => {
        const enabled = await Endpoint.findAll({ where: { enabled: true } });
        if (!enabled.length) return [];
        const { claimToken, rows } = await claimRows(Delivery, {
          owner,
          now,
          leaseMs,
          limit,
          extraWhere: { endpointId: { [Op.in]: enabled.map((e) => e.get('id') as string) } },
        });
        if (!rows.length) return [];
        const events = await Event.findAll({ where: { id: rows.map((r) => r.eventId) } });
        const eventById = new Map(events.map((e) => [e.get('id') as number, e.get({ plain: true }) as EventRow]));
        const endpointById = new Map(
          enabled.map((e) => [e.get('id') as string, e.get({ plain: true }) as EndpointRow]),
        );
        return rows.flatMap((r): ClaimedDelivery[] => {
          const event = eventById.get(r.eventId);
          const endpoint = endpointById.get(r.endpointId);
          if (!event || !endpoint) return [];
          return [
            {
              id: r.id,
              claimToken,
              attempts: r.attempts,
              webhookId: event.webhookId,
              eventType: event.type,
              body: event.body,
              endpoint: { id: endpoint.id, name: endpoint.name, url: endpoint.url, secret: endpoint.secret },
            },
          ];
        });
      });
    },

    settle(delivery, attempt, outcome) {
      return db.transaction(async (transaction) => {
        const attempts = delivery.attempts + 1;
        const common = {
          attempts,
          claimedBy: null,
          claimedUntil: null,
          lastStatusCode: attempt.statusCode,
          lastError: attempt.error,
          lastAttemptAt: attempt.startedAt,
        };
        const changes =
          outcome.kind === 'delivered'
            ? { ...common, status: 'delivered' as const, deliveredAt: outcome.at }
            : outcome.kind === 'retry'
              ? { ...common, status: 'pending' as const, nextAttemptAt: outcome.nextAttemptAt }
              : { ...common, status: 'failed' as const, failedAt: outcome.at };
        const [won] = await Delivery.update(changes, {
          where: { id: delivery.id, claimedBy: delivery.claimToken },
          transaction,
        });
        if (won === 0) return false;
        await Attempt.create(
          {
            deliveryId: delivery.id,
            attempt: attempts,
            startedAt: attempt.startedAt,
            durationMs: Math.round(attempt.durationMs),
            statusCode: attempt.statusCode,
            error: attempt.error,
            outcome: outcome.kind,
          },
          { transaction },
        );
        if (outcome.kind === 'endpoint_gone') {
          await Endpoint.update(
            { enabled: false, disabledReason: 'gone', disabledAt: outcome.at, updatedAt: outcome.at },
            { where: { id: delivery.endpoint.id, enabled: true }, transaction },
          );
        }
        return true;
      });
    },

    list(filter) {
      return db.exclusive(async () => {
        const eventWhere: WhereOptions<EventRow> = {
          ...(filter.eventType ? { type: filter.eventType } : {}),
          ...(filter.appointmentId ? { appointmentId: filter.appointmentId } : {}),
          ...(filter.webhookId ? { webhookId: filter.webhookId } : {}),
        };
        let eventIds: number[] | undefined;
        if (Object.keys(eventWhere).length) {
          eventIds = (await Event.findAll({ attributes: ['id'], where: eventWhere })).map((e) => e.get('id') as number);
          if (!eventIds.length) return [];
        }
        const rows = await Delivery.findAll({
          where: {
            ...(filter.status ? { status: filter.status } : {}),
            ...(filter.endpointId ? { endpointId: filter.endpointId } : {}),
            ...(eventIds ? { eventId: { [Op.in]: eventIds } } : {}),
            ...(filter.beforeId ? { id: { [Op.lt]: filter.beforeId } } : {}),
          },
          order: [['id', 'DESC']],
          limit: filter.limit,
        });
        return views(rows.map((r) => r.get({ plain: true })));
      });
    },

    get(id) {
      return db.exclusive(async (): Promise<DeliveryDetail | null> => {
        const row = await Delivery.findByPk(id);
        if (!row) return null;
        const plain = row.get({ plain: true });
        const [view] = await views([plain]);
        const event = await Event.findByPk(plain.eventId, { attributes: ['body'] });
        const log = await Attempt.findAll({ where: { deliveryId: id }, order: [['id', 'ASC']] });
        return {
          ...view!,
          payload: event ? JSON.parse(event.get({ plain: true }).body) : null,
          log: log.map((a) => {
            const r = a.get({ plain: true });
            return {
              attempt: r.attempt,
              startedAt: new Date(r.startedAt),
              durationMs: r.durationMs,
              statusCode: r.statusCode,
              error: r.error,
              outcome: r.outcome,
            };
          }),
        };
      });
    },

    replay(id, now) {
      return db.transaction(async (transaction) => {
        const row = await Delivery.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
        if (!row) return null;
        const current = row.get({ plain: true });
        const endpoint = await Endpoint.findByPk(current.endpointId, { attributes: ['enabled'], transaction });
        if (!endpoint?.get({ plain: true }).enabled)
          throw new InvalidState('the endpoint of this delivery is disabled; enable it first', {
            reason: 'endpoint_disabled',
          });
        const reset = {
          status: 'pending' as const,
          attempts: 0,
          nextAttemptAt: now,
          deliveredAt: null,
          failedAt: null,
        };
        if (current.status === 'pending') {
          // Already queued: only make it due now (a claimed, in-flight attempt keeps its claim).
          await Delivery.update({ nextAttemptAt: now }, { where: { id, claimedBy: null }, transaction });
        } else {
          await Delivery.update({ ...reset, claimedBy: null, claimedUntil: null }, { where: { id }, transaction });
        }
        const fresh = (await Delivery.findByPk(id, { transaction }))!.get({ plain: true });
        const event = await Event.findByPk(fresh.eventId, { transaction });
        const ep = await Endpoint.findByPk(fresh.endpointId, { transaction });
        return toView(fresh, event?.get({ plain: true }), ep?.get({ plain: true }));
      });
    },
  };
}

const toDate = (v: Date | string | null) => (v === null ? null : new Date(v));

function toView(r: DeliveryRow, event: EventRow | undefined, endpoint: EndpointRow | undefined): DeliveryView {
  return {
    id: r.id,
    webhookId: event?.webhookId ?? '',
    eventType: event?.type ?? '',
    appointmentId: event?.appointmentId ?? null,
    endpoint: { id: r.endpointId, name: endpoint?.name ?? '(deleted)' },
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? toDate(r.nextAttemptAt) : null,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    lastAttemptAt: toDate(r.lastAttemptAt),
    deliveredAt: toDate(r.deliveredAt),
    failedAt: toDate(r.failedAt),
    createdAt: toDate(r.createdAt)!,
  };
}
