/**
 * pino logging. The service creates one root logger from its configuration and hands each module a child
 * (`logger.child({ module: 'tokens' })`). Never log names, tokens, secrets, request bodies or full URLs
 * that carry secrets: log ids (room, participant id, jti) and outcomes.
 */
import { pino, type Logger, type DestinationStream } from 'pino';
import { errorFields, LOG_REDACT } from './shared/log-fields.ts';

export type { Logger };
export { errorFields };

/** Creates the root logger; `destination` defaults to stdout (tests may pass a stream to inspect lines). */
export function createRootLogger(level: string, destination?: DestinationStream): Logger {
  // Every `err` field goes through errorFields, also where a caller passes the raw error; keys that could
  // carry personal data or secrets are censored as in the connector (shared/log-fields.ts).
  const options = { level, base: { service: 'video-service' }, serializers: { err: errorFields }, redact: LOG_REDACT };
  return destination ? pino(options, destination) : pino(options);
}
