/**
 * The elements of one page that name the same connector share one VaClient (one live connection, not one per
 * element). The token is whichever an element was given last: the host page sets `element.token` on any of them.
 */
import { VaClient } from '../client/va-client.ts';

interface Shared {
  client: VaClient;
  token: string | null;
  users: Set<HTMLElement>;
}

const shared = new Map<string, Shared>();

/** The client for `connectorUrl`, started, with `user` counted; release() when the element leaves the page. */
export function acquire(connectorUrl: string, user: HTMLElement): Shared {
  let entry = shared.get(connectorUrl);
  if (!entry) {
    const created: Shared = {
      token: null,
      users: new Set(),
      client: new VaClient({
        connectorUrl,
        getToken: () => created.token,
        // The host page listens for this and sets a fresh token (from its backend) on any element.
        onUnauthorized: () => {
          for (const el of created.users)
            el.dispatchEvent(new CustomEvent('va-token-expired', { bubbles: true, composed: true }));
        },
      }),
    };
    entry = created;
    shared.set(connectorUrl, entry);
  }
  entry.users.add(user);
  return entry;
}

/** Sets the token of the connector's client and connects (or retries at once). */
export function setToken(entry: Shared, token: string | null): void {
  const changed = entry.token !== token;
  entry.token = token;
  if (!token) return;
  entry.client.start();
  if (changed) entry.client.retryNow();
}

export function release(connectorUrl: string, user: HTMLElement): void {
  const entry = shared.get(connectorUrl);
  if (!entry) return;
  entry.users.delete(user);
  if (entry.users.size === 0) {
    entry.client.close();
    shared.delete(connectorUrl);
  }
}
