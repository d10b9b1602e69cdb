/**
 * Uploaded files of a case (the bytes live in the blob store), as the use cases see them.
 * persistence/casework/file-repository.ts implements it.
 */
import type { Role } from '../../contract/join-token.ts';

export interface FileRecord {
  id: string;
  room: string;
  uploadedBy: string;
  uploaderRole: Role;
  originalName: string;
  mime: string;
  size: number;
  sha256: string;
  storageName: string;
  scan: 'clean' | 'unscanned';
  createdAt: Date;
}

export interface FileRepository {
  insert(record: FileRecord): Promise<void>;
  get(id: string): Promise<FileRecord | null>;
  listByRoom(room: string): Promise<FileRecord[]>;
  usedBytes(room: string): Promise<number>;
  removeRoom(room: string): Promise<{ rows: number; storageNames: string[] }>;
}
