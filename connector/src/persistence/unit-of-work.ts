/** The domain's UnitOfWork over the sequelize database: repositories bound to one transaction. */
import type { Transaction } from 'sequelize';
import type { Repositories, UnitOfWork } from '../domain/ports.ts';
import { appointmentRepository } from './appointment-repository.ts';
import type { Database } from './database.ts';
import { inboundEventRepository } from './inbound-event-repository.ts';
import { outboxRepository } from './outbox-repository.ts';
import { revocationRepository } from './revocation-repository.ts';

/**
 * @param onOutboxWritten called after a commit that queued mail (the sender then sends at once
 *   instead of waiting for its next poll).
 */
export function createUnitOfWork(db: Database, onOutboxWritten?: () => void): UnitOfWork {
  const repositories = (t?: Transaction): Repositories => ({
    appointments: appointmentRepository(db.models, t),
    inboundEvents: inboundEventRepository(db.models, t),
    outbox: outboxRepository(db.models, t, onOutboxWritten),
    revocations: revocationRepository(db.models, t),
  });
  return {
    transaction: (work) => db.transaction((t) => work(repositories(t))),
    run: (work) => db.exclusive(() => work(repositories())),
  };
}
