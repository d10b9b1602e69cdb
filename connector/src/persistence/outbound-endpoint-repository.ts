/**
 * outbound_endpoints: the receivers of outbound webhooks, from OUTBOUND_WEBHOOKS (`origin = config`,
 * synchronised at start-up) or created through the API (`origin = api`). The secret is stored because
 * every message must be signed with it; it is never returned by the API after creation.
 */
import { randomUUID } from 'node:crypto';
import { Op, UniqueConstraintError } from 'sequelize';
import { Conflict } from '../errors.ts';
import type { EndpointInfo, EndpointStore } from '../outbound/ports.ts';
import type { Database } from './database.ts';
import { parseJson } from './models.ts';
import { outboundModels, type EndpointRow } from './outbound-models.ts';

export function outboundEndpointRepository(db: Database): EndpointStore {
  const { Endpoint, Delivery } = outboundModels(db.sequelize);
  const info = async (id: string) => {
    const row = await Endpoint.findByPk(id);
    return row ? toInfo(row.get({ plain: true })) : null;
  };

  return {
    list: () =>
      db.exclusive(async () =>
        (await Endpoint.findAll({ order: [['name', 'ASC']] })).map((r) => toInfo(r.get({ plain: true }))),
      ),

    get: (id) => db.exclusive(() => info(id)),

    create(input, now) {
      return db.exclusive(async () => {
        const id = randomUUID();
        try {
          await Endpoint.create({ id, ...input, origin: 'api', enabled: true, createdAt: now, updatedAt: now });
        } catch (err) {
          if (err instanceof UniqueConstraintError)
            throw new Conflict('an endpoint with this name exists', { reason: 'endpoint_exists', cause: err });
          throw err;
        }
        return (await info(id))!;
      });
    },

    update(id, changes, now) {
      return db.exclusive(async () => {
        const row = await Endpoint.findByPk(id);
        if (!row) return null;
        const set: Partial<EndpointRow> = { updatedAt: now };
        if (changes.url !== undefined) set.url = changes.url;
        if (changes.secret !== undefined) set.secret = changes.secret;
        if (changes.events !== undefined) set.events = changes.events;
        if (changes.enabled === true) Object.assign(set, { enabled: true, disabledReason: null, disabledAt: null });
        if (changes.enabled === false && row.get('enabled'))
          Object.assign(set, { enabled: false, disabledReason: 'api', disabledAt: now });
        await Endpoint.update(set, { where: { id } });
        return info(id);
      });
    },

    remove(id) {
      return db.transaction(async (transaction) => {
        const removed = await Endpoint.destroy({ where: { id }, transaction });
        if (removed) await Delivery.destroy({ where: { endpointId: id, status: 'pending' }, transaction });
        return removed > 0;
      });
    },

    syncFromConfig(entries, now) {
      return db.exclusive(async () => {
        for (const entry of entries) await upsertConfigEndpoint(entry, now);
        await Endpoint.update(
          { enabled: false, disabledReason: 'not_configured', disabledAt: now, updatedAt: now },
          {
            where: {
              origin: 'config',
              enabled: true,
              ...(entries.length ? { name: { [Op.notIn]: entries.map((e) => e.name) } } : {}),
            },
          },
        );
      });
    },
  };

  async function upsertConfigEndpoint(
    entry: { name: string; url: string; secret: string; events: string[] | null },
    now: Date,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const existing = await Endpoint.findOne({ where: { name: entry.name } });
      if (!existing) {
        try {
          await Endpoint.create({
            id: randomUUID(),
            ...entry,
            origin: 'config',
            enabled: true,
            createdAt: now,
            updatedAt: now,
          });
          return;
        } catch (err) {
          // Another process inserted the same name a moment ago: update it instead.
          if (err instanceof UniqueConstraintError && attempt === 0) continue;
          throw err;
        }
      }
      const row = existing.get({ plain: true });
      if (row.origin !== 'config') {
        throw new Conflict(
          `OUTBOUND_WEBHOOKS names "${entry.name}", which is an endpoint created through the API; rename one of them`,
          { reason: 'endpoint_exists' },
        );
      }
      const reenable = !row.enabled && (row.disabledReason === 'not_configured' || row.url !== entry.url);
      const events = parseJson<string[] | null>(row.events);
      const same =
        row.url === entry.url && row.secret === entry.secret && JSON.stringify(events) === JSON.stringify(entry.events);
      if (same && !reenable) return;
      await Endpoint.update(
        {
          url: entry.url,
          secret: entry.secret,
          events: entry.events,
          updatedAt: now,
          ...(reenable ? { enabled: true, disabledReason: null, disabledAt: null } : {}),
        },
        { where: { id: row.id } },
      );
      return;
    }
  }
}

function toInfo(r: EndpointRow): EndpointInfo {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    events: parseJson<string[] | null>(r.events) ?? null,
    origin: r.origin,
    enabled: Boolean(r.enabled),
    disabledReason: r.disabledReason,
    disabledAt: r.disabledAt ? new Date(r.disabledAt) : null,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
  };
}
