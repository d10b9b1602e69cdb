/**
 * pino logging. The connector creates one root logger from its config and hands child loggers
 * (`{ module }`) to its parts. Never log names, e-mail addresses, tokens, secrets, request bodies or
 * URLs that carry secrets (join links, .ics keys, cancel links).
 */
import { errorFields, LOG_REDACT } from '@virtuelles-amt/video-service/shared/log-fields';
import { destination as pinoDestination, pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Log levels accepted in LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** How every `err` field is written (one serializer for both services: video-service/src/shared/log-fields.ts). */
export const safeError = errorFields;

/** The root logger of one process part (`service` names it in every line). */
/** `destination` defaults to stdout (tests pass a stream to read the lines). */
export function createLogger(
  level: LogLevel,
  service = 'connector',
  destination: DestinationStream = pinoDestination({ dest: 1, sync: false }),
): Logger {
  // Asynchronous writes: lines logged while a write is under way go out together in one system call
  // instead of one blocking write each (a webhook logs two or three lines). pino flushes at exit.
  return pino(
    {
      level,
      base: { service },
      serializers: { err: safeError },
      // Defence in depth: should an object with these keys ever reach a log call, it is censored.
      redact: LOG_REDACT,
    },
    destination,
  );
}
