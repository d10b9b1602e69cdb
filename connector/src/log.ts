/**
 * pino logging. The connector creates one root logger from its config and hands child loggers
 * (`{ module }`) to its parts. Never log names, e-mail addresses, tokens, secrets, request bodies or
 * URLs that carry secrets (join links, .ics keys, cancel links).
 */
import { destination as pinoDestination, pino, type Logger } from 'pino';

export type { Logger };

/** Log levels accepted in LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * How every `err` field is written: name, code, message and stack only. Database errors carry the SQL and its
 * values (names, e-mail addresses) in extra properties, and MariaDB repeats offending values in its messages
 * ("Duplicate entry 'erika@…'"), so for them only the name and the driver's error code are kept.
 */
export function safeError(err: unknown): { name: string; code?: string; message?: string; stack?: string } {
  if (!(err instanceof Error)) return isSafe(err) ? err : { name: 'NonError', message: String(err).slice(0, 200) };
  const raw = (err as { code?: unknown; parent?: { code?: unknown } }).parent?.code ?? (err as { code?: unknown }).code;
  const code = typeof raw === 'string' ? { code: raw } : {};
  if (err.name.startsWith('Sequelize')) return { name: err.name, ...code, ...(err.stack ? { stack: err.stack.split('\n').slice(1).join('\n') } : {}) };
  return { name: err.name, ...code, message: err.message.slice(0, 500), ...(err.stack ? { stack: err.stack } : {}) };
}

/** Already passed through safeError (callers may do that themselves before the serializer runs). */
function isSafe(value: unknown): value is ReturnType<typeof safeError> {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string' && !(value instanceof Error);
}

/** The root logger of one process part (`service` names it in every line). */
export function createLogger(level: LogLevel, service = 'connector'): Logger {
  // Asynchronous writes: lines logged while a write is under way go out together in one system call
  // instead of one blocking write each (a webhook logs two or three lines). pino flushes at exit.
  const destination = pinoDestination({ dest: 1, sync: false });
  return pino({
    level,
    base: { service },
    serializers: { err: safeError },
    // Defence in depth: should an object with these keys ever reach a log call, it is censored.
    redact: {
      paths: ['token', 'email', 'name', 'secret', 'url', 'key', '*.token', '*.email', '*.name', '*.secret'],
      censor: '[redacted]',
    },
  }, destination);
}
