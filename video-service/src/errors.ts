/**
 * The video service's errors: the family both services share (shared/errors.ts: six kinds, one constructor
 * shape `new Kind(message, { reason?, issues?, cause? })`), with `reason` bound to the wire reasons of
 * contract/reply.ts. Use cases throw them; the one express error middleware (http/error-middleware.ts) and the
 * one socket acknowledgement wrapper (signalling/ack.ts) translate them into answers. The cause is kept for
 * the log; unknown errors become 500 / `internal`.
 */
import type { RefusalReason } from './contract/join-token.ts';
import type { SignalRefusalReason } from './contract/reply.ts';
import type { EarlyAppointment } from './contract/session.ts';
import * as family from './shared/errors.ts';

export { AppError, httpStatus } from './shared/errors.ts';

type Options = family.AppErrorOptions<SignalRefusalReason>;

/** The request is malformed (schema violation, garbage payload). `attemptsLeft` goes with reason `tan_wrong`. */
export class InvalidInput extends family.InvalidInput<SignalRefusalReason> {
  /** With reason `tan_wrong`: wrong tries left. */
  readonly attemptsLeft: number | undefined;
  constructor(message: string, options: Options & { attemptsLeft?: number } = {}) {
    super(message, options);
    this.attemptsLeft = options.attemptsLeft;
  }
}

/**
 * No valid credential. `reason` (required here) tells the join page what to explain (expired, not yet open,
 * revoked, invalid) and is the answer's `error` field; `opensAt` is set for `not_yet_valid`.
 */
export class Unauthorized extends family.Unauthorized<RefusalReason> {
  declare readonly reason: RefusalReason;
  readonly opensAt: Date | undefined;
  /** For `not_yet_valid` of a genuine token: the appointment's public facts for the early page (never a session). */
  readonly early: EarlyAppointment | undefined;

  constructor(
    message: string,
    options: family.AppErrorOptions<RefusalReason> & {
      reason: RefusalReason;
      opensAt?: Date;
      early?: EarlyAppointment;
    },
  ) {
    super(message, options);
    this.opensAt = options.opensAt;
    this.early = options.early;
  }
}

/** Authenticated, but this role/room/phase may not do that. */
export class Forbidden extends family.Forbidden<SignalRefusalReason> {}

export class NotFound extends family.NotFound<SignalRefusalReason> {}

export class Conflict extends family.Conflict<SignalRefusalReason> {}

/** The request is valid in general but not in the current state (e.g. admitting someone already admitted). */
export class InvalidState extends family.InvalidState<SignalRefusalReason> {}
