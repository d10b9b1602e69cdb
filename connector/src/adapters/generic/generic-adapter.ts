/**
 * The generic webhook `POST /webhooks/generic`: Standard Webhooks signature with
 * GENERIC_WEBHOOK_SECRET, idempotency key = `webhook-id`, payload per ./schema.ts.
 */
import type { ConnectorConfig } from '../../config.ts';
import type { BookingDetails, BookingEvent } from '../../domain/appointment.ts';
import { InvalidInput } from '../../errors.ts';
import { verify } from '../../tokens/standard-webhooks.ts';
import type { BookingAdapter } from '../booking-adapter.ts';
import { factsFromFields, withFacts } from '../../domain/verify-facts.ts';
import { genericPayloadSchema, type GenericAppointment } from './schema.ts';

/** Maps a validated generic `appointment` object; `defaultTimezone` applies when it names none. */
export function bookingFromGenericAppointment(a: GenericAppointment, defaultTimezone: string): BookingDetails {
  return {
    externalId: a.id,
    title: a.title,
    start: new Date(a.start),
    end: new Date(a.end),
    timezone: a.timezone ?? defaultTimezone,
    services: [...new Set(a.services)],
    citizen: withFacts(
      {
        name: a.citizen.name,
        email: a.citizen.email,
        ...(a.citizen.phone ? { phone: a.citizen.phone } : {}),
        ...(a.citizen.locale ? { locale: a.citizen.locale } : {}),
      },
      factsFromFields({
        birthDate: a.citizen.birthDate,
        street: a.citizen.address?.street,
        postcode: a.citizen.address?.postcode,
      }),
    ),
    clerk: a.clerk ? { id: a.clerk.id, name: a.clerk.name, ...(a.clerk.email ? { email: a.clerk.email } : {}) } : null,
    notes: a.notes ?? null,
  };
}

export function genericAdapter(
  config: Pick<ConnectorConfig, 'genericWebhookSecret' | 'timezone'>,
): BookingAdapter | undefined {
  const secret = config.genericWebhookSecret;
  if (!secret) return undefined;
  const toBooking = (a: GenericAppointment) => bookingFromGenericAppointment(a, config.timezone);

  return {
    name: 'generic',
    source: 'generic',
    authenticate(request, now) {
      return verify(
        secret,
        {
          id: request.headers['webhook-id'],
          timestamp: request.headers['webhook-timestamp'],
          signature: request.headers['webhook-signature'],
        },
        request.rawBody,
        now,
      );
    },
    parse(payload): BookingEvent {
      const result = genericPayloadSchema.safeParse(payload);
      if (!result.success) {
        throw new InvalidInput('the payload does not match the generic webhook schema', {
          issues: result.error.issues.map((i) => ({
            path: i.path.map(String).join('.') || '(body)',
            message: i.message,
          })),
        });
      }
      const body = result.data;
      switch (body.type) {
        case 'appointment.created':
          return { type: 'created', booking: toBooking(body.appointment) };
        case 'appointment.rescheduled':
          return { type: 'rescheduled', booking: toBooking(body.appointment) };
        case 'appointment.cancelled':
          return {
            type: 'cancelled',
            externalId: body.appointment.id,
            ...(body.reason ? { reason: body.reason } : {}),
          };
      }
    },
  };
}
