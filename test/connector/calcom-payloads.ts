/**
 * Cal.com webhook bodies for the tests, shaped like Cal.com sends them without a payload template
 * (https://cal.com/docs/developing/guides/automation/webhooks; calcom/cal.com
 * packages/features/webhooks/lib/sendPayload.ts and the v2021-10-20 BookingPayloadBuilder), and an
 * independent signer (`X-Cal-Signature-256` = hex HMAC-SHA256 of the raw body).
 */
import { createHmac, randomBytes } from 'node:crypto';

/** A Cal.com booking uid (Cal.com uses short random ids). */
export const calUid = () => randomBytes(11).toString('base64url');

export interface CalBookingOptions {
  uid?: string;
  start?: Date;
  minutes?: number;
  eventTypeId?: number;
  slug?: string;
  attendee?: Partial<{ name: string; email: string; timeZone: string; locale: string }>;
}

/** The fields the tests touch; the rest passes as `any`. */
export interface CalBookingPayload {
  uid: string;
  bookingId: number;
  startTime: string;
  endTime: string;
  attendees: Array<Record<string, any>>;
  [field: string]: any;
}

/** The `payload` of BOOKING_CREATED / BOOKING_RESCHEDULED as Cal.com builds it. */
export function calBooking(options: CalBookingOptions = {}): CalBookingPayload {
  const start = options.start ?? inMinutes(60);
  const end = new Date(start.getTime() + (options.minutes ?? 30) * 60_000);
  const attendee = {
    name: 'Erika Mustermann',
    email: 'erika@example.org',
    timeZone: 'Europe/Berlin',
    locale: 'de',
    ...options.attendee,
  };
  const uid = options.uid ?? calUid();
  return {
    type: options.slug ?? 'anmeldung-video',
    title: `Anmeldung (Video) zwischen Bürgeramt Musterstadt und ${attendee.name}`,
    description: 'Bitte Personalausweis bereithalten',
    additionalNotes: 'Bitte Personalausweis bereithalten',
    customInputs: {},
    startTime: start.toISOString().replace('.000Z', 'Z'),
    endTime: end.toISOString().replace('.000Z', 'Z'),
    organizer: {
      id: 7,
      name: 'Max Schulz',
      email: 'schulz@buergeramt.example.org',
      username: 'max.schulz',
      timeZone: 'Europe/Berlin',
      language: { locale: 'de' },
      timeFormat: 'h:mma',
      utcOffset: 120,
    },
    responses: {
      name: { label: 'your_name', value: attendee.name },
      email: { label: 'email_address', value: attendee.email },
      attendeePhoneNumber: { label: 'Telefonnummer', value: '+49 30 1234567' },
      location: { label: 'Ort', value: { optionValue: '', value: 'integrations:daily' } },
      notes: { label: 'Zusätzliche Notizen', value: 'Bitte Personalausweis bereithalten' },
      guests: { label: 'Weitere Gäste', value: [] },
    },
    userFieldsResponses: {},
    attendees: [
      {
        email: attendee.email,
        name: attendee.name,
        firstName: attendee.name.split(' ')[0],
        lastName: attendee.name.split(' ').slice(1).join(' '),
        timeZone: attendee.timeZone,
        language: { locale: attendee.locale },
        utcOffset: 120,
      },
    ],
    location: 'integrations:daily',
    destinationCalendar: null,
    hideCalendarNotes: false,
    requiresConfirmation: false,
    eventTypeId: options.eventTypeId ?? 1201,
    seatsShowAttendees: true,
    seatsPerTimeSlot: null,
    uid,
    conferenceData: null,
    videoCallData: { type: 'daily_video', id: 'abc', password: '', url: 'https://video.example/abc' },
    appsStatus: [],
    eventTitle: 'Anmeldung (Video)',
    eventDescription: 'Anmeldung einer Wohnung per Video',
    price: 0,
    currency: 'eur',
    length: options.minutes ?? 30,
    bookingId: Math.floor(Math.random() * 1_000_000),
    metadata: { videoCallUrl: 'https://app.cal.com/video/abc' },
    status: 'ACCEPTED',
  };
}

/** A whole webhook body. */
export function calBody(
  triggerEvent: string,
  payload: Record<string, unknown>,
  createdAt = new Date().toISOString(),
): string {
  return JSON.stringify({ triggerEvent, createdAt, payload });
}

/** Cal.com's signature of exactly these bytes. */
export function calSignature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export interface CalResponse {
  status: number;
  body: any;
}

/** POSTs `body` to /webhooks/calcom, signed with `secret` unless `signature` is given (null: no header). */
export async function postCalcom(
  baseUrl: string,
  secret: string,
  body: string,
  options: { signature?: string | null; contentType?: string } = {},
): Promise<CalResponse> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  const signature = options.signature === undefined ? calSignature(secret, body) : options.signature;
  if (signature !== null) headers['x-cal-signature-256'] = signature;
  const res = await fetch(`${baseUrl}/webhooks/calcom`, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed };
}

export function inMinutes(minutes: number): Date {
  const d = new Date(Date.now() + minutes * 60_000);
  d.setUTCSeconds(0, 0);
  return d;
}
