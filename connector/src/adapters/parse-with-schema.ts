/** Shared by the adapters: validate a vendor payload with its zod schema, or fail with field paths (422). */
import type { z } from 'zod';
import { InvalidInput } from '../errors.ts';

/**
 * @param prefix path of `value` inside the body, e.g. `payload` → issues like `payload.startTime`.
 * @throws InvalidInput listing every violated field.
 */
export function parseWithSchema<T extends z.ZodType>(schema: T, value: unknown, what: string, prefix = ''): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidInput(`the payload does not match the ${what} schema`, {
    issues: result.error.issues.map((i) => ({
      path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)',
      message: i.message,
    })),
  });
}
