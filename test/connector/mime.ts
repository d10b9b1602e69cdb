/**
 * A minimal MIME reader for tests: splits a raw message into its leaf parts and decodes base64 and
 * quoted-printable bodies, so assertions see the text a mail client would show.
 */

export interface MimeLeaf {
  headers: Record<string, string>;
  contentType: string;
  filename?: string;
  body: string;
  /** The decoded bytes (for images and other binary parts). */
  bytes: Buffer;
}

export interface ParsedMail {
  headers: Record<string, string>;
  leaves: MimeLeaf[];
}

function splitHead(raw: string): [Record<string, string>, string] {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at === -1 ? raw : raw.slice(0, at);
  const body = at === -1 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return [headers, body];
}

function param(value: string, name: string): string | undefined {
  const m = new RegExp(`${name}\\*?="?([^";]+)"?`, 'i').exec(value);
  return m?.[1];
}

function decode(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      const bytes = body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => `%${hex}`)
        .replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
      return Buffer.from(decodeURIComponent(bytes.replace(/[^\x00-\x7f]/g, encodeURIComponent)), 'utf8').toString(
        'utf8',
      );
    }
    default:
      return body;
  }
}

function leaves(headers: Record<string, string>, body: string): MimeLeaf[] {
  const contentType = headers['content-type'] ?? 'text/plain';
  const boundary = param(contentType, 'boundary');
  if (/^multipart\//i.test(contentType) && boundary) {
    const sections = body.split(`--${boundary}`).slice(1);
    return sections
      .filter((s) => !s.startsWith('--'))
      .flatMap((section) => {
        const [h, b] = splitHead(section.replace(/^\r?\n/, ''));
        return leaves(h, b.replace(/\r?\n$/, ''));
      });
  }
  const filename = param(headers['content-disposition'] ?? '', 'filename') ?? param(contentType, 'name');
  return [
    {
      headers,
      contentType,
      ...(filename ? { filename } : {}),
      body: decode(body, headers['content-transfer-encoding']),
      bytes:
        (headers['content-transfer-encoding'] ?? '').toLowerCase() === 'base64'
          ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
          : Buffer.from(body),
    },
  ];
}

export function parseMail(raw: string): ParsedMail {
  const [headers, body] = splitHead(raw);
  return { headers, leaves: leaves(headers, body) };
}

/** RFC 5545 unfolding: a line break followed by a space or tab continues the line. */
export function unfoldIcs(text: string): string {
  return text.replace(/\r?\n[ \t]/g, '');
}
