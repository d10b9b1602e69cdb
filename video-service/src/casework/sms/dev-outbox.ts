/**
 * The development SMS gateway: each message becomes a JSON file in DATA_DIR/casework/sms-outbox/ (like a
 * dev mailbox), so a developer or a test can read the SMS-TAN there. Never for production: the TAN sits
 * on disk in clear text until the case's retention ends or the file is removed.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SmsGateway, SmsMessage } from '../ports.ts';

export class DevOutboxGateway implements SmsGateway {
  readonly name = 'dev-outbox';
  readonly #dir: string;
  readonly #now: () => Date;

  constructor(dir: string, now: () => Date = () => new Date()) {
    this.#dir = dir;
    this.#now = now;
  }

  async send(message: SmsMessage): Promise<{ id: string }> {
    const id = randomUUID();
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    const at = this.#now();
    await writeFile(path.join(this.#dir, `${at.getTime()}-${id}.json`), JSON.stringify({ id, to: message.to, text: message.text, at: at.toISOString() }), { mode: 0o600 });
    return { id };
  }

  /** Every message in the outbox, oldest first. */
  async messages(): Promise<Array<{ id: string; to: string; text: string; at: string }>> {
    let names: string[];
    try {
      names = (await readdir(this.#dir)).filter((n) => n.endsWith('.json')).sort();
    } catch {
      return [];
    }
    return Promise.all(names.map(async (n) => JSON.parse(await readFile(path.join(this.#dir, n), 'utf8')) as { id: string; to: string; text: string; at: string }));
  }
}
