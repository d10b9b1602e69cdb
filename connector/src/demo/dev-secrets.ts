/**
 * Development secrets for `npm start`: generated once into DATA_DIR/dev-secrets.json (mode 0600) so
 * that the connector and the demo booking page agree across restarts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateSecret } from '../tokens/standard-webhooks.ts';

export interface DevSecrets {
  genericWebhookSecret: string;
  /** Signs the video service's event webhooks to the connector. */
  videoEventsSecret: string;
}

export const DEV_SECRETS_FILE = 'dev-secrets.json';

export async function loadOrCreateDevSecrets(dataDir: string): Promise<DevSecrets> {
  const file = path.join(dataDir, DEV_SECRETS_FILE);
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Partial<DevSecrets>;
    if (stored.genericWebhookSecret?.startsWith('whsec_') && stored.videoEventsSecret?.startsWith('whsec_')) {
      return { genericWebhookSecret: stored.genericWebhookSecret, videoEventsSecret: stored.videoEventsSecret };
    }
    if (stored.genericWebhookSecret?.startsWith('whsec_')) return save(file, { genericWebhookSecret: stored.genericWebhookSecret, videoEventsSecret: generateSecret() });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return save(file, { genericWebhookSecret: generateSecret(), videoEventsSecret: generateSecret() });
}

async function save(file: string, secrets: DevSecrets): Promise<DevSecrets> {
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
