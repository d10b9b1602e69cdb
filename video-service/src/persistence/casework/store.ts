/**
 * The casework repositories over the service's sequelize connection, and transactions that hand out the
 * same set bound to one transaction. The tables come from migrations/0100-casework.ts (run with the
 * service's other migrations).
 */
import type { Sequelize, Transaction } from 'sequelize';
import type { TransactionRunner } from '../transactions.ts';
import { defineCaseworkModels } from './models.ts';
import { createCaseRepository, type CaseRepository } from './case-repository.ts';
import { createFormRepository, type FormRepository } from './form-repository.ts';
import { createDocumentRepository, type DocumentRepository } from './document-repository.ts';
import { createTanRepository, type TanRepository } from './tan-repository.ts';
import { createIdCheckRepository, type IdCheckRepository } from './idcheck-repository.ts';
import { createFileRepository, type FileRepository } from './file-repository.ts';
import { createAuditRepository, type AuditRepository } from './audit-repository.ts';
import { createRetentionRepository, type RetentionRepository } from './retention-repository.ts';
import { createPaymentRepository, type PaymentRepository } from './payment-repository.ts';

export interface CaseworkRepositories {
  cases: CaseRepository;
  forms: FormRepository;
  documents: DocumentRepository;
  tans: TanRepository;
  idChecks: IdCheckRepository;
  files: FileRepository;
  audit: AuditRepository;
  retention: RetentionRepository;
  payments: PaymentRepository;
}

export interface CaseworkStore extends CaseworkRepositories {
  /** Runs `work` in one transaction (committed when it resolves, rolled back when it throws). */
  transaction<T>(work: (repos: CaseworkRepositories) => Promise<T>): Promise<T>;
}

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
  };
}
