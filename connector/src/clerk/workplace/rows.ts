/**
 * A workplace row: what a clerk sees of one appointment (docs/clerk-workplace.md "The list and the live
 * queue"), and who may see it. Pure functions: no express, no database.
 *
 * Visibility: "mine" when the booking names the clerk (appointment.clerk.id) or the clerk took it from a queue;
 * "my desk's" when one of its services belongs to one of the clerk's desks. Anything else does not exist for
 * that clerk — not in the list, not through the live channel.
 */
import type { Appointment } from '../../domain/appointment.ts';
import type { Catalogue } from '../../notify/catalogue.ts';
import type { ClerkPrincipal } from '../principal.ts';
import { desksOfServices, type Desk } from './desks.ts';
import type { Claim, RoomState } from './ports.ts';

export const WORKPLACE_STATUSES = ['scheduled', 'waiting', 'in_call', 'finished', 'no_show', 'cancelled'] as const;
export type WorkplaceStatus = (typeof WORKPLACE_STATUSES)[number];

/** One row of GET /clerk/api/appointments and of the live channel's `row` message. */
export interface WorkplaceRow {
  id: string;
  /** The appointment's day (YYYY-MM-DD) in TIMEZONE: the page shows a row only on its day. */
  day: string;
  start: string;
  end: string;
  title: string;
  services: Array<{ code: string; name: { de: string; en: string } }>;
  citizen: { name: string };
  status: WorkplaceStatus;
  /** Status `waiting`: since when (ISO). */
  waitingSince: string | null;
  /** Status `waiting`: the network check of the citizen's page (`ok`, `warn`, `fail`), null when not reported. */
  networkCheck: string | null;
  /** Status `waiting`: the estimated waiting time a clerk sent during this wait (minutes, 0 = "any moment"; when). */
  waitingEstimate: { minutes: number; sentAt: string } | null;
  /** The desks of the appointment's services that the clerk belongs to. */
  desks: string[];
  /** The booking names this clerk, or this clerk took the appointment from the queue. */
  mine: boolean;
  /** Taken from a desk's queue: by whom (a clerk id) and when. */
  takenBy: { clerkId: string; at: string } | null;
  /** The clerk's join link (token or link id in the fragment only); null once cancelled. */
  joinUrl: string | null;
  /** When the room opens (start − JOIN_OPENS_MINUTES_BEFORE): the Join button is active from then. */
  joinOpensAt: string;
  /** Status `scheduled` turns `no_show` at this time when nobody came (the page switches without asking). */
  noShowAt: string;
}

export interface RowContext {
  desks: Desk[];
  catalogue: Catalogue;
  timezone: string;
  opensMinutesBefore: number;
  noShowMinutes: number;
  clerkLink: (appointment: Appointment) => string;
  now: () => Date;
}

const MINUTE = 60_000;

/** Whether `principal` may see `appointment` at all. */
export function canSee(
  ctx: Pick<RowContext, 'desks'>,
  principal: ClerkPrincipal,
  appointment: Appointment,
  claim: Claim | undefined,
): boolean {
  return isMine(principal, appointment, claim) || sharedDesks(ctx, principal, appointment).length > 0;
}

function isMine(principal: ClerkPrincipal, appointment: Appointment, claim: Claim | undefined): boolean {
  return appointment.clerk?.id === principal.id || claim?.clerkId === principal.id;
}

function sharedDesks(ctx: Pick<RowContext, 'desks'>, principal: ClerkPrincipal, appointment: Appointment): string[] {
  return desksOfServices(ctx.desks, appointment.services).filter((d) => principal.desks.includes(d));
}

/** The status a clerk sees, from the appointment and its room. */
export function statusOf(
  appointment: Appointment,
  room: RoomState | undefined,
  now: Date,
  noShowMinutes: number,
): WorkplaceStatus {
  if (appointment.status === 'cancelled') return 'cancelled';
  if (appointment.status === 'completed' || room?.endedAt) return 'finished';
  switch (room?.citizenState) {
    case 'waiting':
      return 'waiting';
    case 'in_call':
      return 'in_call';
    case 'left':
      return 'finished';
    default:
      break;
  }
  const nobodyCame = !room?.startedAt && !room?.citizenState;
  return nobodyCame && now.getTime() >= appointment.start.getTime() + noShowMinutes * MINUTE ? 'no_show' : 'scheduled';
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The day (YYYY-MM-DD) `date` falls on in `timeZone`. */
export function dayIn(date: Date, timeZone: string): string {
  // Made once per zone: a formatter costs far more than formatting (200 rows a list).
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(date);
}

/** The row `principal` sees, or null when the appointment is none of theirs. */
export function toRow(
  ctx: RowContext,
  principal: ClerkPrincipal,
  appointment: Appointment,
  room: RoomState | undefined,
  claim: Claim | undefined,
): WorkplaceRow | null {
  if (!canSee(ctx, principal, appointment, claim)) return null;
  const status = statusOf(appointment, room, ctx.now(), ctx.noShowMinutes);
  return {
    id: appointment.id,
    day: dayIn(appointment.start, ctx.timezone),
    start: appointment.start.toISOString(),
    end: appointment.end.toISOString(),
    title: appointment.title,
    services: appointment.services.map((code) => ({
      code,
      name: { de: ctx.catalogue.describe(code, 'de').name, en: ctx.catalogue.describe(code, 'en').name },
    })),
    citizen: { name: appointment.citizen.name },
    status,
    waitingSince: status === 'waiting' && room?.waitingSince ? room.waitingSince.toISOString() : null,
    networkCheck: status === 'waiting' ? (room?.networkCheck ?? null) : null,
    waitingEstimate: status === 'waiting' ? currentEstimate(room) : null,
    desks: sharedDesks(ctx, principal, appointment),
    mine: isMine(principal, appointment, claim),
    takenBy: claim ? { clerkId: claim.clerkId, at: claim.claimedAt.toISOString() } : null,
    joinUrl: status === 'cancelled' ? null : ctx.clerkLink(appointment),
    joinOpensAt: new Date(appointment.start.getTime() - ctx.opensMinutesBefore * MINUTE).toISOString(),
    noShowAt: new Date(appointment.start.getTime() + ctx.noShowMinutes * MINUTE).toISOString(),
  };
}

/** The estimate sent during the current wait (an estimate from before the citizen waited again is stale). */
function currentEstimate(room: RoomState | undefined): WorkplaceRow['waitingEstimate'] {
  const estimate = room?.waitingEstimate;
  if (!estimate || (room.waitingSince && estimate.at.getTime() < room.waitingSince.getTime())) return null;
  return { minutes: estimate.minutes, sentAt: estimate.at.toISOString() };
}
