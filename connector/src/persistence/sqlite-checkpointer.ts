/**
 * Starts the checkpoint worker thread (checkpoint-worker.ts) for a SQLite file and switches the main
 * connection's automatic checkpoint off (the caller runs `PRAGMA wal_autocheckpoint = 0`). Same process,
 * same SQLite library (node:sqlite), so the two connections share SQLite's locks.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

export interface Checkpointer {
  /** Runs a last checkpoint and ends the thread. */
  stop(): Promise<void>;
}

/**
 * @param onFailure called once if the thread cannot run (it then checkpoints nothing): the caller turns
 *   SQLite's automatic checkpoint back on, so the log still gets folded into the file.
 */
export function startCheckpointer(file: string, onFailure: (err: Error) => void, intervalMs = 1000): Checkpointer {
  // execArgv: none of the parent's (e.g. `--input-type` of a `node -e` host would stop the worker from loading).
  const worker = new Worker(new URL('./checkpoint-worker.ts', import.meta.url), {
    workerData: { file, intervalMs },
    execArgv: [],
  });
  worker.unref();
  let failed = false;
  worker.on('error', (err) => {
    if (failed) return;
    failed = true;
    onFailure(err);
  });
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        // Referenced again while stopping: nothing else may keep the process alive by now.
        worker.ref();
        const done = Promise.race([once(worker, 'message'), once(worker, 'exit')]);
        worker.postMessage('stop');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
        clearTimeout(timer);
        await worker.terminate();
      })();
      return stopped;
    },
  };
}
