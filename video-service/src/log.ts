/**
 * pino logging. The service creates one root logger from its configuration and hands each module a child
 * (`logger.child({ module: 'tokens' })`). Never log names, tokens, secrets, request bodies or full URLs
 * that carry secrets: log ids (room, participant id, jti) and outcomes.
 */
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/** Creates the root logger; `destination` defaults to stdout (tests may pass a stream to inspect lines). */
export function createRootLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'video-service' } };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * An error as log fields: name, message, code and stack only. Enumerable extras (a driver's `sql` and
 * `parameters`, body-parser's `body`) could carry personal data, so they are left out.
 */
export function errorFields(error: unknown): { name: string; message: string; code?: string; stack?: string } {
  if (!(error instanceof Error)) return { name: 'NonError', message: String(error).slice(0, 200) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}), ...(error.stack ? { stack: error.stack } : {}) };
}
