/**
 * The query of `GET /api/appointments`: `from`, `to` (a day `YYYY-MM-DD` in the connector's TIMEZONE,
 * or ISO 8601 with offset), `clerk`, `source`, `externalId`, `status`, `limit` (1–500, default 100).
 * A day in `from` means its first instant, a day in `to` the end of that day, so
 * `?from=2026-06-02&to=2026-06-02` is that whole day. Unknown parameters are refused (422), so a typo
 * never silently widens the result.
 */
import { z } from 'zod';
import { APPOINTMENT_STATUSES } from '../../domain/appointment.ts';
import { wallTimeToDate } from '../../domain/zoned-time.ts';
import type { ListQuery } from '../../domain/scheduler-appointments.ts';
import { InvalidInput } from '../../errors.ts';

export const LIST_LIMIT_DEFAULT = 100;
export const LIST_LIMIT_MAX = 500;

const single = z.string({ error: 'must be given once, as text' });
const isDay = (v: string) => z.iso.date().safeParse(v).success;
const dayOrInstant = single.refine((v) => isDay(v) || z.iso.datetime({ offset: true }).safeParse(v).success, {
  message: 'must be a day (YYYY-MM-DD) or ISO 8601 with an offset, e.g. 2026-06-02T08:00:00+02:00',
});

const querySchema = z.strictObject({
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
  clerk: single.min(1).max(128).optional(),
  source: single.min(1).max(64).optional(),
  externalId: single.min(1).max(255).optional(),
  status: z.enum(APPOINTMENT_STATUSES).optional(),
  limit: single
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(1).max(LIST_LIMIT_MAX))
    .optional(),
});

/** Parses the query; @throws InvalidInput with the parameter names as paths. */
export function parseListQuery(query: unknown, timezone: string): ListQuery {
  const result = querySchema.safeParse(query);
  if (!result.success) {
    throw new InvalidInput('the query parameters are not valid', {
      issues: result.error.issues.flatMap((i) =>
        i.code === 'unrecognized_keys'
          ? i.keys.map((key) => ({ path: key, message: 'unknown parameter' }))
          : [{ path: i.path.map(String).join('.') || '(query)', message: i.message }],
      ),
    });
  }
  const q = result.data;
  const from = q.from === undefined ? undefined : toInstant(q.from, timezone, false);
  const to = q.to === undefined ? undefined : toInstant(q.to, timezone, true);
  if (from && to && to.getTime() <= from.getTime()) {
    throw new InvalidInput('the query parameters are not valid', {
      issues: [{ path: 'to', message: 'must be after from' }],
    });
  }
  return {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(q.clerk !== undefined ? { clerkId: q.clerk } : {}),
    ...(q.source !== undefined ? { source: q.source } : {}),
    ...(q.externalId !== undefined ? { externalId: q.externalId } : {}),
    ...(q.status ? { status: q.status } : {}),
    limit: q.limit ?? LIST_LIMIT_DEFAULT,
  };
}

/** A day → its first instant (or the first instant of the next day for `to`); an instant as it is. */
function toInstant(value: string, timezone: string, endOfDay: boolean): Date {
  if (!isDay(value)) return new Date(value);
  if (!endOfDay) return wallTimeToDate(`${value}T00:00:00`, timezone);
  const next = new Date(`${value}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return wallTimeToDate(`${next.toISOString().slice(0, 10)}T00:00:00`, timezone);
}
