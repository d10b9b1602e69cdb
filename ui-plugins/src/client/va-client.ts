/**
 * The plug-ins' non-UI client (STYLE.md 8: setup → hook → component): loads the clerk's day from the connector's
 * workplace API and keeps it live through the live channel, with a plug-in token as bearer token. Components only
 * read `state` and call verbs (`takeNext`). One client per connector and page is enough; it reconnects by itself
 * (resuming with Last-Event-ID) and asks `getToken()` again after the token was refused or expired.
 */
import { readSse } from './sse-reader.ts';
import { INITIAL_STATE, type VaRow, type VaState } from './types.ts';

export interface VaClientOptions {
  /** The connector's base URL, e.g. `https://connector.example` (no trailing slash needed). */
  connectorUrl: string;
  /** A current plug-in token (from your backend, POST /api/plugin-tokens); called again when it was refused. */
  getToken: () => string | null | undefined | Promise<string | null | undefined>;
  /** Told when the token was refused or has expired, before getToken() is asked again. */
  onUnauthorized?: () => void;
}

const MAX_BACKOFF_MS = 30_000;

export class VaClient {
  #state: VaState = INITIAL_STATE;
  readonly #listeners = new Set<() => void>();
  readonly #o: VaClientOptions;
  readonly #base: string;
  #abort: AbortController | null = null;
  #lastEventId: string | null = null;
  #retryMs = 2000;
  #failures = 0;
  #wake: (() => void) | null = null;
  #closed = false;

  constructor(options: VaClientOptions) {
    this.#o = options;
    this.#base = options.connectorUrl.replace(/\/+$/, '');
  }

  /** The current state (a new object after each change, so it can be compared by identity). */
  readonly getState = (): VaState => this.#state;

  /** Calls `listener` after each change; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Connects (once); safe to call again. */
  start(): void {
    if (this.#abort || this.#closed) return;
    this.#abort = new AbortController();
    void this.#run(this.#abort.signal);
  }

  /** Retries at once instead of after the back-off (e.g. the host has just set a new token). */
  retryNow(): void {
    this.#wake?.();
  }

  /** Disconnects for good. Safe to call twice. */
  close(): void {
    this.#closed = true;
    this.#abort?.abort();
    this.#wake?.();
    this.#listeners.clear();
  }

  /**
   * Takes the longest-waiting citizen of `desk` for this clerk (the connector decides, once, even when several
   * clerks ask at once). Resolves to the row, or null when nobody is waiting or another clerk was faster.
   */
  async takeNext(desk: string): Promise<VaRow | null> {
    const res = await this.#fetch(`/clerk/api/desks/${encodeURIComponent(desk)}/take-next`, { method: 'POST' });
    if (res.status === 409 || res.status === 404) return null;
    if (!res.ok) throw new Error(`take-next failed with ${res.status}`);
    const { row } = (await res.json()) as { row: VaRow };
    this.#upsert(row);
    return row;
  }

  async #fetch(path: string, init: RequestInit = {}, signal?: AbortSignal): Promise<Response> {
    const token = await this.#o.getToken();
    if (!token) return new Response(null, { status: 401 });
    // No cookies across origins: the token is the only credential (docs/ui-plugins.md).
    const res = await fetch(`${this.#base}${path}`, {
      ...init,
      credentials: 'omit',
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
      ...(signal ? { signal } : {}),
    });
    if (res.status === 401) this.#unauthorized();
    return res;
  }

  async #run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      this.#set({
        connection:
          this.#state.connection === 'unauthorized' ? 'unauthorized' : this.#state.me ? 'reconnecting' : 'connecting',
      });
      try {
        await this.#stream(signal);
      } catch {
        // Network error or abort: reconnect below.
      }
      if (signal.aborted) return;
      if (this.#state.connection !== 'unauthorized') this.#set({ connection: 'reconnecting' });
      this.#failures++;
      await this.#sleep(Math.min(this.#retryMs * 2 ** Math.min(this.#failures - 1, 4), MAX_BACKOFF_MS));
    }
  }

  async #stream(signal: AbortSignal): Promise<void> {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (this.#lastEventId) headers['last-event-id'] = this.#lastEventId;
    // Its own abort, so a failed list load ends this stream (and reconnects) but not the client.
    const local = new AbortController();
    signal.addEventListener('abort', () => local.abort(), { once: true });
    const res = await this.#fetch('/clerk/api/live', { headers }, local.signal);
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      return;
    }
    let pending: VaRow[] | null = [];
    const loadList = async () => {
      pending ??= [];
      await this.#loadList(local.signal);
      const queued: VaRow[] = pending ?? [];
      pending = null;
      for (const row of queued) this.#upsert(row);
    };
    await readSse(
      res.body,
      (m) => {
        if (m.id) this.#lastEventId = m.id;
        if (m.event === 'ready' || m.event === 'refresh') {
          this.#failures = 0;
          void loadList().catch(() => local.abort());
        } else if (m.event === 'row') {
          const { row } = JSON.parse(m.data) as { row: VaRow };
          if (pending) pending.push(row);
          else this.#upsert(row);
        } else if (m.event === 'signed_out') {
          this.#unauthorized();
        }
      },
      (ms) => (this.#retryMs = ms),
    );
  }

  async #loadList(signal: AbortSignal): Promise<void> {
    const res = await this.#fetch('/clerk/api/appointments', {}, signal);
    if (!res.ok) throw new Error(`list failed with ${res.status}`);
    const body = (await res.json()) as { items: VaRow[]; me: VaState['me']; timezone: string; today: string };
    this.#set({
      connection: 'live',
      me: body.me,
      timezone: body.timezone,
      today: body.today,
      rows: sorted(body.items.filter((r) => r.day === body.today)),
    });
  }

  #upsert(row: VaRow): void {
    // The list is today's: a row moved to another day leaves it.
    const others = this.#state.rows.filter((r) => r.id !== row.id);
    this.#set({ rows: sorted(row.day === this.#state.today ? [...others, row] : others) });
  }

  #unauthorized(): void {
    if (this.#state.connection !== 'unauthorized') {
      this.#set({ connection: 'unauthorized' });
      this.#o.onUnauthorized?.();
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  #set(patch: Partial<VaState>): void {
    const next = { ...this.#state, ...patch };
    next.waiting = next.rows.filter((r) => r.status === 'waiting').length;
    this.#state = next;
    for (const listener of [...this.#listeners]) listener();
  }
}

function sorted(rows: VaRow[]): VaRow[] {
  return [...rows].sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
}
