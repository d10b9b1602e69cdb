/** Why an SMS could not be sent, in words a log and the TAN flow can act on (never the number or the text). */
export type SmsFailureReason =
  | 'throttled'
  | 'invalid_destination'
  | 'rejected'
  | 'bind_failed'
  | 'unreachable'
  | 'timeout'
  | 'too_long';

export class SmsSendError extends Error {
  readonly reason: SmsFailureReason;
  /** The SMPP command_status where the SMSC answered one. */
  readonly status: number | undefined;
  constructor(reason: SmsFailureReason, message: string, status?: number) {
    super(message);
    this.reason = reason;
    this.status = status;
    this.name = 'SmsSendError';
  }
}
