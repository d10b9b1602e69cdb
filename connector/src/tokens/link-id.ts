/**
 * Short join links (docs/adr/0011): the link carries a 128-bit link id (22 base64url characters) instead
 * of the ~1,000-character join token. The id is the token id (`jti`, a random UUID: 16 bytes) run through a
 * keyed pseudo-random permutation — AES-256 on exactly that one block — under a key derived from the signing
 * key. So the id
 *  - looks random to everyone without the key (nothing about the appointment can be read from it),
 *  - is the same for every copy of the link (API answers re-derive it, like the .ics key, docs/adr/0004),
 *  - changes with every new link set (new jti) and dies with its jti (revocation by jti covers it),
 *  - needs no storage: the connector turns it back into the jti and signs the token when the video service
 *    asks (domain/resolve-join-link.ts).
 * One block with no chaining is a plain block-cipher call, not a mode of operation: nothing repeats.
 */
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import type { SigningKey } from './signing-key.ts';

/** What a link id looks like in a fragment: 16 bytes, base64url, no padding. */
export const LINK_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export interface LinkIdCodec {
  /** The link id of a token id; null when the jti is not a random (v4) UUID (such a link keeps its token). */
  idFor(jti: string): string | null;
  /** The token id behind a link id; null for anything this connector did not make. */
  jtiOf(linkId: string): string | null;
}

export function createLinkIdCodec(key: SigningKey): LinkIdCodec {
  const secret = Buffer.from(
    hkdfSync('sha256', key.privateKey.export({ format: 'der', type: 'pkcs8' }), '', 'va-connector join link id v1', 32),
  );
  const block = (mode: 'encrypt' | 'decrypt', input: Buffer): Buffer => {
    const cipher =
      mode === 'encrypt' ? createCipheriv('aes-256-ecb', secret, null) : createDecipheriv('aes-256-ecb', secret, null);
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(input), cipher.final()]);
  };
  return {
    idFor(jti) {
      const lower = jti.toLowerCase();
      if (!UUID.test(lower)) return null;
      return block('encrypt', Buffer.from(lower.replaceAll('-', ''), 'hex')).toString('base64url');
    },
    jtiOf(linkId) {
      if (!LINK_ID_PATTERN.test(linkId)) return null;
      const bytes = Buffer.from(linkId, 'base64url');
      if (bytes.length !== 16 || bytes.toString('base64url') !== linkId) return null;
      const hex = block('decrypt', bytes).toString('hex');
      const jti = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      // A guessed id decrypts to 16 random bytes: the UUID layout turns most away before any lookup.
      return UUID.test(jti) ? jti : null;
    },
  };
}
