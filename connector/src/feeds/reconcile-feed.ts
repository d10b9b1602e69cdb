/**
 * Use case: bring the appointments of one iCal feed in line with what the feed says now.
 *
 * Story: read what the connector stored from this feed → plan the changes (adapters/ical/
 * plan-changes.ts) → apply them through the same domain changes as every webhook
 * (createAppointment / rescheduleAppointment / cancelAppointment: links, revocations, mail outbox,
 * domain events), in transactions of up to 100 changes. A move or cancel re-checks the locked
 * appointment first and a creation meets the unique (source, external id), so applying a plan twice
 * (a lost lease, a crash between batches) never acts twice. A batch that fails is retried change by
 * change, so one bad instance cannot hold back the others.
 */
import type { IcalFeedConfig } from '../adapters/ical/feed-config.ts';
import type { FeedInstance } from '../adapters/ical/feed-instances.ts';
import type { FeedMapper } from '../adapters/ical/map-booking.ts';
import { planChanges, type PlannedChange } from '../adapters/ical/plan-changes.ts';
import {
  cancelAppointment,
  createAppointment,
  rescheduleAppointment,
  type ChangeContext,
} from '../domain/appointment-changes.ts';
import type { FeedInstanceLink } from '../domain/feed-ports.ts';
import type { DomainDeps, Repositories } from '../domain/ports.ts';
import { AppError } from '../errors.ts';
import { safeError, type Logger } from '../log.ts';

/** Changes per transaction. */
export const BATCH_SIZE = 100;

/**
 * A feed that suddenly lists no events at all while this many (or more) future appointments are stored
 * from it is far more likely a broken export (an empty calendar served during maintenance) than a day of
 * mass cancellations. It is refused like garbage: nothing is cancelled and the poll reports `feed_emptied`.
 * Appointments can still be cancelled one by one (removed while others remain, STATUS:CANCELLED, REST).
 */
export const EMPTIED_FEED_MINIMUM = 2;

export class FeedEmptied extends Error {
  readonly code = 'feed_emptied';
  constructor(stored: number) {
    super(`the feed lists no events while ${stored} future appointments are stored from it; nothing was cancelled`);
    this.name = 'FeedEmptied';
  }
}
const DAY = 24 * 3600_000;

/** One applied change: the feed's id of the instance and the appointment it concerns. */
export interface ChangeOutcome {
  externalId: string;
  appointmentId: string;
}

export interface ReconcileResult {
  created: ChangeOutcome[];
  rescheduled: ChangeOutcome[];
  cancelled: ChangeOutcome[];
  /** Changes that failed (error codes only); the poll records no content hash then, so they are retried. */
  failed: Array<{ externalId: string; error: string }>;
}

export interface FeedSnapshot {
  instances: FeedInstance[];
  uncertainUids: ReadonlySet<string>;
  windowEnd: Date;
  mapper: FeedMapper;
}

export interface ReconcileOptions {
  /** Called before every batch; throws when this process lost its claim on the feed. */
  heartbeat?: () => Promise<void>;
  log?: Logger;
}

type Applied = { kind: 'created' | 'rescheduled' | 'cancelled'; outcome: ChangeOutcome; link: FeedInstanceLink } | null;
/**
 * `careful`: look the appointment up before creating it. A batch skips that lookup (the plan was made
 * from a fresh snapshot under the feed's claim; the unique (source, external id) still refuses a
 * duplicate, which fails the batch) and the one-by-one retry does it.
 */
type Apply<K extends PlannedChange['kind']> = (
  ctx: ChangeContext,
  feed: FeedRef,
  change: Extract<PlannedChange, { kind: K }>,
  careful: boolean,
) => Promise<Applied>;
interface FeedRef {
  name: string;
  source: string;
  mapper: FeedMapper;
}

export async function reconcileFeed(
  deps: DomainDeps,
  feed: Pick<IcalFeedConfig, 'name'>,
  snapshot: FeedSnapshot,
  options: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const ref: FeedRef = { name: feed.name, source: `ical:${feed.name}`, mapper: snapshot.mapper };
  const now = deps.now();
  const stored = await deps.uow.run((repos) =>
    repos.feedInstances.listForFeed(ref.name, ref.source, new Date(now.getTime() - DAY)),
  );
  const changes = planChanges({
    instances: snapshot.instances,
    stored,
    uncertainUids: snapshot.uncertainUids,
    now,
    windowEnd: snapshot.windowEnd,
  });
  const removals = changes.filter((c) => c.kind === 'cancel' && c.reason === 'removed from the feed').length;
  if (snapshot.instances.length === 0 && snapshot.uncertainUids.size === 0 && removals >= EMPTIED_FEED_MINIMUM)
    throw new FeedEmptied(removals);
  const result: ReconcileResult = { created: [], rescheduled: [], cancelled: [], failed: [] };
  const record = (applied: Applied) => {
    if (applied) result[applied.kind].push(applied.outcome);
  };

  const applyAll = async (repos: Repositories, batch: PlannedChange[], careful: boolean) => {
    const ctx: ChangeContext = { deps, repos, initiator: 'booking_system' };
    const applied: Applied[] = [];
    for (const change of batch) applied.push(await applyChange(ctx, ref, change, careful));
    await repos.feedInstances.saveMany(
      applied.flatMap((a) => (a ? [a.link] : [])),
      now,
    );
    return applied;
  };
  for (let i = 0; i < changes.length; i += BATCH_SIZE) {
    const batch = changes.slice(i, i + BATCH_SIZE);
    await options.heartbeat?.();
    try {
      (await deps.uow.transaction((repos) => applyAll(repos, batch, false))).forEach(record);
    } catch (err) {
      options.log?.warn(
        { err: safeError(err), feed: ref.name, changes: batch.length },
        'a batch of feed changes failed; applying them one by one',
      );
      for (const change of batch) {
        try {
          (await deps.uow.transaction((repos) => applyAll(repos, [change], true))).forEach(record);
        } catch (failure) {
          result.failed.push({
            externalId: externalIdOf(change),
            error: failure instanceof AppError ? (failure.reason ?? failure.code) : 'internal',
          });
        }
      }
    }
  }
  return result;
}

const externalIdOf = (change: PlannedChange) =>
  change.kind === 'cancel' ? change.stored.externalId : change.instance.externalId;

/** Creates the appointment, or moves it when it exists with other times or an older SEQUENCE. */
async function upsert(
  ctx: ChangeContext,
  feed: FeedRef,
  change: Extract<PlannedChange, { kind: 'create' | 'reschedule' }>,
  careful: boolean,
): Promise<Applied> {
  const instance = change.instance;
  const { repos } = ctx;
  const booking = feed.mapper.toBooking(instance);
  const link = (appointmentId: string): FeedInstanceLink => ({
    feed: feed.name,
    externalId: instance.externalId,
    uid: instance.uid,
    appointmentId,
    sequence: instance.sequence,
  });
  const existing =
    change.kind === 'create' && !careful
      ? null
      : await repos.appointments.findByExternalId(feed.source, instance.externalId, { forUpdate: true });
  if (!existing) {
    const answer = await createAppointment(ctx, feed.source, booking);
    return {
      kind: 'created',
      outcome: { externalId: instance.externalId, appointmentId: answer.appointmentId },
      link: link(answer.appointmentId),
    };
  }
  if (existing.status !== 'scheduled') return null;
  // In a batch the plan's snapshot (read under the claim) is current; the careful retry asks again.
  const actedOn =
    !careful && change.kind === 'reschedule'
      ? change.stored.sequence
      : ((await repos.feedInstances.findSequence(feed.name, instance.externalId)) ?? 0);
  const moved =
    existing.start.getTime() !== instance.start.getTime() || existing.end.getTime() !== instance.end.getTime();
  if (!moved && instance.sequence <= actedOn) return null;
  await rescheduleAppointment(ctx, existing, booking);
  return {
    kind: 'rescheduled',
    outcome: { externalId: instance.externalId, appointmentId: existing.id },
    link: link(existing.id),
  };
}

const APPLY: { [K in PlannedChange['kind']]: Apply<K> } = {
  create: upsert,
  reschedule: upsert,
  async cancel(ctx, feed, change) {
    const existing = await ctx.repos.appointments.findById(change.stored.appointmentId, { forUpdate: true });
    if (!existing || existing.status !== 'scheduled') return null;
    await cancelAppointment(ctx, existing, change.reason);
    const { externalId, uid } = change.stored;
    return {
      kind: 'cancelled',
      outcome: { externalId, appointmentId: existing.id },
      link: { feed: feed.name, externalId, uid, appointmentId: existing.id, sequence: change.sequence },
    };
  },
};

function applyChange(ctx: ChangeContext, feed: FeedRef, change: PlannedChange, careful: boolean): Promise<Applied> {
  return (APPLY[change.kind] as Apply<PlannedChange['kind']>)(ctx, feed, change, careful);
}
