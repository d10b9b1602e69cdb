/**
 * Easy!Appointments: `POST /webhooks/easyappointments/<EASYAPPOINTMENTS_WEBHOOK_SECRET>`, body per
 * ./schema.ts. E!A signs nothing and never retries, so the long random path secret is the credential
 * (a wrong one is answered exactly like an unknown route), and every delivery is applied as a state:
 * - appointment_save → create, move (other times), or take over other fields (domain/save-booking.ts);
 *   local times are read in TIMEZONE; a status starting with "cancel" cancels;
 * - appointment_delete → cancel (an appointment the connector never saw: 200 ignored);
 * - unavailabilities, services outside EASYAPPOINTMENTS_SERVICE_MAP (when set), other actions → 200 ignored.
 * The payload has no customer e-mail: with EASYAPPOINTMENTS_API_URL the customer (and the service's name,
 * the provider's name) is fetched through the REST API; without it, or when the look-up fails, the
 * appointment is stored without the citizen's address — no mail, but the answer still carries the links.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { factsFromFields, withFacts } from '../../domain/verify-facts.ts';
import { z } from 'zod';
import type { ConnectorConfig } from '../../config.ts';
import type { BookingDetails, BookingEvent, Citizen, Clerk } from '../../domain/appointment.ts';
import { wallTimeToDate } from '../../domain/zoned-time.ts';
import { InvalidInput, NotFound } from '../../errors.ts';
import type { AdapterContext, BookingAdapter } from '../booking-adapter.ts';
import { parseWithSchema } from '../parse-with-schema.ts';
import { EasyAppointmentsApiError, EasyAppointmentsClient } from './api-client.ts';
import { eaAppointmentSchemaFor, eaDeletedSchema, eaEnvelopeSchema, type EaAppointment } from './schema.ts';

type EaConfig = Pick<
  ConnectorConfig,
  | 'easyAppointmentsWebhookSecret'
  | 'easyAppointmentsApiUrl'
  | 'easyAppointmentsApiKey'
  | 'easyAppointmentsApiUser'
  | 'easyAppointmentsApiPassword'
  | 'easyAppointmentsServiceMap'
  | 'timezone'
  | 'allowPrivateTargets'
>;

/** E!A stores language names; the mail needs a tag. Unknown names → German (the default). */
const LANGUAGES: Record<string, string> = {
  german: 'de',
  english: 'en',
  french: 'fr',
  italian: 'it',
  spanish: 'es',
  dutch: 'nl',
  polish: 'pl',
  turkish: 'tr',
  arabic: 'ar',
  russian: 'ru',
  portuguese: 'pt',
  greek: 'el',
  ukrainian: 'uk',
};
const email = z.email().max(254);

export function easyAppointmentsAdapter(config: EaConfig, context?: AdapterContext): BookingAdapter | undefined {
  const secret = config.easyAppointmentsWebhookSecret;
  if (!secret) return undefined;
  const expected = createHash('sha256').update(secret).digest();
  const api = config.easyAppointmentsApiUrl
    ? new EasyAppointmentsClient({
        url: config.easyAppointmentsApiUrl,
        ...(config.easyAppointmentsApiKey ? { apiKey: config.easyAppointmentsApiKey } : {}),
        ...(config.easyAppointmentsApiUser
          ? { user: config.easyAppointmentsApiUser, password: config.easyAppointmentsApiPassword ?? '' }
          : {}),
        allowPrivate: config.allowPrivateTargets,
      })
    : null;
  const log = context?.log;
  const serviceMap = config.easyAppointmentsServiceMap;
  const isVideoService = (serviceId: string | undefined) =>
    !serviceMap || (serviceId !== undefined && Object.hasOwn(serviceMap, serviceId));

  /** Looks one resource up; a failure is logged (reason only) and leaves the field unknown. */
  const lookup = async <T>(
    what: string,
    appointmentId: string,
    id: string | undefined,
    get: (id: string) => Promise<T>,
  ) => {
    if (!api || !id) return undefined;
    try {
      return await get(id);
    } catch (err) {
      const reason = err instanceof EasyAppointmentsApiError ? err.reason : 'unexpected error';
      log?.warn(
        { resource: what, appointment: appointmentId, reason },
        'Easy!Appointments look-up failed; continuing without it',
      );
      return undefined;
    }
  };

  const save = async (payload: unknown): Promise<BookingEvent | null> => {
    const a = parseWithSchema(eaAppointmentSchemaFor(payload), payload, 'Easy!Appointments appointment', 'payload');
    if (a.unavailability || !isVideoService(a.serviceId)) return null;
    if (a.status && /^\s*cancel/i.test(a.status)) return { type: 'cancelled', externalId: a.id };
    const [customer, service, provider] = await Promise.all([
      lookup('customer', a.id, a.customerId, (id) => api!.customer(id)),
      lookup('service', a.id, a.serviceId, (id) => api!.service(id)),
      lookup('provider', a.id, a.providerId, (id) => api!.provider(id)),
    ]);
    const providerName = fullName(provider?.firstName, provider?.lastName);
    const clerk: Clerk | null = a.providerId
      ? {
          id: a.providerId,
          name: providerName || 'Sachbearbeitung',
          ...(provider?.email && email.safeParse(provider.email).success ? { email: provider.email } : {}),
        }
      : null;
    const booking: BookingDetails = {
      externalId: a.id,
      title: (service?.name?.trim() || 'Video-Termin').slice(0, 300),
      ...times(a, payload, config.timezone),
      timezone: config.timezone,
      services: [...new Set(a.serviceId && serviceMap ? serviceMap[a.serviceId] : [])],
      citizen: citizenOf(a, customer),
      clerk,
      notes: a.notes?.trim() ? a.notes.trim().slice(0, 2000) : null,
    };
    return { type: 'saved', booking };
  };

  const ACTIONS: Record<string, (payload: unknown) => Promise<BookingEvent | null>> = {
    appointment_save: save,
    appointment_delete: async (payload) => {
      const d = parseWithSchema(eaDeletedSchema, payload, 'Easy!Appointments appointment', 'payload');
      if (d.serviceId !== undefined && !isVideoService(d.serviceId)) return null;
      return { type: 'cancelled', externalId: d.id };
    },
  };

  return {
    name: 'easyappointments',
    source: 'easyappointments',
    path: '/webhooks/easyappointments/:secret',
    ignoresUnknownCancellations: true,
    authenticate(request) {
      const given = createHash('sha256')
        .update(request.params.secret ?? '')
        .digest();
      // Same answer as a route that does not exist: a wrong secret learns nothing.
      if (!timingSafeEqual(given, expected)) throw new NotFound('no such route');
      // E!A sends no delivery id and never retries; deliveries are applied as states (idempotent).
      return `easyappointments-${randomUUID()}`;
    },
    async parse(payload) {
      const envelope = parseWithSchema(eaEnvelopeSchema, payload, 'Easy!Appointments webhook');
      const handler = Object.hasOwn(ACTIONS, envelope.action) ? ACTIONS[envelope.action] : undefined;
      return handler ? handler(envelope.payload) : null;
    },
  };
}

/** Local wall times → instants in `timeZone` (DST-correct); end must follow start, within 24 h. */
function times(a: EaAppointment, payload: unknown, timeZone: string): { start: Date; end: Date } {
  const start = wallTimeToDate(a.start, timeZone);
  const end = wallTimeToDate(a.end, timeZone);
  const endPath =
    typeof payload === 'object' && payload !== null && 'end_datetime' in payload
      ? 'payload.end_datetime'
      : 'payload.end';
  const span = end.getTime() - start.getTime();
  if (span <= 0)
    throw new InvalidInput('the appointment ends before it starts', {
      issues: [{ path: endPath, message: 'must be after the start' }],
    });
  if (span > 24 * 3600 * 1000)
    throw new InvalidInput('the appointment is too long', {
      issues: [{ path: endPath, message: 'an appointment lasts at most 24 hours' }],
    });
  return { start, end };
}

type EaCustomerFields = {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  language?: string | null;
  address?: string | null;
  zip?: string | null;
};

function citizenOf(a: EaAppointment, customer: EaCustomerFields | undefined): Citizen {
  const name =
    fullName(customer?.firstName, customer?.lastName) ||
    (a.customerId ? `Kundin/Kunde Nr. ${a.customerId}` : 'Bürgerin/Bürger');
  const address = customer?.email?.trim();
  const language = customer?.language?.trim().toLowerCase();
  const locale = language
    ? (LANGUAGES[language] ?? (/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(language) ? language : undefined))
    : undefined;
  const citizen: Citizen = {
    name: name.slice(0, 200),
    email: address && email.safeParse(address).success ? address : '',
    ...(customer?.phone?.trim() ? { phone: customer.phone.trim().slice(0, 50) } : {}),
    ...(locale ? { locale } : {}),
  };
  // The customer's address and postcode (Easy!Appointments has no birth date field) for the ID-check questions.
  return withFacts(citizen, factsFromFields({ street: customer?.address, postcode: customer?.zip }));
}

function fullName(first: string | null | undefined, last: string | null | undefined): string {
  return [first, last]
    .map((p) => p?.trim() ?? '')
    .filter(Boolean)
    .join(' ');
}
