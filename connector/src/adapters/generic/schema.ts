/**
 * The product's own inbound webhook format (docs/webhooks.md), signed per Standard Webhooks:
 * `{ type: "appointment.created" | "appointment.rescheduled" | "appointment.cancelled", appointment: {…} }`.
 */
import { z } from 'zod';
import { isValidTimeZone } from '../../config.ts';

const citizen = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254),
  phone: z.string().trim().max(50).optional(),
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "de" or "en-GB"')
    .optional(),
  /** For the ID check's security questions (clerk token only, docs/adr/0015): YYYY-MM-DD. */
  birthDate: z.iso.date('must be a date YYYY-MM-DD').optional(),
  /** Likewise: the citizen's address as the booking system knows it. */
  address: z
    .object({
      street: z.string().trim().max(200).optional(),
      postcode: z.string().trim().max(20).optional(),
      city: z.string().trim().max(200).optional(),
    })
    .optional(),
});

const clerk = z.object({
  id: z.string().trim().min(1).max(128),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254).optional(),
});

const externalId = z.string().trim().min(1).max(255);

/** The full appointment, required for created and rescheduled. */
const appointment = z
  .object({
    id: externalId,
    title: z.string().trim().min(1).max(300),
    start: z.iso.datetime({ offset: true, error: 'must be ISO 8601 with an offset, e.g. 2025-06-02T10:00:00+02:00' }),
    end: z.iso.datetime({ offset: true, error: 'must be ISO 8601 with an offset, e.g. 2025-06-02T10:30:00+02:00' }),
    /** Optional: the connector's TIMEZONE applies when missing. */
    timezone: z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin').optional(),
    services: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'service codes are lowercase letters, digits, - and _'))
      .max(20)
      .default([]),
    citizen,
    clerk: clerk.optional(),
    notes: z.string().max(2000).optional(),
  })
  .refine((a) => Date.parse(a.end) > Date.parse(a.start), { path: ['end'], message: 'end must be after start' })
  .refine((a) => Date.parse(a.end) - Date.parse(a.start) <= 24 * 3600 * 1000, {
    path: ['end'],
    message: 'an appointment lasts at most 24 hours',
  });

export const genericPayloadSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('appointment.created'), appointment }),
  z.object({ type: z.literal('appointment.rescheduled'), appointment }),
  z.object({
    type: z.literal('appointment.cancelled'),
    /** Only the id is needed; the rest of the appointment may be sent and is ignored. */
    appointment: z.looseObject({ id: externalId }),
    reason: z.string().max(500).optional(),
  }),
]);

/** The generic `appointment` object alone (also the body of the REST API's `POST /api/appointments`). */
export const genericAppointmentSchema = appointment;
export type GenericAppointment = z.infer<typeof appointment>;

export type GenericPayload = z.infer<typeof genericPayloadSchema>;
/** What a booking system sends (before defaults apply). */
export type GenericPayloadInput = z.input<typeof genericPayloadSchema>;
