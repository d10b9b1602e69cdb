/**
 * ID checks of a room (the newest one counts), as the use cases see them.
 * persistence/casework/idcheck-repository.ts implements it.
 */
import type {
  IdCheckQuestion,
  IdCheckStatus,
  IdCheckStep,
  IdChecklistItem,
  IdDocumentType,
} from '../../contract/casework.ts';

export interface StoredQuestion extends IdCheckQuestion {
  expected: string;
}

export interface IdCheckRecord {
  id: string;
  room: string;
  status: IdCheckStatus;
  documentType: IdDocumentType;
  steps: IdCheckStep[];
  step: IdCheckStep;
  checklist: Record<IdChecklistItem, boolean | null>;
  questions: StoredQuestion[];
  startedBy: string;
  startedAt: Date;
  completedAt: Date | null;
  completedBy: string | null;
  completedByName: string | null;
  verified: boolean | null;
  numberLast4: string | null;
  updatedAt: Date;
}

export interface IdCheckRepository {
  latest(room: string): Promise<IdCheckRecord | null>;
  insert(record: IdCheckRecord): Promise<void>;
  /** Stores the record if it is still in progress and unchanged since `updatedAt`; false otherwise. */
  update(record: IdCheckRecord, expectedUpdatedAt: Date): Promise<boolean>;
  removeRoom(room: string): Promise<number>;
}
