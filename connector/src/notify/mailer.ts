/**
 * Where mail goes: an SMTP server (SMTP_URL) or, without one, the dev mailbox on disk. Both take the
 * outbox's rendered OutgoingMail.
 */
import type { OutgoingMail } from '../domain/ports.ts';

export interface Mailer {
  /** `smtp` or `dev-mailbox` (for logs). */
  readonly kind: string;
  /** Sends one mail; throws when the server refused it or could not be reached. */
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

/** The mail's files and its inline images (`cid:`) as nodemailer takes them. */
export function nodemailerAttachments(mail: OutgoingMail): Array<Record<string, string>> {
  return [
    ...mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    ...(mail.inline ?? []).map((i) => ({
      filename: i.filename,
      contentType: i.contentType,
      content: i.content,
      encoding: 'base64',
      cid: i.cid,
      contentDisposition: 'inline',
    })),
  ];
}
