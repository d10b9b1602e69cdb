/**
 * The one acknowledgement wrapper: runs a handler and turns its result or error into the `Reply` of
 * contract/signalling.ts. Tolerates a missing ack callback and any payload; unknown errors become
 * `internal` and are logged once (without the payload).
 */
import type { Reply, SignalErrorCode, SignalRefusalReason } from '../contract/signalling.ts';
import { AppError, InvalidInput, Unauthorized } from '../errors.ts';
import { errorFields, type Logger } from '../log.ts';

export function errorReply(error: unknown, log: Logger, event: string): Reply<never> {
  if (error instanceof AppError) {
    const reason = error.reason as SignalRefusalReason | undefined;
    const message = error instanceof Unauthorized ? `${error.reason}: ${error.message}` : error.message;
    const left =
      error instanceof InvalidInput && error.attemptsLeft !== undefined ? { attemptsLeft: error.attemptsLeft } : {};
    return {
      ok: false,
      error: { code: error.code satisfies SignalErrorCode, message, ...(reason ? { reason } : {}), ...left },
    };
  }
  log.error({ event, err: errorFields(error) }, 'handler failed');
  return { ok: false, error: { code: 'internal', message: 'Internal error' } };
}

/**
 * socket.io hands a listener the emitted arguments as they came: `(payload, ack)`, `(ack)`, `(payload)` or
 * anything else. Splits them into the payload and the ack callback (when there is one).
 */
export function splitArgs(args: unknown[]): { payload: unknown; ack: ((reply: Reply<unknown>) => void) | undefined } {
  const last = args.at(-1);
  if (typeof last === 'function')
    return { payload: args.length > 1 ? args[0] : undefined, ack: last as (reply: Reply<unknown>) => void };
  return { payload: args[0], ack: undefined };
}

/** Runs `handler` and answers through `ack` if the client asked for an answer. */
export async function answer(
  run: () => Promise<unknown> | unknown,
  ack: ((reply: Reply<unknown>) => void) | undefined,
  log: Logger,
  event: string,
): Promise<void> {
  let reply: Reply<unknown>;
  try {
    reply = { ok: true, data: (await run()) ?? null };
  } catch (error) {
    reply = errorReply(error, log, event);
  }
  ack?.(reply);
}
