/**
 * The connector's ES256 (P-256) signing key: generated on first start into DATA_DIR (mode 0600) and
 * reused afterwards. Its public half is published as a JWKS; `kid` is the RFC 7638 thumbprint.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log.ts';

/** One entry of `GET /.well-known/jwks.json`. */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: PublicJwk;
}

/** File name of the key inside DATA_DIR. */
export const SIGNING_KEY_FILE = 'connector-signing-key.pem';

/**
 * Loads DATA_DIR/connector-signing-key.pem, creating it when missing. Several processes starting at
 * once end up with the same key: the file appears atomically (hard link) and the loser reads it.
 */
export async function loadOrCreateSigningKey(dataDir: string, log: Logger): Promise<SigningKey> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, SIGNING_KEY_FILE);
  let pem = await readIfExists(file);
  if (pem === null) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    try {
      await link(tmp, file);
      log.info({ file: SIGNING_KEY_FILE }, 'loadOrCreateSigningKey() | generated a new ES256 signing key');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      await unlink(tmp);
    }
    pem = (await readIfExists(file))!;
  }
  const mode = (await stat(file)).mode & 0o777;
  if (mode & 0o077)
    log.warn(
      { file: SIGNING_KEY_FILE, mode: mode.toString(8) },
      'signing key file is readable by others; chmod 600 it',
    );
  const key = fromPem(pem);
  log.info({ kid: key.kid }, 'signing key loaded');
  return key;
}

/** Builds the key objects and JWK from a PKCS#8 PEM. */
export function fromPem(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('the signing key must be an EC P-256 key');
  }
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
  const kid = jwkThumbprint({ crv: 'P-256', kty: 'EC', x: jwk.x, y: jwk.y });
  return {
    kid,
    privateKey,
    publicKey,
    publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid, alg: 'ES256', use: 'sig' },
  };
}

/** RFC 7638 JWK thumbprint of an EC key: SHA-256 over the required members in lexicographic order, base64url. */
export function jwkThumbprint(jwk: { crv: string; kty: string; x: string; y: string }): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
