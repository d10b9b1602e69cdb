/** Payload parsing shared by the handlers: a zod schema or `InvalidInput`; the clerk-role check. */
import { z } from 'zod';
import { Forbidden, InvalidInput } from '../../errors.ts';
import type { VideoSocket } from '../types.ts';

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

/** Text typed by a person: trimmed, not empty, at most `max` characters, no control characters but line breaks and tabs. */
export function typedText(max: number) {
  return z
    .string()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, 'must not be empty')
        .max(max, `must be at most ${max} characters`)
        // eslint-disable-next-line no-control-regex
        .refine(
          (s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s),
          'must not contain control characters',
        ),
    );
}

/** Throws `Forbidden` unless the socket's token made it a clerk. */
export function requireClerk(socket: VideoSocket, what: string): void {
  if (socket.data.participant.role !== 'clerk') throw new Forbidden(`Only a clerk may ${what}.`);
}
