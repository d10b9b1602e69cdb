/** Payment test support: a casework service whose DATA_DIR and database survive a restart, and small helpers. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../../video-service/src/config.ts';
import { VideoService } from '../../../../video-service/src/app.ts';
import type { TestDatabase } from '../../../support/databases.ts';
import { createSigningKey, jwksOf, type SigningKey } from '../../support.ts';
import { TestClock, type CaseworkService } from '../support.ts';

export type PaymentService = CaseworkService & { reopen(): Promise<PaymentService> };

export async function startPaymentService(o: {
  database: TestDatabase;
  env?: Record<string, string>;
  logs?: string[];
  dataDir?: string;
  key?: SigningKey;
}): Promise<PaymentService> {
  const dataDir = o.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'va-payments-')));
  const key = o.key ?? createSigningKey();
  const jwksFile = path.join(dataDir, 'jwks.json');
  await writeFile(jwksFile, JSON.stringify(jwksOf([key])));
  const env = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    MEDIA_MODE: 'p2p',
    LOG_LEVEL: o.logs ? 'debug' : 'silent',
    JWKS_FILE: jwksFile,
    SESSION_RATE_LIMIT_PER_MINUTE: '100000',
    VERIFY_RATE_LIMIT_PER_MINUTE: '100000',
    AUTHORITY_NAME: 'Stadt Musterstadt – Bürgeramt',
    RETENTION_INTERVAL_SECONDS: '0',
    PAYMENT_RECONCILE_INTERVAL_MS: '150',
    DATABASE_URL: o.database.url,
    ...o.env,
  };
  const clock = new TestClock();
  const logs = o.logs;
  const service = await VideoService.create(loadConfig(env), {
    now: clock.now,
    ...(logs ? { logDestination: { write: (line: string) => void logs.push(line) } } : {}),
  });
  const baseUrl = await service.listen();
  let closed = false;
  return {
    service,
    baseUrl,
    dataDir,
    key,
    clock,
    async close() {
      if (closed) return;
      closed = true;
      await service.close();
      await rm(dataDir, { recursive: true, force: true });
    },
    /** Stops this process (keeping DATA_DIR and the database) and starts a new one on them. */
    async reopen() {
      closed = true;
      await service.close();
      return startPaymentService({ ...o, dataDir, key });
    },
  };
}

export { until } from '../support.ts';
