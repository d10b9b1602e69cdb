/**
 * The keys the video service trusts for join tokens: the connector's JWKS (CONNECTOR_JWKS_URL, fetched
 * with the built-in fetch) or a JWKS file (JWKS_FILE). Keys are cached; a token naming an unknown `kid`
 * triggers a reload (key rotation), at most once per `unknownKidRefreshMs` so tokens with made-up kids
 * cannot hammer the connector. The cache is also reloaded when older than `maxAgeMs`, so removed keys stop
 * being trusted.
 */
import { readFile } from 'node:fs/promises';
import type { KeyObject } from 'node:crypto';
import type { Logger } from '../log.ts';
import { parseJwks } from './jwks.ts';

export type KeySource = { kind: 'url'; url: string } | { kind: 'file'; path: string };

export interface KeyStoreOptions {
  source: KeySource;
  log: Logger;
  /** Minimum time between reloads caused by unknown kids (default 10 s). */
  unknownKidRefreshMs?: number;
  /** Reload before use when the keys are older than this (default 10 min). */
  maxAgeMs?: number;
  /** Timeout of one JWKS fetch (default 5 s). */
  fetchTimeoutMs?: number;
}

export class KeyStore {
  readonly #source: KeySource;
  readonly #log: Logger;
  readonly #unknownKidRefreshMs: number;
  readonly #maxAgeMs: number;
  readonly #fetchTimeoutMs: number;
  #keys = new Map<string, KeyObject>();
  /** When the next routine reload is due (after maxAge on success, soon after a failure). */
  #reloadDueAt = 0;
  #lastUnknownKidRefresh = -Infinity;
  #inFlight: Promise<void> | undefined;

  constructor(options: KeyStoreOptions) {
    this.#source = options.source;
    this.#log = options.log;
    this.#unknownKidRefreshMs = options.unknownKidRefreshMs ?? 10_000;
    this.#maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.#fetchTimeoutMs = options.fetchTimeoutMs ?? 5_000;
  }

  /** Creates the store and tries a first load; a failure is logged, not thrown (the connector may start later). */
  static async create(options: KeyStoreOptions): Promise<KeyStore> {
    const store = new KeyStore(options);
    await store.refresh();
    return store;
  }

  /** How many keys are trusted right now. */
  get size(): number {
    return this.#keys.size;
  }

  /** The key for `kid`, reloading the JWKS when the kid is unknown (rate-limited) or the cache is stale. */
  async getKey(kid: string): Promise<KeyObject | undefined> {
    if (Date.now() >= this.#reloadDueAt) await this.refresh();
    const known = this.#keys.get(kid);
    if (known) return known;
    const now = Date.now();
    if (now - this.#lastUnknownKidRefresh < this.#unknownKidRefreshMs) return undefined;
    this.#lastUnknownKidRefresh = now;
    this.#log.info({ kid: kid.slice(0, 64) }, 'getKey() | unknown kid, reloading keys');
    await this.refresh();
    return this.#keys.get(kid);
  }

  /** Reloads the keys (concurrent callers share one load). Keeps the old keys when loading fails. */
  refresh(): Promise<void> {
    this.#inFlight ??= this.#load().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #load(): Promise<void> {
    try {
      const document =
        this.#source.kind === 'file'
          ? JSON.parse(await readFile(this.#source.path, 'utf8'))
          : await this.#fetch(this.#source.url);
      this.#keys = parseJwks(document);
      this.#reloadDueAt = Date.now() + this.#maxAgeMs;
      this.#log.info({ source: this.#source.kind, keys: [...this.#keys.keys()] }, 'refresh() | trusted keys loaded');
    } catch (error) {
      // Keep what we had and try again soon, but not on every token.
      this.#reloadDueAt = Date.now() + this.#unknownKidRefreshMs;
      this.#log.warn(
        { source: this.#source.kind, err: error instanceof Error ? error.message : String(error) },
        'refresh() | could not load keys; retrying when a token needs them',
      );
    }
  }

  async #fetch(url: string): Promise<unknown> {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(this.#fetchTimeoutMs),
      redirect: 'error',
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`JWKS answered HTTP ${response.status}`);
    return response.json();
  }
}
