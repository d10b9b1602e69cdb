/**
 * The casework repositories over the service's sequelize connection, and transactions that hand out the
 * same set bound to one transaction. The tables come from migrations/0100-casework.ts (run with the
 * service's other migrations).
 */
import type { Sequelize, Transaction } from 'sequelize';
import type { CaseworkRepositories, CaseworkStore } from '../../casework/store/store.ts';
import { isWriteRace, type TransactionRunner } from '../transactions.ts';
import { defineCaseworkModels } from './models.ts';
import { createCaseRepository } from './case-repository.ts';
import { createFormRepository } from './form-repository.ts';
import { createDocumentRepository } from './document-repository.ts';
import { createTanRepository } from './tan-repository.ts';
import { createIdCheckRepository } from './idcheck-repository.ts';
import { createFileRepository } from './file-repository.ts';
import { createAuditRepository } from './audit-repository.ts';
import { createRetentionRepository } from './retention-repository.ts';
import { createPaymentRepository } from './payment-repository.ts';

/**
 * Builds the casework repositories on an open, migrated connection. `transactions` is the connection's one
 * transaction runner (persistence/transactions.ts), shared with the rest of the service: on SQLite a second
 * queue on the same file would let two writers meet.
 */
export function openCaseworkStore(sequelize: Sequelize, transactions: TransactionRunner): CaseworkStore {
  const models = defineCaseworkModels(sequelize);
  const repositories = (tx?: Transaction): CaseworkRepositories => ({
    cases: createCaseRepository(models, tx),
    forms: createFormRepository(models, tx),
    documents: createDocumentRepository(models, tx),
    tans: createTanRepository(models, tx),
    idChecks: createIdCheckRepository(models, tx),
    files: createFileRepository(models, tx),
    audit: createAuditRepository(models, tx),
    retention: createRetentionRepository(sequelize, models, tx),
    payments: createPaymentRepository(sequelize, tx),
  });
  return {
    ...repositories(),
    transaction: (work) => transactions.run((tx) => work(repositories(tx))),
    isWriteRace,
  };
}
