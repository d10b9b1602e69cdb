/**
 * oidc-provider's storage for the development provider: everything in memory (a restart signs everyone
 * out, which is fine in development). Unlike the package's built-in memory adapter it can age stored
 * items, so a test can turn an issued authorization code into an expired one without waiting (`expire`).
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Item {
  payload: AdapterPayload;
  /** ms since the epoch; items past it are gone. */
  until: number;
}

export class MemoryStore {
  readonly #items = new Map<string, Item>();

  adapter(model: string): Adapter {
    const key = (id: string) => `${model}:${id}`;
    const get = (k: string) => {
      const item = this.#items.get(k);
      if (item && item.until <= Date.now()) this.#items.delete(k);
      return item && item.until > Date.now() ? item.payload : undefined;
    };
    const findBy = (field: 'uid' | 'userCode', value: string) => {
      for (const [k, item] of this.#items)
        if (k.startsWith(`${model}:`) && item.payload[field] === value) return get(k);
      return undefined;
    };
    return {
      upsert: async (id, payload, expiresIn) => {
        this.#items.set(key(id), {
          payload: { ...payload },
          until: expiresIn ? Date.now() + expiresIn * 1000 : Infinity,
        });
      },
      find: async (id) => get(key(id)),
      findByUid: async (uid) => findBy('uid', uid),
      findByUserCode: async (userCode) => findBy('userCode', userCode),
      consume: async (id) => {
        const item = this.#items.get(key(id));
        if (item) item.payload.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        this.#items.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const [k, item] of this.#items) if (item.payload.grantId === grantId) this.#items.delete(k);
      },
    };
  }

  /** Moves the expiry of every stored `model` item (e.g. `AuthorizationCode`) into the past; the provider then refuses it. */
  expire(model: string): number {
    let count = 0;
    for (const [k, item] of this.#items) {
      if (!k.startsWith(`${model}:`)) continue;
      item.payload.exp = Math.floor(Date.now() / 1000) - 60;
      count++;
    }
    return count;
  }
}
