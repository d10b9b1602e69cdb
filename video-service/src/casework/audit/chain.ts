/**
 * The audit log's hash chain: each row's hash covers its sequence number, time, kind, subject (e.g. a
 * sealed PDF's SHA-256), public facts, the hash of its personal facts and the previous row's hash. Changing,
 * inserting or deleting any row breaks every later link. Personal facts can be erased (retention) without
 * breaking the chain because only their hash is chained.
 */
import { createHash } from 'node:crypto';

/** `prev_hash` of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  createdAt: string;
  kind: string;
  subjectHash: string | null;
  publicJson: string;
  personalHash: string;
  prevHash: string;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The row hash: SHA-256 over the JSON array of the chained fields (unambiguous field boundaries). */
export function rowHash(f: ChainedFields): string {
  return sha256Hex(
    JSON.stringify([f.seq, f.createdAt, f.kind, f.subjectHash, f.publicJson, f.personalHash, f.prevHash]),
  );
}
