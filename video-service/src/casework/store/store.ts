/**
 * The casework store as the use cases see it: every casework repository, and transactions that hand out the
 * same set bound to one transaction. persistence/casework/store.ts implements it on the service's
 * connection; Casework.create gets it from the composition root (app.ts).
 */
import type { AuditRepository } from './audit.ts';
import type { CaseRepository } from './cases.ts';
import type { DocumentRepository } from './documents.ts';
import type { FileRepository } from './files.ts';
import type { FormRepository } from './forms.ts';
import type { IdCheckRepository } from './id-checks.ts';
import type { PaymentRepository } from './payments.ts';
import type { RetentionRepository } from './retention.ts';
import type { TanRepository } from './tans.ts';

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
  /**
   * Whether `error` means another writer was first (SQLite busy, a MariaDB/MySQL deadlock or lock wait):
   * nothing of the transaction was kept, so running it again is safe.
   */
  isWriteRace(error: unknown): boolean;
}
