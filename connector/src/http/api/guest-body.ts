/**
 * The body of "invite a guest", shared by the REST API and the workplace (docs/rest-api.md "Guests"):
 * `{ name, email?, expiresAt? }`. The name is what the others see in the room ("Dolmetscherin Türkisch").
 */
import { z } from 'zod';

export const guestBody = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'required')
    .max(120)
    .refine((s) => !/[\p{Cc}]/u.test(s), 'no control characters'),
  email: z
    .string()
    .trim()
    .max(320)
    .transform((s) => (s === '' ? undefined : s))
    .pipe(z.email().optional())
    .optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});

export type GuestBody = z.infer<typeof guestBody>;
