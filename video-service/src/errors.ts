/**
 * The few error types of the video service. Use cases throw them; the one express error middleware
 * (http/error-middleware.ts) and the one socket acknowledgement wrapper (signalling/ack.ts) translate them
 * into answers. The cause is kept for the log; unknown errors become 500 / `internal`.
 */
import type { RefusalReason } from './contract/join-token.ts';
import type { EarlyAppointment } from './contract/session.ts';
import type { SignalRefusalReason } from './contract/signalling.ts';

interface AppErrorOptions {
  cause?: unknown;
  /** A machine-readable detail the UI explains (`room_closed`, `room_full`). */
  reason?: SignalRefusalReason;
  /** With reason `tan_wrong`: wrong tries left. */
  attemptsLeft?: number;
}

/** Base class: `code` is the wire code of docs/signalling.md and the `error` field of HTTP answers. */
export abstract class AppError extends Error {
  abstract readonly code: 'invalid_input' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'invalid_state';
  abstract readonly status: number;
  readonly detail: SignalRefusalReason | undefined;
  readonly attemptsLeft: number | undefined;

  constructor(message: string, options?: AppErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.detail = options?.reason;
    this.attemptsLeft = options?.attemptsLeft;
  }
}

/** The request is malformed (schema violation, garbage payload). */
export class InvalidInput extends AppError {
  readonly code = 'invalid_input';
  readonly status = 400;
}

/**
 * No valid credential. `reason` tells the join page what to explain (expired, not yet open, revoked,
 * invalid); `opensAt` is set for `not_yet_valid`.
 */
export class Unauthorized extends AppError {
  readonly code = 'unauthorized';
  readonly status = 401;
  readonly reason: RefusalReason;
  readonly opensAt: Date | undefined;
  /** For `not_yet_valid` of a genuine token: the appointment's public facts for the early page (never a session). */
  readonly early: EarlyAppointment | undefined;

  constructor(
    reason: RefusalReason,
    message: string,
    options?: AppErrorOptions & { opensAt?: Date; early?: EarlyAppointment },
  ) {
    super(message, options);
    this.reason = reason;
    this.opensAt = options?.opensAt;
    this.early = options?.early;
  }
}

/** Authenticated, but this role/room/phase may not do that. */
export class Forbidden extends AppError {
  readonly code = 'forbidden';
  readonly status = 403;
}

export class NotFound extends AppError {
  readonly code = 'not_found';
  readonly status = 404;
}

export class Conflict extends AppError {
  readonly code = 'conflict';
  readonly status = 409;
}

/** The request is valid in general but not in the current state (e.g. admitting someone already admitted). */
export class InvalidState extends AppError {
  readonly code = 'invalid_state';
  readonly status = 409;
}
