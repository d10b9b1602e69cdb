/**
 * The background poller of the iCal feeds (ICAL_FEEDS), safe with several connector processes on one
 * MySQL: a poll happens only under a claim on the feed's `feed_state` row (one conditional UPDATE,
 * a lease renewed before every batch of changes), so no feed is ever polled twice at once; a process
 * that dies loses its claim when the lease ends. `syncNow(name)` polls one feed at once (the REST
 * route), waiting for a running poll of that feed first.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { IcalFeedConfig } from '../adapters/ical/feed-config.ts';
import type { FeedPollOutcome } from '../domain/feed-ports.ts';
import { Conflict, NotFound } from '../errors.ts';
import { safeError } from '../log.ts';
import { pollFeed, type FeedSyncResult, type PollDeps } from './poll-feed.ts';

export interface FeedPollerOptions {
  /** Poll check interval in ms (default 1000); each feed is polled every `pollSeconds`. */
  tickMs?: number;
  /** Claim lease in ms (default 5 min), renewed before every batch of changes. */
  leaseMs?: number;
  /** How long `syncNow` waits for another process's poll of the same feed (default 30 s). */
  syncWaitMs?: number;
}

class ClaimLost extends Error {}

export class FeedPoller {
  readonly #feeds: Map<string, IcalFeedConfig>;
  readonly #deps: PollDeps;
  readonly #owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly #tickMs: number;
  readonly #leaseMs: number;
  readonly #syncWaitMs: number;
  readonly #running = new Map<string, Promise<FeedSyncResult | null>>();
  readonly #notBefore = new Map<string, number>();
  readonly #ensured = new Set<string>();
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #stopping: Promise<void> | undefined;

  constructor(feeds: IcalFeedConfig[], deps: PollDeps, options: FeedPollerOptions = {}) {
    this.#feeds = new Map(feeds.map((f) => [f.name, f]));
    this.#deps = deps;
    this.#tickMs = options.tickMs ?? 1000;
    this.#leaseMs = options.leaseMs ?? 5 * 60_000;
    this.#syncWaitMs = options.syncWaitMs ?? 30_000;
  }

  /** Starts polling the feeds whose `pollSeconds` is above 0 (the first poll is due at once). */
  start(): void {
    if (this.#timer || this.#stopping || ![...this.#feeds.values()].some((f) => f.pollSeconds > 0)) return;
    this.#timer = setInterval(() => this.#tick(), this.#tickMs);
    this.#timer.unref();
    this.#tick();
  }

  /** Stops polling; a running poll stops before its next batch and gives its claim back. Safe to call twice. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      clearInterval(this.#timer);
      this.#abort.abort();
      await Promise.allSettled([...this.#running.values()]);
    })();
    return this.#stopping;
  }

  /**
   * Polls `name` now.
   * @throws NotFound for an unknown feed, Conflict (`feed_busy`) when another process holds the
   *   feed longer than the wait, Conflict (`stopping`) during shutdown.
   */
  async syncNow(name: string): Promise<FeedSyncResult> {
    const feed = this.#feeds.get(name);
    if (!feed) throw new NotFound('no iCal feed with this name is configured', { reason: 'feed_not_found' });
    const deadline = Date.now() + this.#syncWaitMs;
    for (;;) {
      if (this.#stopping) throw new Conflict('the connector is shutting down', { reason: 'stopping' });
      await this.#running.get(name);
      const result = await this.#track(name, () => this.#run(feed, false));
      if (result) return result;
      if (Date.now() > deadline)
        throw new Conflict('another connector process is polling this feed; try again shortly', {
          reason: 'feed_busy',
        });
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  #tick(): void {
    if (this.#stopping) return;
    const now = Date.now();
    for (const feed of this.#feeds.values()) {
      if (feed.pollSeconds <= 0 || this.#running.has(feed.name) || (this.#notBefore.get(feed.name) ?? 0) > now)
        continue;
      void this.#track(feed.name, async () => {
        const result = await this.#run(feed, true);
        if (!result) this.#notBefore.set(feed.name, Date.now() + Math.min(feed.pollSeconds * 500, 15_000));
        return result;
      });
    }
  }

  /** Runs `work` as this feed's one local poll; logs and swallows what escapes it. */
  #track(name: string, work: () => Promise<FeedSyncResult | null>): Promise<FeedSyncResult | null> {
    const run = work().catch((err: unknown) => {
      this.#deps.log.error({ err: safeError(err), feed: name }, 'feed poll crashed');
      return null;
    });
    this.#running.set(name, run);
    void run.finally(() => {
      if (this.#running.get(name) === run) this.#running.delete(name);
    });
    return run;
  }

  /** Claims the feed (only when due, for background polls), polls it, releases the claim. Null = not claimed. */
  async #run(feed: IcalFeedConfig, dueOnly: boolean): Promise<FeedSyncResult | null> {
    const { uow } = this.#deps.domain;
    const now = () => this.#deps.domain.now();
    if (!this.#ensured.has(feed.name)) {
      await uow.run((repos) => repos.feedStates.ensure(feed.name, now()));
      this.#ensured.add(feed.name);
    }
    const claim = await uow.run((repos) =>
      repos.feedStates.claim(feed.name, this.#owner, now(), this.#leaseMs, dueOnly),
    );
    if (!claim) return null;
    const release = (outcome: FeedPollOutcome) =>
      uow.run((repos) => repos.feedStates.release(feed.name, claim.token, outcome));
    const heartbeat = async () => {
      if (this.#abort.signal.aborted) throw new ClaimLost('stopping');
      const renewed = await uow.run((repos) =>
        repos.feedStates.renew(feed.name, claim.token, new Date(now().getTime() + this.#leaseMs)),
      );
      if (!renewed) throw new ClaimLost('claim lost');
    };
    try {
      const { result, outcome } = await pollFeed(this.#deps, feed, claim.state, {
        heartbeat,
        signal: this.#abort.signal,
      });
      await release(outcome);
      if (outcome.nextPollAt) this.#notBefore.set(feed.name, outcome.nextPollAt.getTime());
      return result;
    } catch (err) {
      const code = err instanceof ClaimLost ? 'interrupted' : 'internal';
      if (code === 'internal')
        this.#deps.log.error({ err: safeError(err), feed: feed.name }, 'feed poll failed unexpectedly');
      // Partly applied changes are safe: the hash stays, so the next poll re-plans and finishes them.
      await release({ lastPolledAt: now(), nextPollAt: now(), lastStatus: 'error', lastError: code }).catch(
        () => undefined,
      );
      return {
        feed: feed.name,
        status: 'error',
        created: [],
        rescheduled: [],
        cancelled: [],
        failed: [],
        error: { code, message: code === 'interrupted' ? 'the poll was interrupted' : 'the poll failed unexpectedly' },
      };
    }
  }
}
