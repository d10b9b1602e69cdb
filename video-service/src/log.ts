/**
 * pino logging. The service creates one root logger from its configuration and hands each module a child
 * (`logger.child({ module: 'tokens' })`). Never log names, tokens, secrets, request bodies or full URLs
 * that carry secrets: log ids (room, participant id, jti) and outcomes.
 */
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/** Creates the root logger; `destination` defaults to stdout (tests may pass a stream to inspect lines). */
export function createRootLogger(level: string, destination?: DestinationStream): Logger {
  // Every `err` field goes through errorFields, also where a caller passes the raw error.
  const options = { level, base: { service: 'video-service' }, serializers: { err: errorFields } };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * An error as log fields: name, message, code and stack only. Enumerable extras (a driver's `sql` and
 * `parameters`, body-parser's `body`) could carry personal data, so they are left out; for database errors
 * the message goes too, because MariaDB repeats offending values in it ("Duplicate entry '…'").
 */
export function errorFields(error: unknown): { name: string; message?: string; code?: string; stack?: string } {
  if (!(error instanceof Error)) {
    const already = typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string';
    return already ? (error as { name: string }) : { name: 'NonError', message: String(error).slice(0, 200) };
  }
  const raw = (error as { parent?: { code?: unknown } }).parent?.code ?? (error as { code?: unknown }).code;
  const code = typeof raw === 'string' ? { code: raw } : {};
  if (error.name.startsWith('Sequelize')) return { name: error.name, ...code, ...(error.stack ? { stack: error.stack.split('\n').slice(1).join('\n') } : {}) };
  return { name: error.name, message: error.message, ...code, ...(error.stack ? { stack: error.stack } : {}) };
}
