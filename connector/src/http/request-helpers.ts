/** Small parsing helpers shared by the routes (thin edges: parse, authorise, call, translate). */
import type { Request } from 'express';
import type { z } from 'zod';
import { HttpError, InvalidInput } from '../errors.ts';

/** First value of a header. */
export function header(req: Request, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** 415 unless the request's Content-Type (parameters such as charset aside) is one of `types`. */
export function requireContentType(req: Request, types: string[]): void {
  const mediaType = (header(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!types.includes(mediaType)) {
    throw new HttpError(`Content-Type must be ${types.join(' or ')}`, {
      status: 415,
      reason: 'unsupported_media_type',
    });
  }
}

/** Parses bytes as JSON; 400 when they are not. */
export function parseJsonBody(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw new HttpError('the body is not valid JSON', { status: 400, reason: 'malformed_json', cause: err });
  }
}

/** Validates a parsed JSON body (express.json) against a schema: 415 for another type, 422 with paths. */
export function jsonBody<T extends z.ZodType>(req: Request, schema: T): z.infer<T> {
  requireContentType(req, ['application/json']);
  const result = schema.safeParse(req.body);
  if (!result.success) {
    throw new InvalidInput('the body does not match the schema', {
      issues: result.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message })),
    });
  }
  return result.data;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header): a string, quoted or bare; undefined when absent. */
export function idempotencyKey(req: Request): string | undefined {
  const raw = header(req, 'idempotency-key');
  if (raw === undefined) return undefined;
  const key = raw.trim().replace(/^"(.*)"$/, '$1');
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new InvalidInput('the Idempotency-Key header is not valid', {
      issues: [{ path: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' }],
    });
  }
  return key;
}
