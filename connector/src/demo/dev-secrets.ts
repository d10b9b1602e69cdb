/**
 * Development secrets for `npm start`: generated once into DATA_DIR/dev-secrets.json (mode 0600) so
 * that the connector and the demo booking page agree across restarts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateSecret } from '../tokens/standard-webhooks.ts';

const newApiKey = () => `dev_${randomBytes(24).toString('base64url')}`;

export interface DevSecrets {
  genericWebhookSecret: string;
  /** Signs the video service's event webhooks to the connector. */
  videoEventsSecret: string;
  /** The demo scheduler's connector API key (for plug-in tokens, /scheduler). */
  schedulerApiKey: string;
}

export const DEV_SECRETS_FILE = 'dev-secrets.json';

export async function loadOrCreateDevSecrets(dataDir: string): Promise<DevSecrets> {
  const file = path.join(dataDir, DEV_SECRETS_FILE);
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Partial<DevSecrets>;
    if (stored.genericWebhookSecret?.startsWith('whsec_')) {
      // Older files lack the later secrets: keep what is there, add the rest.
      const complete: DevSecrets = {
        genericWebhookSecret: stored.genericWebhookSecret,
        videoEventsSecret: stored.videoEventsSecret?.startsWith('whsec_') ? stored.videoEventsSecret : generateSecret(),
        schedulerApiKey:
          typeof stored.schedulerApiKey === 'string' && stored.schedulerApiKey.length >= 16
            ? stored.schedulerApiKey
            : newApiKey(),
      };
      if (
        complete.videoEventsSecret === stored.videoEventsSecret &&
        complete.schedulerApiKey === stored.schedulerApiKey
      )
        return complete;
      return save(file, complete);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return save(file, {
    genericWebhookSecret: generateSecret(),
    videoEventsSecret: generateSecret(),
    schedulerApiKey: newApiKey(),
  });
}

async function save(file: string, secrets: DevSecrets): Promise<DevSecrets> {
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
