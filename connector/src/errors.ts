/**
 * The connector's errors: the family both services share (video-service/src/shared/errors.ts: six kinds, one
 * constructor shape `new Kind(message, { reason?, issues?, cause? })`), plus the two only the connector has.
 * Use cases and adapters throw them; ONE express error middleware (http/error-middleware.ts) turns them into
 * answers, with `reason` (or the kind) in the answer's `error` field.
 */
export {
  AppError,
  type AppErrorOptions,
  Conflict,
  Forbidden,
  InvalidInput,
  InvalidState,
  type Issue,
  NotFound,
  Unauthorized,
} from '@virtuelles-amt/video-service/shared/errors';

/**
 * A transport-level refusal that only the HTTP edge produces (malformed JSON 400, wrong content type
 * 415, feature not configured 503, the video service unreachable 502). Domain code never throws this.
 */
export class HttpError extends Error {
  readonly status: number;
  /** The machine-readable reason put into the answer's `error` field. */
  readonly reason: string;
  constructor(message: string, options: { status: number; reason: string; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpError';
    this.status = options.status;
    this.reason = options.reason;
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
