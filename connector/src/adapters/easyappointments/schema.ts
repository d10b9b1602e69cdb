/**
 * Easy!Appointments webhooks and REST API resources.
 *
 * Webhook: a JSON POST `{ "action", "payload" }`, unsigned and never retried; for appointment actions
 * `payload` is the appointment's database row (snake_case, local `YYYY-MM-DD HH:MM:SS` times in the
 * installation's zone). The column list is not documented, so both the row and the REST API's camelCase
 * appointment resource are accepted.
 * - https://easyappointments.org/documentation/ (Webhooks; Settings → Webhooks)
 * - alextselegidis/easyappointments `application/libraries/Webhooks_client.php`,
 *   `application/models/Appointments_model.php` (`$api_resource` maps row ↔ resource)
 * REST API v1 (`/index.php/api/v1/…`, Basic auth or the API key as Bearer token):
 * - https://easyappointments.org/documentation/rest-api/
 */
import { z } from 'zod';

export const eaEnvelopeSchema = z.object({
  action: z.string().min(1).max(100),
  payload: z.unknown(),
});

/** Ids arrive as numbers (1.5: casts) or as strings (older versions). */
const id = z
  .union([z.number().int().positive(), z.string().regex(/^\d{1,18}$/, 'must be a numeric id')])
  .transform(String);

/** `YYYY-MM-DD HH:MM[:SS]` local time without zone; the day must exist in the calendar. */
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/, 'must be a local date and time YYYY-MM-DD HH:MM:SS')
  .transform((v) => {
    const t = v.replace(' ', 'T');
    return t.length === 16 ? `${t}:00` : t;
  })
  .refine((v) => {
    const ms = Date.parse(`${v}Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === v;
  }, 'is not a real date and time');

const flag = z.union([z.boolean(), z.number(), z.string()]).nullish();
const text = z.string().max(10_000).nullish();

/** The appointments table row (what webhooks send). */
const appointmentRow = z.looseObject({
  id,
  start_datetime: localDateTime,
  end_datetime: localDateTime,
  id_users_customer: id.nullish(),
  id_users_provider: id.nullish(),
  id_services: id.nullish(),
  notes: text,
  status: text,
  is_unavailability: flag,
});

/** The REST API's appointment resource (camelCase). */
const appointmentResource = z.looseObject({
  id,
  start: localDateTime,
  end: localDateTime,
  customerId: id.nullish(),
  providerId: id.nullish(),
  serviceId: id.nullish(),
  notes: text,
  status: text,
});

/** One appointment, whichever form it came in. */
export interface EaAppointment {
  id: string;
  /** `YYYY-MM-DDTHH:MM:SS`, wall time in the installation's zone. */
  start: string;
  end: string;
  customerId?: string;
  providerId?: string;
  serviceId?: string;
  notes?: string;
  status?: string;
  unavailability: boolean;
}

const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';

/** The database row → EaAppointment. */
export const eaAppointmentRowSchema = appointmentRow.transform(
  (r): EaAppointment =>
    compact({
      id: r.id,
      start: r.start_datetime,
      end: r.end_datetime,
      customerId: r.id_users_customer,
      providerId: r.id_users_provider,
      serviceId: r.id_services,
      notes: r.notes,
      status: r.status,
      unavailability: truthy(r.is_unavailability),
    }),
);

/** The REST resource → EaAppointment. */
export const eaAppointmentResourceSchema = appointmentResource.transform(
  (r): EaAppointment =>
    compact({
      id: r.id,
      start: r.start,
      end: r.end,
      customerId: r.customerId,
      providerId: r.providerId,
      serviceId: r.serviceId,
      notes: r.notes,
      status: r.status,
      unavailability: false,
    }),
);

/** Which form a payload is in: the row has `start_datetime`, the resource `start`. */
export function eaAppointmentSchemaFor(
  payload: unknown,
): typeof eaAppointmentRowSchema | typeof eaAppointmentResourceSchema {
  const isResource =
    typeof payload === 'object' && payload !== null && !('start_datetime' in payload) && 'start' in payload;
  return isResource ? eaAppointmentResourceSchema : eaAppointmentRowSchema;
}

/** appointment_delete needs only the id (and the service, for EASYAPPOINTMENTS_SERVICE_MAP). */
export const eaDeletedSchema = z
  .looseObject({ id, id_services: id.nullish(), serviceId: id.nullish() })
  .transform((r) => ({ id: r.id, serviceId: r.id_services ?? r.serviceId ?? undefined }));

/** REST `GET /customers/{id}` (1.5 adds timezone and language). */
export const eaCustomerSchema = z.looseObject({
  firstName: z.string().max(256).nullish(),
  lastName: z.string().max(256).nullish(),
  email: z.string().max(512).nullish(),
  phone: z.string().max(128).nullish(),
  address: z.string().max(512).nullish(),
  zip: z.string().max(64).nullish(),
  timezone: z.string().max(64).nullish(),
  language: z.string().max(64).nullish(),
});

/** REST `GET /services/{id}`. */
export const eaServiceSchema = z.looseObject({ name: z.string().max(1000).nullish() });

/** REST `GET /providers/{id}`. */
export const eaProviderSchema = z.looseObject({
  firstName: z.string().max(256).nullish(),
  lastName: z.string().max(256).nullish(),
  email: z.string().max(512).nullish(),
});

export type EaCustomer = z.infer<typeof eaCustomerSchema>;
export type EaService = z.infer<typeof eaServiceSchema>;
export type EaProvider = z.infer<typeof eaProviderSchema>;

/** Drops null/undefined members so optional fields stay absent. */
function compact(o: Record<string, unknown>): EaAppointment {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== null && v !== undefined),
  ) as unknown as EaAppointment;
}
