/**
 * Background work steps aside while HTTP requests are being answered.
 *
 * Why: the mail outbox, outbound webhooks and video-service calls run in the same Node.js thread as the
 * HTTP server. Rendering and sending a mail costs more CPU than taking the webhook that caused it, so
 * during a burst of bookings the workers would slow every answer to the booking system — whose own
 * timeouts and retries are what a burst must not trigger. The work is durable in its outbox, so it can
 * wait: each background step waits until no request has been in flight for `quietMs`, or at most `maxDeferMs`, so the
 * workers still make progress (one step per `maxDeferMs`) under sustained load and catch up when it
 * eases. Steps are granted one at a time, so a released batch does not land on the loop at once.
 */
import type { RequestHandler } from 'express';

export interface Foreground {
  /** Express middleware counting requests in flight. */
  readonly track: RequestHandler;
  /** Resolves when it is this caller's turn and no request is in flight (or `maxDeferMs` passed). */
  stepAside(): Promise<void>;
}

/** For workers that run without an HTTP server (and tests): never waits. */
export const NO_FOREGROUND: Pick<Foreground, 'stepAside'> = { stepAside: () => Promise.resolve() };

/** Time as the gauge sees it; tests pass a manual one so they need not wait on the wall clock. */
export interface ForegroundClock {
  now(): number;
  /** Calls `fn` after `ms`; must not keep the process alive. */
  after(ms: number, fn: () => void): void;
}

const WALL_CLOCK: ForegroundClock = {
  now: () => performance.now(),
  after: (ms, fn) => void setTimeout(fn, ms).unref(),
};

export function createForeground(maxDeferMs = 100, quietMs = 10, clock: ForegroundClock = WALL_CLOCK): Foreground {
  let inFlight = 0;
  let lastActivity = -Infinity;
  let turns: Promise<void> = Promise.resolve();

  // Requests that wait in the socket buffers while the event loop is busy are not counted yet; a moment
  // without any request starting or ending is what tells that a burst is over.
  const quiet = () => inFlight === 0 && clock.now() - lastActivity >= quietMs;

  const untilQuiet = () =>
    new Promise<void>((resolve) => {
      if (quiet()) {
        resolve();
        return;
      }
      const deadline = clock.now() + maxDeferMs;
      const check = () => {
        if (quiet() || clock.now() >= deadline) resolve();
        else clock.after(quietMs, check);
      };
      clock.after(quietMs, check);
    });

  return {
    track(_req, res, next) {
      inFlight++;
      lastActivity = clock.now();
      res.once('close', () => {
        inFlight--;
        lastActivity = clock.now();
      });
      next();
    },
    stepAside() {
      const mine = turns.then(untilQuiet);
      turns = mine;
      return mine;
    },
  };
}
