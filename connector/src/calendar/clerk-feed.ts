/**
 * Use cases of the clerk calendar feed: a secret URL per clerk (`/calendar/clerks/<secret>.ics`) that
 * any calendar program can subscribe to, listing the clerk's video appointments with the CLERK links.
 * Only the SHA-256 of the secret is stored; creating a link again rotates it (the old URL stops).
 *
 * The feed covers FEED_PAST_DAYS back to FEED_FUTURE_DAYS ahead; a cancelled appointment stays
 * visible (STATUS:CANCELLED, no link) for CANCELLED_VISIBLE_DAYS after the cancellation, so
 * subscribed calendars remove it instead of keeping a stale entry.
 */
import { createHash } from 'node:crypto';
import type { Appointment } from '../domain/appointment.ts';
import type { DomainDeps } from '../domain/ports.ts';
import { NotFound } from '../errors.ts';
import { hashCapability, newCapability } from '../tokens/capability.ts';

export const FEED_PAST_DAYS = 7;
export const FEED_FUTURE_DAYS = 60;
export const CANCELLED_VISIBLE_DAYS = 14;
/** Upper bound of entries in one feed (a clerk has far fewer appointments in 67 days). */
export const FEED_MAX_ENTRIES = 2000;

const DAY = 24 * 60 * 60 * 1000;

export interface ClerkFeed {
  clerkId: string;
  /** The clerk's name as the latest appointment gives it (calendar name), or null. */
  clerkName: string | null;
  appointments: Appointment[];
  /** Changes whenever the feed's content would change; the HTTP edge makes an ETag of it. */
  version: string;
}

/**
 * Creates (or rotates) the clerk's feed secret.
 * @returns the secret for the URL — shown once, never stored in clear.
 */
export async function createClerkCalendarLink(deps: DomainDeps, clerkId: string): Promise<{ secret: string }> {
  const { key, hash } = newCapability();
  await deps.uow.transaction((repos) => repos.clerkCalendars.save(clerkId, hash, deps.now()));
  return { secret: key };
}

/** Removes the clerk's feed URL. @throws NotFound when the clerk has none. */
export async function removeClerkCalendarLink(deps: DomainDeps, clerkId: string): Promise<void> {
  const removed = await deps.uow.transaction((repos) => repos.clerkCalendars.remove(clerkId));
  if (!removed) throw new NotFound('this clerk has no calendar link', { reason: 'calendar_link_not_found' });
}

/** The feed behind a secret. @throws NotFound for an unknown secret (as for a missing feed). */
export async function clerkFeed(deps: DomainDeps, secret: string): Promise<ClerkFeed> {
  const now = deps.now();
  return deps.uow.run(async (repos) => {
    const clerkId = await repos.clerkCalendars.findClerkBySecretHash(hashCapability(secret));
    if (clerkId === null) throw new NotFound('no such calendar');
    const found = await repos.appointments.list({
      clerkId,
      from: new Date(now.getTime() - FEED_PAST_DAYS * DAY),
      to: new Date(now.getTime() + FEED_FUTURE_DAYS * DAY),
      statuses: ['scheduled', 'cancelled', 'completed'],
      limit: FEED_MAX_ENTRIES,
    });
    const cancelledSince = now.getTime() - CANCELLED_VISIBLE_DAYS * DAY;
    const appointments = found.filter((a) => a.status !== 'cancelled' || a.updatedAt.getTime() >= cancelledSince);
    const latest = [...appointments].sort((x, y) => y.updatedAt.getTime() - x.updatedAt.getTime())[0];
    const version = createHash('sha256')
      .update(
        ['v1', clerkId, ...appointments.map((a) => `${a.id}:${a.sequence}:${a.status}:${a.updatedAt.getTime()}`)].join(
          '\n',
        ),
      )
      .digest('base64url')
      .slice(0, 27);
    return { clerkId, clerkName: latest?.clerk?.name ?? null, appointments, version };
  });
}
