/**
 * Co-edited forms and their fields, as the use cases see them (a change bumps the form version once per
 * writer). persistence/casework/form-repository.ts implements it.
 */
import type { FieldValue, FormStatus } from '../../contract/casework.ts';

export interface FormRecord {
  id: string;
  room: string;
  service: string;
  definitionId: string;
  definitionVersion: number;
  version: number;
  status: FormStatus;
  prefilled: boolean;
  createdAt: Date;
  frozenAt: Date | null;
  frozenBy: string | null;
  documentId: string | null;
}

export interface FieldRecord {
  formId: string;
  path: string;
  value: FieldValue;
  version: number;
  updatedBy: string;
  updatedAt: Date;
}

export interface FormRepository {
  listByRoom(room: string): Promise<FormRecord[]>;
  get(id: string): Promise<FormRecord | null>;
  /** Creates the room's form for a service unless one exists. */
  ensure(record: FormRecord): Promise<void>;
  fields(formId: string): Promise<FieldRecord[]>;
  field(formId: string, path: string): Promise<FieldRecord | null>;
  /** Moves an open form from `expected` to `expected + 1`; false when someone else was first or it is not open. */
  bumpVersion(formId: string, expected: number): Promise<boolean>;
  putField(record: FieldRecord): Promise<void>;
  removeFields(formId: string, paths: string[]): Promise<void>;
  markPrefilled(formId: string): Promise<boolean>;
  /** open → frozen; false when the form is not open. */
  freeze(formId: string, at: Date, by: string, documentId: string): Promise<boolean>;
  setStatus(formId: string, from: FormStatus, to: FormStatus): Promise<boolean>;
  removeRoom(room: string): Promise<number>;
}
