/**
 * The few error types the connector uses. Use cases and adapters throw these; ONE express error
 * middleware (http/error-middleware.ts) turns them into answers. The cause is kept for the log.
 */

/** A field-level problem in some input, e.g. `{ path: 'appointment.start', message: 'Invalid ISO datetime' }`. */
export interface Issue {
  path: string;
  message: string;
}

/** Base class: `code` is the machine-readable reason put into the answer's `error` field. */
export class AppError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Input that parsed but does not satisfy the schema (HTTP 422 with the field paths). */
export class InvalidInput extends AppError {
  readonly issues: Issue[];
  constructor(message: string, issues: Issue[] = [], options?: { cause?: unknown }) {
    super('invalid_input', message, options);
    this.issues = issues;
  }
}

/** Missing or wrong credentials: signature, token, key (HTTP 401). */
export class Unauthorized extends AppError {
  constructor(message = 'unauthorized', code = 'unauthorized', options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Authenticated, but not allowed to do this (HTTP 403). */
export class Forbidden extends AppError {
  constructor(message = 'forbidden', code = 'forbidden') {
    super(code, message);
  }
}

/** The thing does not exist, or the caller may not know that it does (HTTP 404). */
export class NotFound extends AppError {
  constructor(message = 'not found', code = 'not_found') {
    super(code, message);
  }
}

/** Clashes with what already exists, e.g. an appointment created twice (HTTP 409). */
export class Conflict extends AppError {
  constructor(message: string, code = 'conflict', options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** The operation is not possible in the current state, e.g. cancelling after the start (HTTP 409). */
export class InvalidState extends AppError {
  constructor(message: string, code = 'invalid_state') {
    super(code, message);
  }
}

/**
 * A transport-level refusal that only the HTTP edge produces (malformed JSON 400, wrong content type
 * 415, feature not configured 503). Domain code never throws this.
 */
export class HttpError extends AppError {
  readonly status: number;
  constructor(status: number, code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.status = status;
  }
}

/** A configuration value is missing or wrong; thrown by loadConfig, printed by main.ts. */
export class ConfigError extends Error {
  readonly key: string;
  constructor(key: string, problem: string) {
    super(`${key}: ${problem}`);
    this.name = 'ConfigError';
    this.key = key;
  }
}
