/**
 * What both services let into their logs, written once: the `err` serializer and the keys pino censors.
 * Pure (no pino import), so it sits with the other shared modules; connector/src/log.ts and
 * video-service/src/log.ts build their loggers from it.
 */

/** An error as log fields. */
export interface ErrorFields {
  name: string;
  code?: string;
  message?: string;
  stack?: string;
}

/**
 * How every `err` field is written: name, code, message and stack only. Enumerable extras (a driver's `sql`
 * and `parameters`, body-parser's `body`) could carry personal data, so they are left out; for database
 * errors the message goes too, because MariaDB repeats offending values in it ("Duplicate entry 'erika@…'").
 */
export function errorFields(error: unknown): ErrorFields {
  if (!(error instanceof Error))
    return isAlreadyFields(error) ? error : { name: 'NonError', message: String(error).slice(0, 200) };
  const raw = (error as { parent?: { code?: unknown } }).parent?.code ?? (error as { code?: unknown }).code;
  const code = typeof raw === 'string' ? { code: raw } : {};
  if (error.name.startsWith('Sequelize'))
    return {
      name: error.name,
      ...code,
      ...(error.stack ? { stack: error.stack.split('\n').slice(1).join('\n') } : {}),
    };
  return {
    name: error.name,
    ...code,
    message: error.message.slice(0, 500),
    ...(error.stack ? { stack: error.stack } : {}),
  };
}

/** Already passed through errorFields (callers may do that themselves before the serializer runs). */
function isAlreadyFields(value: unknown): value is ErrorFields {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string' &&
    !(value instanceof Error)
  );
}

/**
 * Defence in depth: should an object with these keys ever reach a log call, pino censors them (the code logs
 * ids and outcomes, never these). `url` is in the list because join, .ics and cancel links carry secrets.
 * Names one level down are listed by their holder, not as `*.name`, which would censor `err.name` too.
 */
// The booking facts for the ID check (appt.verify: birth date, street, postcode, phone) are answers to security
// questions: they must never be readable in a log either.
// Passwords, the Authorization and Cookie headers and the parts of a person's name are censored too; pino's
// wildcard reaches one level, so the headers are also listed where a request object holds them (`req.headers`).
const SECRET_KEYS = [
  'token',
  'email',
  'secret',
  'sessionToken',
  'tan',
  'phone',
  'birthDate',
  'street',
  'postcode',
  'address',
  'verify',
  'password',
  'authorization',
  'cookie',
  'firstName',
  'lastName',
  'displayName',
];
// `headers.authorization` and `headers.cookie` are `*.authorization` / `*.cookie` already.
const HEADER_PATHS = [
  'headers["set-cookie"]',
  'headers["proxy-authorization"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
  '*.headers["proxy-authorization"]',
];
export const LOG_REDACT = {
  paths: [
    ...SECRET_KEYS,
    'name',
    'url',
    'key',
    ...SECRET_KEYS.map((k) => `*.${k}`),
    ...['participant', 'citizen', 'clerk', 'from', 'person'].map((holder) => `${holder}.name`),
    ...HEADER_PATHS,
  ],
  censor: '[redacted]',
};
