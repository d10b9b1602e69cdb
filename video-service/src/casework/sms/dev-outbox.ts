/**
 * The development SMS gateway: each message becomes a JSON file in DATA_DIR/casework/sms-outbox/<case>/
 * (like a dev mailbox), so a developer or a test can read the SMS-TAN there; retention deletes a case's
 * folder (`forget`). Never for production: the TAN sits on disk in clear text until then.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SmsGateway, SmsMessage } from '../ports.ts';

const REFERENCE = /^[a-z0-9-]{1,64}$/;

export class DevOutboxGateway implements SmsGateway {
  readonly name = 'dev-outbox';
  readonly #dir: string;
  readonly #now: () => Date;

  constructor(dir: string, now: () => Date = () => new Date()) {
    this.#dir = dir;
    this.#now = now;
  }

  #folder(reference: string): string {
    if (!REFERENCE.test(reference)) throw new Error('invalid SMS reference');
    return path.join(this.#dir, reference);
  }

  async send(message: SmsMessage): Promise<{ id: string }> {
    const id = randomUUID();
    const folder = this.#folder(message.reference);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const at = this.#now();
    await writeFile(
      path.join(folder, `${at.getTime()}-${id}.json`),
      JSON.stringify({ id, to: message.to, text: message.text, at: at.toISOString() }),
      { mode: 0o600 },
    );
    return { id };
  }

  async forget(reference: string): Promise<number> {
    const folder = this.#folder(reference);
    const count = (await this.messages(reference)).length;
    await rm(folder, { recursive: true, force: true });
    return count;
  }

  /** The case's messages, oldest first. */
  async messages(reference: string): Promise<Array<{ id: string; to: string; text: string; at: string }>> {
    const folder = this.#folder(reference);
    let names: string[];
    try {
      names = (await readdir(folder)).filter((n) => n.endsWith('.json')).sort();
    } catch {
      return [];
    }
    return Promise.all(
      names.map(
        async (n) =>
          JSON.parse(await readFile(path.join(folder, n), 'utf8')) as {
            id: string;
            to: string;
            text: string;
            at: string;
          },
      ),
    );
  }
}
