/**
 * One poll of one feed, by the process that holds its claim:
 * conditional GET → 304 or the same bytes as last time → `not_modified`, nothing changes;
 * unreachable, 4xx/5xx, garbage, truncated → `error`: the last good state stays, NOTHING is cancelled,
 * a warning is logged and the next poll tries again; otherwise → read (adapters/ical) → reconcile
 * (reconcile-feed.ts) → `changed` with what was created, rescheduled and cancelled.
 *
 * Every few hours the validators are left out and the body is reconciled even when unchanged: the
 * look-ahead window moves on with time, and new instances of recurring events enter it.
 */
import { createHash } from 'node:crypto';
import type { IcalFeedConfig } from '../adapters/ical/feed-config.ts';
import { FeedUnreadable, readFeed } from '../adapters/ical/read-feed.ts';
import type { FeedPollOutcome, FeedState } from '../domain/feed-ports.ts';
import type { DomainDeps } from '../domain/ports.ts';
import type { Logger } from '../log.ts';
import { FeedFetchError, type FeedFetcher } from './fetch-feed.ts';
import { FeedEmptied, reconcileFeed, type ChangeOutcome } from './reconcile-feed.ts';

/** After this long a poll ignores validators and hash and reconciles in full. */
export const FULL_RECONCILE_AFTER_MS = 6 * 3600_000;

/** The answer of `POST /api/feeds/<name>/sync` and of every background poll. */
export interface FeedSyncResult {
  feed: string;
  status: 'changed' | 'not_modified' | 'error';
  created: ChangeOutcome[];
  rescheduled: ChangeOutcome[];
  cancelled: ChangeOutcome[];
  /** Changes that could not be applied (error codes; retried on the next poll). */
  failed: Array<{ externalId: string; error: string }>;
  /** Why the poll failed (status `error`). */
  error?: { code: string; message: string };
}

export interface PollDeps {
  domain: DomainDeps;
  fetchFeed: FeedFetcher;
  /** TIMEZONE */
  defaultZone: string;
  log: Logger;
}

export interface PollOptions {
  heartbeat?: () => Promise<void>;
  signal?: AbortSignal;
}

const empty = (feed: string, status: FeedSyncResult['status']): FeedSyncResult => ({
  feed,
  status,
  created: [],
  rescheduled: [],
  cancelled: [],
  failed: [],
});

/** Polls `feed` once. Never throws for feed problems; the outcome is what the claim's release records. */
export async function pollFeed(
  deps: PollDeps,
  feed: IcalFeedConfig,
  state: FeedState,
  options: PollOptions = {},
): Promise<{ result: FeedSyncResult; outcome: FeedPollOutcome }> {
  const now = deps.domain.now();
  const polled = { lastPolledAt: now, nextPollAt: new Date(now.getTime() + feed.pollSeconds * 1000) };
  const fresh = state.reconciledAt !== null && now.getTime() - state.reconciledAt.getTime() < FULL_RECONCILE_AFTER_MS;
  const failure = (code: string, message: string) => {
    deps.log.warn({ feed: feed.name, code }, 'feed poll failed; keeping the last good state, nothing cancelled');
    return {
      result: { ...empty(feed.name, 'error'), error: { code, message } },
      outcome: { ...polled, lastStatus: 'error', lastError: code },
    };
  };

  const started = performance.now();
  let response;
  try {
    response = await deps.fetchFeed(
      feed.url,
      fresh ? { etag: state.etag, lastModified: state.lastModified } : {},
      options.signal,
    );
  } catch (err) {
    if (err instanceof FeedFetchError) return failure(err.code, err.message);
    throw err;
  }
  const notModified = (extra: FeedPollOutcome = {}) => {
    deps.log.debug({ feed: feed.name }, 'feed not modified');
    return {
      result: empty(feed.name, 'not_modified'),
      outcome: { ...polled, ...extra, lastStatus: 'not_modified', lastError: null },
    };
  };
  if (response.notModified) return notModified();
  const validators = { etag: response.etag, lastModified: response.lastModified };
  const hash = createHash('sha256').update(response.body).digest('hex');
  if (fresh && hash === state.contentHash) return notModified(validators);

  const fetched = performance.now();
  let content;
  try {
    content = await readFeed(response.body, {
      feed,
      defaultZone: deps.defaultZone,
      now,
      ...(response.charset ? { charset: response.charset } : {}),
    });
  } catch (err) {
    if (err instanceof FeedUnreadable) return failure(err.code, err.message);
    throw err;
  }
  const read = performance.now();
  let reconciled;
  try {
    reconciled = await reconcileFeed(deps.domain, feed, content, {
      log: deps.log,
      ...(options.heartbeat ? { heartbeat: options.heartbeat } : {}),
    });
  } catch (err) {
    if (err instanceof FeedEmptied) return failure(err.code, err.message);
    throw err;
  }
  const complete = reconciled.failed.length === 0;
  deps.log.info(
    {
      feed: feed.name,
      instances: content.instances.length,
      filteredOut: content.filteredOut,
      skipped: content.skipped,
      uncertain: content.uncertainUids.size,
      created: reconciled.created.length,
      rescheduled: reconciled.rescheduled.length,
      cancelled: reconciled.cancelled.length,
      failed: reconciled.failed.length,
      ms: {
        fetch: Math.round(fetched - started),
        read: Math.round(read - fetched),
        reconcile: Math.round(performance.now() - read),
      },
    },
    'feed reconciled',
  );
  return {
    result: { feed: feed.name, status: 'changed', ...reconciled },
    // After failed changes: no hash and no validators, so the next poll fetches and reconciles again.
    outcome: complete
      ? { ...polled, ...validators, contentHash: hash, reconciledAt: now, lastStatus: 'changed', lastError: null }
      : { ...polled, etag: null, lastModified: null, lastStatus: 'changed', lastError: 'changes_failed' },
  };
}
