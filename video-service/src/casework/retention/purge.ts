/**
 * Deleting one kind of a case's personal data when its retention ends, in one transaction (files on disk
 * are removed after it committed). Before the first deletion the case's anonymous statistics are kept;
 * the deletion itself is recorded anonymously (kind, counts) in the log and the audit chain; once every
 * kind is gone, the case record goes too.
 */
import type { RetentionKind } from '../casework-config.ts';
import type { CaseworkRepositories } from '../store/store.ts';
import type { RoomTable } from '../store/retention.ts';
import { appendAudit, inAuditTransaction } from '../audit/audit-log.ts';
import type { CaseworkDeps } from '../deps.ts';
import { caseStatistics } from './statistics.ts';

interface Deleted {
  rows: number;
  documents: string[];
  files: string[];
}

const CALL_TABLES: Partial<Record<RetentionKind, RoomTable[]>> = {
  chat: ['chat_messages'],
  sessions: ['sessions', 'admissions', 'lobby', 'rooms'],
};

async function deleteKind(repos: CaseworkRepositories, room: string, kind: RetentionKind): Promise<Deleted> {
  const out: Deleted = { rows: 0, documents: [], files: [] };
  switch (kind) {
    case 'forms':
      out.rows += await repos.forms.removeRoom(room);
      out.rows += await repos.cases.removeAgenda(room);
      out.rows += await repos.audit.erasePersonal(room, ['forms']);
      break;
    case 'documents': {
      const removed = await repos.documents.removeRoom(room);
      out.rows += removed.rows + (await repos.audit.erasePersonal(room, ['documents']));
      out.documents = removed.storageNames;
      break;
    }
    case 'files': {
      const removed = await repos.files.removeRoom(room);
      out.rows += removed.rows;
      out.files = removed.storageNames;
      break;
    }
    case 'idcheck':
      out.rows += (await repos.idChecks.removeRoom(room)) + (await repos.audit.erasePersonal(room, ['idcheck']));
      break;
    case 'tans':
      out.rows += await repos.tans.removeRoom(room);
      break;
    case 'chat':
    case 'sessions':
      for (const table of CALL_TABLES[kind]!) out.rows += await repos.retention.deleteRoomRows(table, room);
      // The event webhooks about the room (who joined when, the hand-off capability) go with its records.
      if (kind === 'sessions') out.rows += await repos.retention.deleteRoomEvents(room);
      break;
  }
  return out;
}

/** Purges `kind` of `room` (the caller holds the retention claim). Returns what was deleted. */
export async function purgeKind(
  deps: CaseworkDeps,
  room: string,
  kind: RetentionKind,
): Promise<{ rows: number; files: number }> {
  const now = deps.now();
  const deleted = await inAuditTransaction(deps.store, async (repos) => {
    const theCase = await repos.cases.get(room);
    if (theCase && (await repos.cases.markStatsRecorded(room)))
      await repos.retention.addStatistics(await caseStatistics(repos, theCase, now));
    const result = await deleteKind(repos, room, kind);
    const pending = (await repos.retention.pending(room)).filter((k) => k !== kind);
    if (pending.length === 0) {
      // Everything is gone: the case record, the retention rows and any personal audit facts left.
      result.rows += await repos.audit.erasePersonal(room, [
        'forms',
        'documents',
        'files',
        'chat',
        'idcheck',
        'tans',
        'sessions',
      ]);
      result.rows += await repos.cases.remove(room);
      await repos.retention.removeRoom(room);
    }
    const files = result.documents.length + result.files.length;
    await repos.retention.log({ kind, doneAt: now, rowsDeleted: result.rows, filesDeleted: files });
    await appendAudit(
      repos.audit,
      { kind: 'retention.purged', public: { kind, rows: result.rows, files, at: now.toISOString() } },
      now,
    );
    return result;
  });
  for (const name of deleted.documents) await deps.blobs.remove('documents', name);
  for (const name of deleted.files) await deps.blobs.remove('files', name);
  // What the SMS gateway keeps of the case's TAN messages goes with the TANs.
  const messages = kind === 'tans' ? ((await deps.sms?.forget?.(room)) ?? 0) : 0;
  return { rows: deleted.rows, files: deleted.documents.length + deleted.files.length + messages };
}
