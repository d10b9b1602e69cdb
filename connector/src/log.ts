/**
 * pino logging. The connector creates one root logger from its config and hands child loggers
 * (`{ module }`) to its parts. Never log names, e-mail addresses, tokens, secrets, request bodies or
 * URLs that carry secrets (join links, .ics keys, cancel links).
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Log levels accepted in LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The root logger of one process part (`service` names it in every line). */
export function createLogger(level: LogLevel, service = 'connector'): Logger {
  return pino({
    level,
    base: { service },
    // Defence in depth: should an object with these keys ever reach a log call, it is censored.
    redact: {
      paths: ['token', 'email', 'name', 'secret', 'url', 'key', '*.token', '*.email', '*.name', '*.secret'],
      censor: '[redacted]',
    },
  });
}
