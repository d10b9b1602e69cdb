/**
 * Runs in a worker thread (sqlite-checkpointer.ts): moves the SQLite write-ahead log into the database file
 * every `intervalMs` with a PASSIVE checkpoint, which never blocks the connector's reads or writes. Done
 * here rather than by SQLite's automatic checkpoint, which runs inside a COMMIT — on the event loop's thread
 * with node:sqlite — and showed as the slowest answers under load.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new DatabaseSync(file, { timeout: 1000 });

const checkpoint = () => {
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or locked for a moment: the next round catches up.
  }
};
const timer = setInterval(checkpoint, intervalMs);

parentPort!.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort!.postMessage('stopped');
});
