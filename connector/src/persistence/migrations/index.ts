/**
 * The ordered list of migrations. Add a new file `NNNN-what.ts` exporting `up`/`down` and list it
 * here; names are stored in the `connector_migrations` table, never rename an applied one.
 */
import type { QueryInterface } from 'sequelize';
import * as initialSchema from './0001-initial-schema.ts';
import * as icalFeeds from './0020-ical-feeds.ts';
import * as appointmentClerkId from './0030-appointment-clerk-id.ts';
import * as clerkCalendarLinks from './0031-clerk-calendar-links.ts';
import * as apiIdempotencyKeys from './0032-api-idempotency-keys.ts';
import * as outboundWebhooks from './0040-outbound-webhooks.ts';
import * as videoAdminCalls from './0041-video-admin-calls.ts';
import * as videoRoomEvents from './0042-video-room-events.ts';
import * as housekeeping from './0050-housekeeping.ts';
import * as joinLinkIds from './0060-join-link-ids.ts';
import * as clerkSessions from './0080-clerk-sessions.ts';
import * as workplace from './0085-workplace.ts';
import * as waitingEstimates from './0160-waiting-estimates.ts';
import * as guestInvitations from './0190-guest-invitations.ts';

export interface Migration {
  name: string;
  up(params: { context: QueryInterface }): Promise<void>;
  down(params: { context: QueryInterface }): Promise<void>;
}

export const MIGRATIONS: Migration[] = [
  { name: '0001-initial-schema', ...initialSchema },
  { name: '0020-ical-feeds', ...icalFeeds },
  { name: '0030-appointment-clerk-id', ...appointmentClerkId },
  { name: '0031-clerk-calendar-links', ...clerkCalendarLinks },
  { name: '0032-api-idempotency-keys', ...apiIdempotencyKeys },
  { name: '0040-outbound-webhooks', ...outboundWebhooks },
  { name: '0041-video-admin-calls', ...videoAdminCalls },
  { name: '0042-video-room-events', ...videoRoomEvents },
  { name: '0050-housekeeping', ...housekeeping },
  { name: '0060-join-link-ids', ...joinLinkIds },
  { name: '0080-clerk-sessions', ...clerkSessions },
  { name: '0085-workplace', ...workplace },
  { name: '0160-waiting-estimates', ...waitingEstimates },
  { name: '0190-guest-invitations', ...guestInvitations },
];
