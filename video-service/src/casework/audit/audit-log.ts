/**
 * Appending to and checking the hash-chained audit log. An append reads the head and writes head + 1 in
 * the caller's transaction; when another process appended first, the insert collides and the whole
 * transaction is run again (`inAuditTransaction`).
 */
import type { RetentionKind } from '../casework-config.ts';
import type { AuditRecord, AuditRepository } from '../store/audit.ts';
import type { CaseworkRepositories, CaseworkStore } from '../store/store.ts';
import { GENESIS_HASH, rowHash, sha256Hex } from './chain.ts';

export type AuditKind =
  | 'form.frozen'
  | 'idcheck.completed'
  | 'document.sealed'
  | 'case.finished'
  | 'retention.purged'
  | 'fee.adjusted'
  | 'payment.settled'
  | 'payment.document.sealed';

export interface AuditEntry {
  kind: AuditKind;
  /** e.g. the sealed PDF's SHA-256, to find the row by it. */
  subjectHash?: string;
  /** Facts that are not personal and stay after retention (ids, hashes, times). */
  public: Record<string, unknown>;
  /** Personal facts (who, results); erased when `retentionKind`'s retention ends. */
  personal?: Record<string, unknown>;
  room?: string;
  retentionKind?: RetentionKind;
}

/** Someone else appended the same sequence number first. */
export class AuditRace extends Error {
  constructor() {
    super('audit chain head moved');
    this.name = 'AuditRace';
  }
}

/** Appends one row at the head (in the repository's transaction). Throws `AuditRace` when it lost a race. */
export async function appendAudit(audit: AuditRepository, entry: AuditEntry, now: Date): Promise<AuditRecord> {
  const head = await audit.head();
  const personalJson = JSON.stringify(entry.personal ?? {});
  const fields = {
    seq: (head?.seq ?? 0) + 1,
    createdAt: now.toISOString(),
    kind: entry.kind,
    subjectHash: entry.subjectHash ?? null,
    publicJson: JSON.stringify(entry.public),
    personalHash: sha256Hex(personalJson),
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const record: AuditRecord = {
    ...fields,
    personalJson,
    room: entry.room ?? null,
    retentionKind: entry.retentionKind ?? null,
    hash: rowHash(fields),
  };
  if (!(await audit.insert(record))) throw new AuditRace();
  return record;
}

/** Runs `work` in a transaction, again (up to 8 times) when it lost an append race or a write lock. */
export async function inAuditTransaction<T>(
  store: CaseworkStore,
  work: (repos: CaseworkRepositories) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await store.transaction(work);
    } catch (error) {
      if (attempt >= 8 || !(error instanceof AuditRace || store.isWriteRace(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

export type ChainCheck = { intact: true; rows: number } | { intact: false; brokenAt: number; problem: string };

/** Checks one row against its own hash and its predecessor. */
function checkRow(row: AuditRecord, previous: AuditRecord | null): string | null {
  if (previous && row.seq !== previous.seq + 1) return 'a row is missing';
  if (row.prevHash !== (previous ? previous.hash : GENESIS_HASH)) return 'the link to the previous row is broken';
  if (rowHash(row) !== row.hash) return 'the row was changed';
  if (row.personalJson !== null && sha256Hex(row.personalJson) !== row.personalHash)
    return 'the personal facts were changed';
  return null;
}

/**
 * Recomputes the chain from row `from` (default: the first) to the head, in batches. Starting at a later
 * row also checks its link to the row before, so a document's row and everything chained after it is covered.
 */
export async function verifyChain(audit: AuditRepository, from = 1): Promise<ChainCheck> {
  let previous = from > 1 ? await audit.get(from - 1) : null;
  if (from > 1 && !previous) return { intact: false, brokenAt: from - 1, problem: 'a row is missing' };
  if (previous && rowHash(previous) !== previous.hash)
    return { intact: false, brokenAt: previous.seq, problem: 'the row was changed' };
  let next = from;
  let rows = 0;
  for (;;) {
    const batch = await audit.range(next, undefined, 500);
    if (batch.length === 0) break;
    for (const row of batch) {
      if (previous === null && row.seq !== 1)
        return { intact: false, brokenAt: row.seq, problem: 'the first rows are missing' };
      const problem = checkRow(row, previous);
      if (problem) return { intact: false, brokenAt: row.seq, problem };
      previous = row;
      rows += 1;
    }
    next = previous!.seq + 1;
  }
  return { intact: true, rows };
}
