/**
 * The ONE place that turns errors into HTTP answers: `{ error: <code>, message, issues? }`.
 * The error family maps to its status (shared/errors.ts `httpStatus`, 422 for invalid input here); body-parser's own errors (413, 400, 415) keep theirs;
 * anything else is a 500, logged once with its stack.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { httpStatus } from '@virtuelles-amt/video-service/shared/errors';
import { AppError, HttpError, InvalidInput } from '../errors.ts';
import type { Logger } from '../log.ts';
import { notFoundPage } from './pages/front-door-page.ts';

/** The connector's documented answer to a body that parsed but breaks the schema (docs/adapters.md). */
const INVALID_INPUT_STATUS = 422;

/** body-parser error types → our codes. */
const BODY_ERRORS: Record<string, [number, string]> = {
  'entity.too.large': [413, 'payload_too_large'],
  'entity.parse.failed': [400, 'malformed_json'],
  'encoding.unsupported': [415, 'unsupported_encoding'],
  'charset.unsupported': [415, 'unsupported_charset'],
  'request.aborted': [400, 'request_aborted'],
  'request.size.invalid': [400, 'request_size_invalid'],
};

export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const route = (req.route?.path as string | undefined) ?? 'unmatched';
    if (err instanceof HttpError) {
      log.info({ route, status: err.status, code: err.reason }, 'request refused');
      res.status(err.status).json({ error: err.reason, message: err.message });
      return;
    }
    if (err instanceof AppError) {
      const status = httpStatus(err, INVALID_INPUT_STATUS);
      const code = err.reason ?? err.code;
      log.info({ route, status, code }, 'request refused');
      res.status(status).json({
        error: code,
        message: err.message,
        ...(err instanceof InvalidInput ? { issues: err.issues } : {}),
      });
      return;
    }
    const bodyError = typeof err?.type === 'string' ? BODY_ERRORS[err.type] : undefined;
    if (bodyError) {
      log.info({ route, status: bodyError[0], code: bodyError[1] }, 'request refused');
      res.status(bodyError[0]).json({ error: bodyError[1], message: String(err.message) });
      return;
    }
    log.error({ err, route }, 'unexpected error');
    res.status(500).json({ error: 'internal', message: 'internal server error' });
  };
}

/** 404 for every route nobody answered: JSON for API clients, a readable page for browsers (Accept: text/html first). */
export const notFoundHandler: RequestHandler = (req, res) => {
  if (req.accepts(['json', 'html']) === 'html') {
    res.status(404).type('text/html; charset=utf-8').send(notFoundPage());
    return;
  }
  res.status(404).json({ error: 'not_found', message: 'no such route' });
};

/** Debug line per request with the route pattern (never the URL: it may hold a capability key). */
export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.debug(
        { method: req.method, route: req.route?.path ?? 'unmatched', status: res.statusCode, ms: Math.round(ms) },
        'request',
      );
    });
    next();
  };
}
