/** The domain's UnitOfWork over the sequelize database: repositories bound to one transaction. */
import type { Transaction } from 'sequelize';
import type { Repositories, UnitOfWork } from '../domain/ports.ts';
import { appointmentRepository } from './appointment-repository.ts';
import { clerkCalendarRepository } from './clerk-calendar-repository.ts';
import type { Database } from './database.ts';
import { feedInstanceRepository } from './feed-instance-repository.ts';
import { feedModels } from './feed-models.ts';
import { feedStateRepository } from './feed-state-repository.ts';
import { guestInvitationRepository } from './guest-invitation-repository.ts';
import { idempotencyKeyRepository } from './idempotency-key-repository.ts';
import { inboundEventRepository } from './inbound-event-repository.ts';
import { outboxRepository } from './outbox-repository.ts';
import { outboundEventRepository } from './outbound-event-repository.ts';
import { outboundModels } from './outbound-models.ts';
import { endpointTargets } from './endpoint-targets.ts';
import { sqlRunner } from './raw-sql.ts';
import { revocationRepository } from './revocation-repository.ts';
import { roomActivityRepository } from './room-activity-repository.ts';
import { videoAdminOutbox } from './video-admin-call-repository.ts';

/**
 * @param onOutboxWritten called after a commit that queued mail (the sender then sends at once
 *   instead of waiting for its next poll).
 * @param kicks the same for outbound webhook deliveries and video-service admin calls.
 */
export function createUnitOfWork(
  db: Database,
  onOutboxWritten?: () => void,
  kicks: { outbound?: () => void; videoAdmin?: () => void } = {},
): UnitOfWork {
  const outbound = outboundModels(db.sequelize);
  const feeds = feedModels(db.sequelize);
  const targets = endpointTargets(outbound.Endpoint, db.dialect);
  const repositories = (t?: Transaction): Repositories => {
    const sql = sqlRunner(db, t);
    return {
      appointments: appointmentRepository(db.models, sql, t),
      inboundEvents: inboundEventRepository(db.models, sql, t),
      outbox: outboxRepository(db.models, sql, t, onOutboxWritten),
      revocations: revocationRepository(db.models, t),
      outboundEvents: outboundEventRepository(targets, sql, t, kicks.outbound),
      videoAdmin: videoAdminOutbox(outbound, t, kicks.videoAdmin),
      roomActivity: roomActivityRepository(outbound, t),
      idempotencyKeys: idempotencyKeyRepository(db.models, t),
      clerkCalendars: clerkCalendarRepository(db.models, t),
      guests: guestInvitationRepository(db.models, t),
      feedStates: feedStateRepository(feeds, t),
      feedInstances: feedInstanceRepository({ ...feeds, Appointment: db.models.Appointment }, t),
    };
  };
  return {
    async transaction(work) {
      const committed: Array<() => void> = [];
      const result = await db.transaction((t) =>
        work({ ...repositories(t), afterCommit: (fn) => void committed.push(fn) }),
      );
      for (const fn of committed) fn();
      return result;
    },
    run: (work) => db.exclusive(() => work(repositories())),
  };
}
