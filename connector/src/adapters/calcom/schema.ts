/**
 * Cal.com webhook bodies as Cal.com sends them when the webhook has NO custom payload template:
 * `{ "triggerEvent", "createdAt", "payload" }`, where `payload` is the booking's calendar event plus
 * booking fields (`uid`, `bookingId`, `eventTypeId`, `status`, `rescheduleUid`, …).
 *
 * - https://cal.com/docs/developing/guides/automation/webhooks (events, signature, payload)
 * - calcom/cal.com `packages/features/webhooks/lib/sendPayload.ts` (body and `X-Cal-Signature-256`)
 *
 * Lenient where Cal.com versions differ (extra fields pass, nullable optionals), strict where the
 * connector relies on a field (uid, times with offset, the first attendee's name and e-mail).
 */
import { z } from 'zod';

/** The envelope; `payload` is validated per trigger event (unknown events are ignored unread). */
export const calcomEnvelopeSchema = z.object({
  triggerEvent: z.string().min(1).max(100),
  createdAt: z.string().min(1).max(64),
  payload: z.unknown(),
});

const uid = z.string().trim().min(1).max(255);
const text = (max: number) => z.string().max(max).nullish();
const language = z.looseObject({ locale: z.string().max(35).optional() }).nullish();
const instant = (example: string) =>
  z.iso.datetime({ offset: true, error: `must be ISO 8601 with Z or an offset, e.g. ${example}` });

/** Cal.com `Person` (organizer). `translate` inside `language` is a function and never serialised. */
const organizer = z.looseObject({
  id: z.union([z.number(), z.string()]).nullish(),
  name: text(200),
  email: z.email().max(254).nullish(),
  username: text(200),
  timeZone: text(64),
  language,
});

/** The first attendee is the one who booked: the citizen. */
const attendee = z.looseObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254),
  timeZone: text(64),
  language,
  phoneNumber: text(50),
});

/** BOOKING_CREATED and BOOKING_RESCHEDULED: everything needed for an appointment. */
export const calcomBookingSchema = z
  .looseObject({
    uid,
    bookingId: z.union([z.number(), z.string()]).nullish(),
    /** The booking's title, e.g. "Anmeldung zwischen Bürgeramt und Erika Mustermann". */
    title: z.string().trim().min(1).max(1000),
    /** The event type's own title ("Anmeldung"); preferred over `title`, which names the citizen. */
    eventTitle: text(1000),
    /** The event type's slug. */
    type: text(255),
    eventTypeId: z.union([z.number(), z.string()]).nullish(),
    startTime: instant('2026-06-02T08:00:00Z'),
    endTime: instant('2026-06-02T08:30:00Z'),
    organizer: organizer.nullish(),
    attendees: z.array(attendee).min(1, 'at least one attendee (the citizen) is needed'),
    /** Booking form answers `{ <field>: { label, value } }`; the phone number lives here. */
    responses: z.record(z.string(), z.unknown()).nullish(),
    additionalNotes: text(10_000),
    description: text(10_000),
    smsReminderNumber: text(50),
    /** Set on BOOKING_RESCHEDULED: the uid of the booking this one replaces. */
    rescheduleUid: uid.nullish(),
  })
  .refine((b) => Date.parse(b.endTime) > Date.parse(b.startTime), {
    path: ['endTime'],
    message: 'endTime must be after startTime',
  })
  .refine((b) => Date.parse(b.endTime) - Date.parse(b.startTime) <= 24 * 3600 * 1000, {
    path: ['endTime'],
    message: 'an appointment lasts at most 24 hours',
  });

/** BOOKING_CANCELLED and BOOKING_REJECTED: only the uid is needed. */
export const calcomCancellationSchema = z.looseObject({
  uid,
  cancellationReason: text(2000),
  rejectionReason: text(2000),
});

export type CalcomBooking = z.infer<typeof calcomBookingSchema>;
export type CalcomCancellation = z.infer<typeof calcomCancellationSchema>;
