/**
 * The reconciliation rule of a feed (issue 3), as a pure function of what the feed says now and what
 * the connector stored from it before:
 * - new instance (ending in the future, starting inside the look-ahead window) → create;
 * - known and scheduled, with other start/end or a higher SEQUENCE → reschedule;
 * - `STATUS:CANCELLED` / `METHOD:CANCEL` for a known scheduled one → cancel;
 * - a stored scheduled appointment that is no longer in the feed, starts in the future and inside the
 *   window (or whose UID is gone from the feed altogether) → cancel — unless its UID could not be read.
 * Anything that already ended is left alone.
 */
import type { StoredFeedInstance } from '../../domain/feed-ports.ts';
import type { FeedInstance } from './feed-instances.ts';

/** What the connector stored for one instance of the feed. */
export type StoredInstance = StoredFeedInstance;

export type CancelReason = 'removed from the feed' | 'STATUS:CANCELLED' | 'METHOD:CANCEL';

export type PlannedChange =
  | { kind: 'create'; instance: FeedInstance }
  | { kind: 'reschedule'; instance: FeedInstance; stored: StoredInstance }
  | { kind: 'cancel'; stored: StoredInstance; reason: CancelReason; sequence: number };

export interface PlanInput {
  /** The feed's video-appointment instances (after the filter). */
  instances: FeedInstance[];
  stored: StoredInstance[];
  uncertainUids: ReadonlySet<string>;
  now: Date;
  windowEnd: Date;
}

export function planChanges(input: PlanInput): PlannedChange[] {
  const now = input.now.getTime();
  const windowEnd = input.windowEnd.getTime();
  const current = new Map<string, FeedInstance>();
  for (const instance of input.instances) {
    const seen = current.get(instance.externalId);
    if (!seen || instance.sequence >= seen.sequence) current.set(instance.externalId, instance);
  }
  const presentUids = new Set(input.instances.map((i) => i.uid));
  const stored = new Map(input.stored.map((s) => [s.externalId, s]));
  const changes: PlannedChange[] = [];

  for (const instance of current.values()) {
    const known = stored.get(instance.externalId);
    if (instance.end.getTime() <= now) continue;
    if (instance.cancelled) {
      if (known?.status === 'scheduled' && known.end.getTime() > now) {
        changes.push({ kind: 'cancel', stored: known, reason: instance.cancelled, sequence: instance.sequence });
      }
      continue;
    }
    if (!known) {
      if (instance.start.getTime() <= windowEnd) changes.push({ kind: 'create', instance });
      continue;
    }
    if (known.status !== 'scheduled') continue;
    const moved = known.start.getTime() !== instance.start.getTime() || known.end.getTime() !== instance.end.getTime();
    if (moved || instance.sequence > known.sequence) changes.push({ kind: 'reschedule', instance, stored: known });
  }

  for (const known of stored.values()) {
    if (known.status !== 'scheduled' || current.has(known.externalId) || input.uncertainUids.has(known.uid)) continue;
    const start = known.start.getTime();
    if (start <= now) continue;
    if (start <= windowEnd || !presentUids.has(known.uid)) {
      changes.push({ kind: 'cancel', stored: known, reason: 'removed from the feed', sequence: known.sequence });
    }
  }
  return changes;
}
