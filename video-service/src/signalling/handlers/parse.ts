/** Payload parsing shared by the handlers: a zod schema or `InvalidInput`. */
import { z } from 'zod';
import { InvalidInput } from '../../errors.ts';

export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> {
  const result = schema.safeParse(payload);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
    throw new InvalidInput(`Invalid payload (${detail})`);
  }
  return result.data;
}

/** Requests without parameters accept an empty object (or nothing). */
export const emptyPayload = z.object({}).nullish();

export const participantId = z.string().min(1).max(128);
