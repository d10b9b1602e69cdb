/**
 * Short-lived signed capabilities: `<base64url JSON>.<base64url HMAC-SHA256>` naming what they grant (a
 * sealed document's download, a finished case's hand-off) and until when. The key is 32 random bytes in
 * DATA_DIR/casework/keys/capability.key, created once (atomically; processes sharing DATA_DIR agree).
 * Capabilities travel in URL fragments or Authorization headers, never in query strings or logs.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * `still`: the clerk's request for an ID-check still (subject: room, check and step); `case-documents`: the
 * citizen's documents page of a case (subject: room).
 */
export type CapabilityKind = 'document' | 'handoff' | 'still' | 'case-documents' | 'payment-document';

export interface Capability {
  kind: CapabilityKind;
  /** Document id or room. */
  subject: string;
  expiresAt: Date;
  /**
   * Makes the token unique although kind, subject and expiry (in seconds) repeat: a still request is one
   * request, and the relay counts bytes per request id — two requests for the same step within a second
   * once shared an id, so the second was refused as "more bytes than the still has".
   */
  unique?: boolean;
}

export class Capabilities {
  readonly #key: Buffer;

  private constructor(key: Buffer) {
    this.#key = key;
  }

  /** Loads (or creates) the key in `dir`. */
  static async open(dir: string): Promise<Capabilities> {
    const file = path.join(dir, 'capability.key');
    try {
      return new Capabilities(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(tmp, randomBytes(32).toString('base64url'), { mode: 0o600 });
    try {
      await link(tmp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await rm(tmp, { force: true });
    }
    return new Capabilities(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url'));
  }

  #mac(body: string): Buffer {
    return createHmac('sha256', this.#key).update(body).digest();
  }

  issue(c: Capability): string {
    const claims = {
      k: c.kind,
      s: c.subject,
      e: Math.floor(c.expiresAt.getTime() / 1000),
      ...(c.unique ? { n: randomBytes(9).toString('base64url') } : {}),
    };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${body}.${this.#mac(body).toString('base64url')}`;
  }

  /** The capability if the token is genuine, of `kind` and not expired at `now`; otherwise null. */
  check(token: string, kind: CapabilityKind, now: Date): Capability | null {
    if (token.length > 1000) return null;
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return null;
    const expected = this.#mac(body);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let claims: { k?: unknown; s?: unknown; e?: unknown };
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      return null;
    }
    if (claims.k !== kind || typeof claims.s !== 'string' || typeof claims.e !== 'number') return null;
    const expiresAt = new Date(claims.e * 1000);
    return expiresAt.getTime() > now.getTime() ? { kind, subject: claims.s, expiresAt } : null;
  }
}
