/**
 * Per-socket rate limits for requests (token buckets, in memory): a generous budget for everything, and
 * tighter ones for chatty or expensive requests (joining, chat, lobby messages, quality reports). A request
 * over its budget is answered `rate_limited` and not carried out.
 */
export interface Bucket {
  /** Tokens refilled per second. */
  rate: number;
  /** Largest burst. */
  burst: number;
}

/** Budgets per request class; `all` applies to every request in addition to its own class. */
export const LIMITS = {
  all: { rate: 100, burst: 300 },
  join: { rate: 0.2, burst: 10 },
  chat: { rate: 1, burst: 10 },
  quality: { rate: 1, burst: 5 },
  media: { rate: 5, burst: 20 },
  probe: { rate: 0.1, burst: 3 },
  /** A check result per reconnect or "check again": each one re-sends the clerks' waiting list. */
  network: { rate: 0.2, burst: 5 },
} satisfies Record<string, Bucket>;

type LimitClass = keyof typeof LIMITS;

const CLASS_OF: Partial<Record<string, Exclude<LimitClass, 'all'>>> = {
  'room:join': 'join',
  'chat:send': 'chat',
  'lobby:message': 'chat',
  'lobby:estimate': 'chat',
  'quality:report': 'quality',
  'media:state': 'media',
  'media:probe': 'probe',
  'lobby:network': 'network',
};

/** One socket's buckets. */
export class EventLimiter {
  readonly #tokens = new Map<LimitClass, { tokens: number; at: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Takes a token for `event`; false when the socket is over its budget. */
  allow(event: string): boolean {
    const cls = CLASS_OF[event];
    if (!this.#available('all') || (cls && !this.#available(cls))) return false;
    this.#take('all');
    if (cls) this.#take(cls);
    return true;
  }

  #available(cls: LimitClass): boolean {
    return this.#refill(cls).tokens >= 1;
  }

  #take(cls: LimitClass): void {
    this.#refill(cls).tokens -= 1;
  }

  #refill(cls: LimitClass): { tokens: number; at: number } {
    const now = this.#now();
    const { rate, burst } = LIMITS[cls];
    let state = this.#tokens.get(cls);
    if (!state) {
      state = { tokens: burst, at: now };
      this.#tokens.set(cls, state);
    }
    state.tokens = Math.min(burst, state.tokens + ((now - state.at) / 1000) * rate);
    state.at = now;
    return state;
  }
}
