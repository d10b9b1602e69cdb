/**
 * Cal.com: `POST /webhooks/calcom`, signed with CALCOM_WEBHOOK_SECRET (./signature.ts), body per
 * ./schema.ts. What each trigger event does:
 * - BOOKING_CREATED → create (also sent when a booking that needed confirmation is confirmed);
 * - BOOKING_RESCHEDULED → the SAME appointment moves: Cal.com gives the moved booking a new `uid` and
 *   names the old one in `rescheduleUid`; the appointment's externalId becomes the new uid;
 * - BOOKING_CANCELLED, BOOKING_REJECTED → cancel (a booking the connector never saw: 200 ignored);
 * - BOOKING_REQUESTED → ignored: the booking still awaits the organizer's confirmation, and mailing the
 *   citizen a join link for it would promise an appointment that may be rejected. Confirmation arrives
 *   as BOOKING_CREATED;
 * - anything else (MEETING_ENDED, PING, …) → 200 ignored.
 */
import type { ConnectorConfig, ServiceMap } from '../../config.ts';
import { factsFromFields, withFacts } from '../../domain/verify-facts.ts';
import { isValidTimeZone } from '../../config.ts';
import type { BookingDetails, BookingEvent, Citizen, Clerk } from '../../domain/appointment.ts';
import type { BookingAdapter } from '../booking-adapter.ts';
import { parseWithSchema } from '../parse-with-schema.ts';
import { calcomBookingSchema, calcomCancellationSchema, calcomEnvelopeSchema, type CalcomBooking } from './schema.ts';
import { CALCOM_SIGNATURE_HEADER, calcomDeliveryKey, verifyCalcomSignature } from './signature.ts';

type CalcomConfig = Pick<ConnectorConfig, 'calcomWebhookSecret' | 'calcomServiceMap' | 'timezone'>;
type TriggerHandler = (payload: unknown) => BookingEvent;

/** Form fields (`responses`) that may hold the attendee's phone number, by field name. */
const PHONE_FIELDS = ['attendeePhoneNumber', 'phone', 'phoneNumber', 'telefon', 'smsReminderNumber'];
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export function calcomAdapter(config: CalcomConfig): BookingAdapter | undefined {
  const secret = config.calcomWebhookSecret;
  if (!secret) return undefined;

  const booking = (payload: unknown): CalcomBooking =>
    parseWithSchema(calcomBookingSchema, payload, 'Cal.com booking', 'payload');
  const cancelled = (payload: unknown): BookingEvent => {
    const p = parseWithSchema(calcomCancellationSchema, payload, 'Cal.com booking', 'payload');
    const reason = (p.cancellationReason ?? p.rejectionReason ?? '').trim().slice(0, 500);
    return { type: 'cancelled', externalId: p.uid, ...(reason ? { reason } : {}) };
  };

  const TRIGGERS: Record<string, TriggerHandler> = {
    BOOKING_CREATED: (payload) => ({ type: 'created', booking: toBooking(booking(payload), config) }),
    BOOKING_RESCHEDULED: (payload) => {
      const b = booking(payload);
      const previous = b.rescheduleUid && b.rescheduleUid !== b.uid ? b.rescheduleUid : undefined;
      return {
        type: 'rescheduled',
        booking: toBooking(b, config),
        ...(previous ? { previousExternalId: previous } : {}),
      };
    },
    BOOKING_CANCELLED: cancelled,
    BOOKING_REJECTED: cancelled,
  };

  return {
    name: 'calcom',
    source: 'calcom',
    ignoresUnknownCancellations: true,
    authenticate(request) {
      verifyCalcomSignature(secret, request.headers[CALCOM_SIGNATURE_HEADER], request.rawBody);
      return calcomDeliveryKey(request.rawBody);
    },
    parse(payload) {
      const envelope = parseWithSchema(calcomEnvelopeSchema, payload, 'Cal.com webhook');
      const handler = Object.hasOwn(TRIGGERS, envelope.triggerEvent) ? TRIGGERS[envelope.triggerEvent] : undefined;
      return handler ? handler(envelope.payload) : null;
    },
  };
}

function toBooking(b: CalcomBooking, config: CalcomConfig): BookingDetails {
  const [first] = b.attendees;
  const phone = phoneOf(b);
  const locale = first!.language?.locale;
  // Booking-form answers such as "Geburtsdatum" or "PLZ" become facts for the clerk's ID-check questions.
  const citizen: Citizen = withFacts(
    {
      name: first!.name,
      email: first!.email,
      ...(phone ? { phone } : {}),
      ...(locale && LOCALE.test(locale) ? { locale } : {}),
    },
    factsFromFields(b.responses),
  );
  const notes = (b.additionalNotes || b.description || '').trim();
  return {
    externalId: b.uid,
    title: (b.eventTitle?.trim() || b.title).slice(0, 300),
    start: new Date(b.startTime),
    end: new Date(b.endTime),
    timezone:
      [first!.timeZone, b.organizer?.timeZone].find((z): z is string => !!z && isValidTimeZone(z)) ?? config.timezone,
    services: servicesOf(b, config.calcomServiceMap),
    citizen,
    clerk: clerkOf(b),
    notes: notes ? notes.slice(0, 2000) : null,
  };
}

/** CALCOM_SERVICE_MAP by event type id, then by slug; no entry → no codes (the title says what it is). */
function servicesOf(b: CalcomBooking, map: ServiceMap): string[] {
  const keys = [b.eventTypeId, b.type].filter((k) => k !== null && k !== undefined && k !== '').map(String);
  const key = keys.find((k) => Object.hasOwn(map, k));
  return key ? [...new Set(map[key])] : [];
}

/** The organizer is the clerk. */
function clerkOf(b: CalcomBooking): Clerk | null {
  const o = b.organizer;
  if (!o) return null;
  const id = [o.id, o.username, o.email].find((v) => v !== null && v !== undefined && String(v).trim() !== '');
  if (id === undefined || id === null) return null;
  const name = o.name?.trim() || o.username?.trim() || 'Sachbearbeitung';
  return { id: String(id).slice(0, 128), name: name.slice(0, 200), ...(o.email ? { email: o.email } : {}) };
}

/** The attendee's phone: their own field, else a phone answer in the booking form. */
function phoneOf(b: CalcomBooking): string | undefined {
  const candidates: unknown[] = [b.attendees[0]!.phoneNumber];
  const responses = b.responses ?? {};
  for (const field of PHONE_FIELDS) candidates.push(answer(responses[field]));
  for (const entry of Object.values(responses)) {
    if (isObject(entry) && typeof entry.label === 'string' && /phone|telefon/i.test(entry.label))
      candidates.push(answer(entry));
  }
  candidates.push(b.smsReminderNumber);
  const phone = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
  return phone?.trim().slice(0, 50);
}

/** A response is `{ label, value }` (older versions: the bare value). */
function answer(entry: unknown): unknown {
  return isObject(entry) ? entry.value : entry;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
