/**
 * Development mailbox: without SMTP_URL, mail is written to DATA_DIR/mailbox/ (a JSON file per
 * message plus the raw .eml as nodemailer would send it) and shown at GET /dev/mailbox. It holds
 * working join links, so it must never be used in production.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { InlineImage, OutgoingMail } from '../domain/ports.ts';
import { nodemailerAttachments, type Mailer } from './mailer.ts';

/** A stored message as `GET /dev/mailbox/messages` lists it. */
export interface MailboxMessage {
  id: string;
  from: string;
  to: string[];
  subject: string;
  /** ISO time the message was stored. */
  date: string;
  text: string;
  html: string;
  attachments: Array<{ filename: string; contentType: string }>;
}

interface StoredMessage extends MailboxMessage {
  attachmentContents: string[];
  /** The HTML part's `cid:` images (base64), shown by `htmlForBrowser`. */
  inline?: InlineImage[];
}

const ID_PATTERN = /^\d{13}-[0-9a-f]{8}$/;

export class DevMailbox implements Mailer {
  readonly kind = 'dev-mailbox';
  readonly directory: string;
  readonly #from: string;
  readonly #composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

  private constructor(directory: string, from: string) {
    this.directory = directory;
    this.#from = from;
  }

  /** Creates the directory when missing. */
  static async open(directory: string, from: string): Promise<DevMailbox> {
    await mkdir(directory, { recursive: true });
    return new DevMailbox(directory, from);
  }

  async send(mail: OutgoingMail): Promise<void> {
    // Ids sort by time: a 13-digit millisecond timestamp and random suffix.
    const id = `${String(Date.now()).padStart(13, '0')}-${randomBytes(4).toString('hex')}`;
    const info = await this.#composer.sendMail({
      from: this.#from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: nodemailerAttachments(mail),
    });
    const stored: StoredMessage = {
      id,
      from: this.#from,
      to: mail.to,
      subject: mail.subject,
      date: new Date().toISOString(),
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType })),
      attachmentContents: mail.attachments.map((a) => a.content),
      inline: mail.inline ?? [],
    };
    await writeFile(path.join(this.directory, `${id}.eml`), info.message as Buffer, { mode: 0o600 });
    // Write-then-rename so a reader never sees half a file.
    const tmp = path.join(this.directory, `.${id}.json.tmp`);
    await writeFile(tmp, JSON.stringify(stored), { mode: 0o600 });
    await rename(tmp, path.join(this.directory, `${id}.json`));
  }

  /** All messages, newest first. */
  async list(): Promise<MailboxMessage[]> {
    const files = (await readdir(this.directory)).filter((f) => f.endsWith('.json') && ID_PATTERN.test(f.slice(0, -5)));
    files.sort().reverse();
    const messages = await Promise.all(files.map((f) => this.#read(f.slice(0, -5))));
    return messages.filter((m): m is StoredMessage => m !== null).map(publicPart);
  }

  /** One message, or null for an unknown or malformed id. */
  async get(id: string): Promise<MailboxMessage | null> {
    const stored = await this.#read(id);
    return stored ? publicPart(stored) : null;
  }

  /** Content of one attachment, or null. */
  async attachment(
    id: string,
    index: number,
  ): Promise<{ filename: string; contentType: string; content: string } | null> {
    const stored = await this.#read(id);
    const meta = stored?.attachments[index];
    if (!stored || !meta) return null;
    return { ...meta, content: stored.attachmentContents[index] ?? '' };
  }

  /**
   * The HTML part for a browser tab, its `cid:` images as data: URIs (a browser cannot resolve `cid:`; the
   * page's CSP allows data: images only). Null for an unknown id.
   */
  async htmlForBrowser(id: string): Promise<string | null> {
    const stored = await this.#read(id);
    if (!stored) return null;
    const byCid = new Map((stored.inline ?? []).map((i) => [i.cid, i]));
    return stored.html.replace(/(["'])cid:([^"']+)\1/g, (match, quote: string, cid: string) => {
      const image = byCid.get(cid);
      return image ? `${quote}data:${image.contentType};base64,${image.content}${quote}` : match;
    });
  }

  async close(): Promise<void> {
    this.#composer.close();
  }

  async #read(id: string): Promise<StoredMessage | null> {
    if (!ID_PATTERN.test(id)) return null;
    try {
      return JSON.parse(await readFile(path.join(this.directory, `${id}.json`), 'utf8')) as StoredMessage;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }
}

function publicPart(stored: StoredMessage): MailboxMessage {
  const { attachmentContents: _contents, inline: _inline, ...message } = stored;
  return message;
}
