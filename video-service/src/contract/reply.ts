/**
 * The reply every socket request gets (`Ack`/`Reply`) and the refusal reasons it can carry. A leaf of the
 * contract: signalling.ts, casework.ts and payments.ts all name `Ack`, and signalling.ts names the others'
 * events, so the reply lives here instead of in signalling.ts (no import loop). The others re-export it.
 */

/** Error codes a request can fail with (see docs/signalling.md). */
export type SignalErrorCode =
  | 'invalid_input'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid_state'
  | 'rate_limited'
  | 'internal';

/**
 * A machine-readable detail for refusals the UI explains to the person (in addition to `code`):
 * `room_closed` (the clerk ended the call or the appointment was cancelled: the room takes no one any more),
 * `room_full` (no seat left in this media mode), `expired` / `revoked` / `invalid` (the session is unusable),
 * and the signing refusals of casework (`tan_wrong`, `tan_expired`, …; see `SigningRefusalReason`).
 */
/**
 * `case_finished`: the clerk finished the case; it can no longer be changed (agenda, forms, files, signing, ID check).
 * `citizen_absent`: a still was asked for while no device of the citizen had the case open (nobody could answer);
 * for a waiting estimate: no citizen waits in the room (they left, or never came).
 * `citizen_admitted`: a waiting estimate for a citizen who is already in the call.
 */
export type SignalRefusalReason =
  | 'room_closed'
  | 'case_finished'
  | 'room_full'
  | 'expired'
  | 'revoked'
  | 'invalid'
  | 'not_yet_valid'
  | 'citizen_absent'
  | 'citizen_admitted'
  | SigningRefusalReason
  | PaymentRefusalReason;

export interface SignalError {
  code: SignalErrorCode;
  message: string;
  reason?: SignalRefusalReason;
  /** With reason `tan_wrong`: wrong tries left before the TAN locks (0: locked now). */
  attemptsLeft?: number;
}

export type Reply<T> = { ok: true; data: T } | { ok: false; error: SignalError };
export type Ack<T> = (reply: Reply<T>) => void;

// ------------------------------------------------------------------ refusal reasons of casework

/**
 * Machine-readable reasons of signing refusals (the `reason` of the error reply, next to its `code`); the
 * room UI and the tests match on these, never on the English message. `tan_wrong` also carries
 * `attemptsLeft` (0: the TAN is now locked).
 */
export type SigningRefusalReason =
  /** Not 6 digits. */
  | 'tan_format'
  | 'tan_wrong'
  | 'tan_expired'
  /** Locked after three wrong tries: request a new one. */
  | 'tan_locked'
  | 'tan_used'
  /** The TAN was issued for other document content. */
  | 'tan_other_document'
  /** No TAN was requested for this document. */
  | 'tan_missing'
  /** This document got its last TAN; sign by drawing. */
  | 'tan_limit'
  | 'sms_unavailable'
  /** The frozen form has no usable phone number for an SMS-TAN. */
  | 'sms_no_phone'
  /** The SMS gateway could not send the SMS-TAN (throttled, unreachable, number refused): nothing changed; try again or use the Hidden-TAN. */
  | 'sms_failed'
  /** The document is already signed (or being signed right now). */
  | 'already_signed';

/** Refusals the room UI explains (`reason` of a refused request). */
export type PaymentRefusalReason =
  /** The case has no fee left to pay. */
  | 'nothing_to_pay'
  /** A payment is under way (pending at a provider): wait for its result. */
  | 'payment_in_progress'
  /** The method is not offered here (PAYMENT_PROVIDERS). */
  | 'method_not_offered'
  /** The provider could not be reached or refused for now: try again (no second charge can result). */
  | 'provider_unavailable'
  /** The provider refused the request itself (configuration, validation); the message says what. */
  | 'provider_rejected'
  /** The reason is not in PAYMENT_ADJUST_REASONS. */
  | 'reason_not_allowed'
  /** Another tab started this payment a moment ago: ask again in a second. */
  | 'payment_starting'
  /** The document's service asks for its fee to be paid (or invoiced, or waived) before the download. */
  | 'payment_required';
