/**
 * The video service as a child process (`node video-service/src/main.ts`) for the payment tests that kill it
 * with SIGKILL mid-payment and start it again on the same DATA_DIR, database and port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestDatabase } from '../../../support/databases.ts';
import { freePort } from '../../../support/ports.ts';
import { createSigningKey, jwksOf, type SigningKey } from '../../support.ts';

const MAIN = path.resolve(import.meta.dirname, '../../../../video-service/src/main.ts');

export interface PaymentProcess {
  baseUrl: string;
  key: SigningKey;
  dataDir: string;
  /** SIGKILL: no shutdown code runs, open requests and timers die with the process. */
  kill(): Promise<void>;
  /** A new process on the same DATA_DIR, database and port; resolves once /readyz answers. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function spawnPaymentService(o: {
  database: TestDatabase;
  env: Record<string, string>;
}): Promise<PaymentProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'va-payments-kill-'));
  const key = createSigningKey();
  const jwksFile = path.join(dataDir, 'jwks.json');
  await writeFile(jwksFile, JSON.stringify(jwksOf([key])));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    MEDIA_MODE: 'p2p',
    LOG_LEVEL: 'silent',
    JWKS_FILE: jwksFile,
    SESSION_RATE_LIMIT_PER_MINUTE: '100000',
    AUTHORITY_NAME: 'Stadt Musterstadt – Bürgeramt',
    RETENTION_INTERVAL_SECONDS: '0',
    PAYMENT_RECONCILE_INTERVAL_MS: '150',
    DATABASE_URL: o.database.url,
    ...o.env,
  };
  let child: ChildProcess | undefined;

  const kill = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill('SIGKILL');
    await gone;
  };
  const start = async () => {
    const c = spawn(process.execPath, [MAIN], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child = c;
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (c.exitCode !== null) throw new Error(`video service exited with ${c.exitCode}`);
      const res = await fetch(`${baseUrl}/readyz`).catch(() => undefined);
      if (res?.ok) return;
      if (Date.now() > deadline) {
        await kill();
        throw new Error('video service was not ready within 20 s');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await start();
  return {
    baseUrl,
    key,
    dataDir,
    kill,
    start,
    async close() {
      await kill();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
