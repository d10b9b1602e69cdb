/**
 * Drains the mail outbox: claims due rows (lease, safe with several processes), renders a row queued
 * as an intent (outside the change's transaction; DTSTAMP is the sending time), sends each through
 * the Mailer, marks it sent — or schedules a retry with backoff. A row is never dropped: after the
 * last step of the schedule it is retried every 6 hours until it goes out. Delivery is
 * at-least-once: a process dying between sending and marking may cause one duplicate.
 */
import { hostname } from 'node:os';
import type { Appointment } from '../domain/appointment.ts';
import type {
  CitizenMailIntent,
  ClaimedMail,
  MailComposer,
  OutboxMail,
  OutgoingMail,
  UnitOfWork,
} from '../domain/ports.ts';
import type { Logger } from '../log.ts';
import { PollingWorker } from '../background/polling-worker.ts';
import type { Mailer } from './mailer.ts';

/** Seconds to wait after the n-th failed attempt (jittered ±20 %), then 6 h forever. */
export const RETRY_SCHEDULE_SECONDS = [10, 60, 5 * 60, 15 * 60, 60 * 60, 2 * 3600, 4 * 3600, 6 * 3600];

export interface OutboxSenderOptions {
  uow: UnitOfWork;
  mailer: Mailer;
  /** Renders rows queued as an intent (CitizenMailIntent); rows holding a rendered mail need none. */
  composer?: MailComposer;
  log: Logger;
  /** How often to look for due rows besides the kick after each commit. Default 2000 ms. */
  pollIntervalMs?: number;
  /** How long a claim holds. Default 2 minutes (longer than the SMTP timeouts). */
  leaseMs?: number;
  batchSize?: number;
  now?: () => Date;
  /** Awaited before each pass and each mail, so HTTP answers go first (background/foreground.ts). */
  stepAside?: () => Promise<void>;
}

export class OutboxSender {
  readonly #o: Required<Omit<OutboxSenderOptions, 'composer'>> & Pick<OutboxSenderOptions, 'composer'>;
  readonly #owner = `${hostname()}:${process.pid}`;
  readonly #worker: PollingWorker;

  constructor(options: OutboxSenderOptions) {
    this.#o = {
      pollIntervalMs: 2000,
      leaseMs: 120_000,
      batchSize: 20,
      now: () => new Date(),
      stepAside: () => Promise.resolve(),
      ...options,
    };
    this.#worker = new PollingWorker({
      log: this.#o.log,
      pollIntervalMs: this.#o.pollIntervalMs,
      pass: () => this.#pass(),
      stepAside: this.#o.stepAside,
    });
  }

  start(): void {
    this.#worker.start();
  }

  /** Look for work now (called after a commit that queued mail). */
  kick(): void {
    this.#worker.kick();
  }

  /** Stops polling and waits for the batch in progress; safe to call twice. */
  stop(): Promise<void> {
    return this.#worker.stop();
  }

  /** One batch; true when it was full (more may be due). */
  async #pass(): Promise<boolean> {
    const { uow, log, batchSize } = this.#o;
    const now = this.#o.now();
    const batch = await uow.run((repos) => repos.outbox.claimDue(this.#owner, now, this.#o.leaseMs, batchSize));
    // Mails of different appointments go out in parallel (the SMTP pool has several connections);
    // those of one appointment in order, so a reschedule never overtakes its confirmation.
    const results = await Promise.allSettled(
      [...byAppointment(batch).values()].map((mails) => this.#deliverInOrder(mails)),
    );
    for (const r of results)
      if (r.status === 'rejected') log.error({ err: r.reason }, 'pass() | outbox delivery failed');
    return batch.length >= batchSize && !this.#worker.stopped;
  }

  async #deliverInOrder(mails: ClaimedMail[]): Promise<void> {
    for (const item of mails) {
      if (this.#worker.stopped) return;
      await this.#deliver(item.id, item.claimToken, item.attempts, item.mail);
    }
  }

  async #deliver(id: number, claimToken: string, attempts: number, stored: OutboxMail): Promise<void> {
    const { uow, mailer, log } = this.#o;
    await this.#o.stepAside();
    try {
      await mailer.send('intent' in stored ? this.#render(stored.intent) : stored);
      await uow.run((repos) => repos.outbox.markSent(id, claimToken, this.#o.now()));
      log.info({ outboxId: id, via: mailer.kind }, 'deliver() | mail sent');
    } catch (err) {
      const failed = attempts + 1;
      const delay = RETRY_SCHEDULE_SECONDS[Math.min(failed - 1, RETRY_SCHEDULE_SECONDS.length - 1)]!;
      const jittered = delay * 1000 * (0.8 + Math.random() * 0.4);
      const nextAttemptAt = new Date(this.#o.now().getTime() + jittered);
      // Only codes are logged and stored: SMTP replies may echo the recipient's address.
      const code = describeFailure(err);
      log.warn(
        { outboxId: id, attempts: failed, retryAt: nextAttemptAt.toISOString(), code },
        'deliver() | mail not sent, will retry',
      );
      await uow.run((repos) =>
        repos.outbox.markFailed(id, claimToken, { attempts: failed, nextAttemptAt, error: code }),
      );
    }
  }

  /** The mail of an intent, as the change's transaction saw the appointment (dates revived from JSON). */
  #render(intent: CitizenMailIntent): OutgoingMail {
    if (!this.#o.composer) throw Object.assign(new Error('no mail composer configured'), { code: 'no_composer' });
    const a = intent.appointment;
    const appointment: Appointment = {
      ...a,
      start: new Date(a.start),
      end: new Date(a.end),
      createdAt: new Date(a.createdAt),
      updatedAt: new Date(a.updatedAt),
    };
    return this.#o.composer.compose(intent.kind, appointment, intent.links, intent.documents);
  }
}

/** The batch grouped by appointment, in claim order (rows without one each form their own group). */
function byAppointment(batch: ClaimedMail[]): Map<string | number, ClaimedMail[]> {
  const groups = new Map<string | number, ClaimedMail[]>();
  for (const item of batch) {
    const key = item.appointmentId ?? item.id;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function describeFailure(err: unknown): string {
  const e = err as { code?: string; responseCode?: number; command?: string };
  return [e.code, e.responseCode, e.command].filter((v) => v !== undefined).join(' ') || 'send_failed';
}
