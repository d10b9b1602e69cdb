/**
 * The one error family of both services (issue 14 item 3): six kinds, one constructor shape
 * `new Kind(message, { reason?, issues?, cause? })`, one table of HTTP statuses. Use cases throw these; each
 * service's one express error middleware (and the video service's one socket acknowledgement wrapper)
 * translate them into answers. The cause is kept for the log.
 *
 * Pure (no Node or server imports): the connector imports it by package name (ADR 0070). Each service's
 * `errors.ts` re-exports the family and adds what only it needs (the connector's `HttpError` and
 * `ConfigError`; the video service binds `reason` to its wire reasons and gives `Unauthorized` the refusal
 * details of the join page).
 */

/** The kind of refusal: the `code` of a socket reply (docs/signalling.md) and of the error's class. */
export type ErrorCode = 'invalid_input' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'invalid_state';

/** A field-level problem in some input, e.g. `{ path: 'appointment.start', message: 'Invalid ISO datetime' }`. */
export interface Issue {
  path: string;
  message: string;
}

/** What every error of the family takes after its message. */
export interface AppErrorOptions<Reason extends string = string> {
  /**
   * The machine-readable reason a client explains or branches on (`appointment_exists`, `room_full`,
   * `tan_wrong`); the kind alone when absent.
   */
  reason?: Reason;
  /** Field-level problems, answered with the paths (mostly `InvalidInput`). Default: none. */
  issues?: Issue[];
  /** The error that led to this one, kept for the log. */
  cause?: unknown;
}

/** Base class: `code` is the kind, `reason` the finer machine-readable reason (if any). */
export abstract class AppError<Reason extends string = string> extends Error {
  abstract readonly code: ErrorCode;
  readonly reason: Reason | undefined;
  readonly issues: Issue[];

  constructor(message: string, options: AppErrorOptions<Reason> = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.reason = options.reason;
    this.issues = options.issues ?? [];
  }
}

/** Input that does not satisfy the schema (or is malformed). */
export class InvalidInput<Reason extends string = string> extends AppError<Reason> {
  readonly code = 'invalid_input';
}

/** Missing or wrong credentials: signature, token, key, session. */
export class Unauthorized<Reason extends string = string> extends AppError<Reason> {
  readonly code = 'unauthorized';
}

/** Authenticated, but this role, desk, room or phase may not do that. */
export class Forbidden<Reason extends string = string> extends AppError<Reason> {
  readonly code = 'forbidden';
}

/** The thing does not exist, or the caller may not know that it does. */
export class NotFound<Reason extends string = string> extends AppError<Reason> {
  readonly code = 'not_found';
}

/** Clashes with what already exists, e.g. an appointment created twice. */
export class Conflict<Reason extends string = string> extends AppError<Reason> {
  readonly code = 'conflict';
}

/** Valid in general but not in the current state, e.g. admitting someone already admitted. */
export class InvalidState<Reason extends string = string> extends AppError<Reason> {
  readonly code = 'invalid_state';
}

/**
 * The HTTP status of each kind, for both services. `invalid_input` is the one place where the two documented
 * APIs differ: the connector answers a body that parsed but breaks the schema with 422 (docs/adapters.md,
 * docs/connector.md), the video service answers 400 (docs/video-admin-api.md). Both are public answers that
 * clients rely on, so the connector passes its 422 here instead of either API changing.
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
};

/** The status an error of the family is answered with; `invalidInput` is the connector's 422 (see HTTP_STATUS). */
export function httpStatus(error: AppError, invalidInput = HTTP_STATUS.invalid_input): number {
  return error.code === 'invalid_input' ? invalidInput : HTTP_STATUS[error.code];
}
