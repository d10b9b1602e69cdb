/**
 * The one error middleware: error types → status and `{ error, message }`; a refused token or session →
 * 401 `{ error: <reason>, message, opensAt? }` (contract/session.ts SessionRefusal); body-parser errors
 * keep their 4xx; anything else is 500, logged once.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, httpStatus, Unauthorized } from '../errors.ts';
import { errorFields, type Logger } from '../log.ts';

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: 'not_found', message: 'Not found' });
};

/** body-parser and http-errors mark client errors with `status` and `expose`. */
function clientError(error: unknown): { status: number; message: string } | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  const status = Number(error.status);
  if (!(status >= 400 && status < 500)) return undefined;
  const type = 'type' in error ? String(error.type) : '';
  const message =
    type === 'entity.too.large'
      ? 'The request body is too large.'
      : type === 'entity.parse.failed'
        ? 'The request body is not valid JSON.'
        : 'The request could not be processed.';
  return { status, message };
}

export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) {
      log.error({ err: errorFields(error), method: req.method, path: req.path }, 'error after the answer started');
      return;
    }
    if (error instanceof Unauthorized) {
      res.status(401).json({
        error: error.reason,
        message: error.message,
        ...(error.opensAt ? { opensAt: error.opensAt.toISOString() } : {}),
        ...(error.early ? { appointment: error.early } : {}),
      });
      return;
    }
    if (error instanceof AppError) {
      res
        .status(httpStatus(error))
        .json({ error: error.code, message: error.message, ...(error.reason ? { reason: error.reason } : {}) });
      return;
    }
    const client = clientError(error);
    if (client) {
      res
        .status(client.status)
        .json({ error: client.status === 413 ? 'too_large' : 'invalid_input', message: client.message });
      return;
    }
    log.error({ err: errorFields(error), method: req.method, path: req.path }, 'request failed');
    res.status(500).json({ error: 'internal', message: 'Internal error' });
  };
}
