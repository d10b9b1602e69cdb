/**
 * Which outbound endpoints receive an event: the enabled ones and the event types each subscribed to.
 * Every appointment change asks, so in SQLite mode (one process owns the database) the answer is kept in
 * memory and dropped whenever the endpoints table is written through its model — and again after that
 * write's commit, so a list read inside a transaction that later rolls back is not kept either. With
 * MySQL several processes share the table, so each change reads it (one indexed query, no cache).
 */
import type { OutboundModels } from './outbound-models.ts';
import { parseJson } from './models.ts';
import type { SqlRunner } from './raw-sql.ts';

export interface EndpointTarget {
  id: string;
  /** Subscribed event types; null = all. */
  events: string[] | null;
}

export interface EndpointTargets {
  enabled(sql: SqlRunner): Promise<EndpointTarget[]>;
}

const caches = new WeakMap<OutboundModels['Endpoint'], EndpointTargets>();

export function endpointTargets(Endpoint: OutboundModels['Endpoint'], dialect: SqlRunner['dialect']): EndpointTargets {
  const known = caches.get(Endpoint);
  if (known) return known;
  const read = async (sql: SqlRunner) =>
    (
      await sql.all<{ id: string; events: unknown }>(
        'SELECT `id`, `events` FROM `outbound_endpoints` WHERE `enabled` = 1',
        [],
      )
    ).map((row): EndpointTarget => ({ id: row.id, events: parseJson<string[] | null>(row.events) ?? null }));
  let targets: EndpointTargets;
  if (dialect !== 'sqlite') {
    targets = { enabled: read };
  } else {
    let cached: EndpointTarget[] | undefined;
    const drop = () => {
      cached = undefined;
    };
    const onWrite = (_instanceOrOptions: unknown, maybeOptions?: unknown) => {
      drop();
      const options = (maybeOptions ?? _instanceOrOptions) as
        | { transaction?: { afterCommit(fn: () => void): void } }
        | undefined;
      options?.transaction?.afterCommit(drop);
    };
    for (const hook of [
      'afterCreate',
      'afterBulkCreate',
      'afterUpdate',
      'afterBulkUpdate',
      'afterDestroy',
      'afterBulkDestroy',
      'afterUpsert',
    ] as const) {
      Endpoint.addHook(hook, 'endpoint-targets', onWrite as never);
    }
    targets = {
      async enabled(sql) {
        cached ??= await read(sql);
        return cached;
      },
    };
  }
  caches.set(Endpoint, targets);
  return targets;
}
