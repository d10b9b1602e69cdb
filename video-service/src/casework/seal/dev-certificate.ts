/**
 * The development seal: a self-signed RSA-2048 certificate for "<AUTHORITY_NAME> (Entwicklungssiegel)",
 * made once and kept in DATA_DIR/casework/seal/development-seal.json (PKCS#12 + its random passphrase,
 * mode 0600). Created atomically (a hard link that fails when another process was first), so several
 * processes on one DATA_DIR agree on one seal.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';

const FILE = 'development-seal.json';

function createP12(authority: string, passphrase: string): Buffer {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string);
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 3600_000);
  cert.validity.notAfter = new Date(now.getTime() + 5 * 365 * 24 * 3600_000);
  // UTF8String values (forge encodes them), so umlauts in authority names survive.
  const utf8 = (name: string, value: string) => ({ name, value, valueTagClass: forge.asn1.Type.UTF8 as number });
  const attrs = [
    utf8('commonName', `${authority} (Entwicklungssiegel)`.slice(0, 64)),
    utf8('organizationName', authority.slice(0, 64)),
    utf8('organizationalUnitName', 'Development seal - not for production'),
    { name: 'countryName', value: 'DE' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, {
    algorithm: 'aes256',
    friendlyName: 'development seal',
  });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

/** The development seal's PKCS#12 and passphrase (created on first use). */
export async function developmentSeal(
  dataDir: string,
  authority: string,
): Promise<{ p12: Buffer; passphrase: string; created: boolean }> {
  const dir = path.join(dataDir, 'seal');
  const file = path.join(dir, FILE);
  const read = async () => {
    const stored = JSON.parse(await readFile(file, 'utf8')) as { p12: string; passphrase: string };
    return { p12: Buffer.from(stored.p12, 'base64'), passphrase: stored.passphrase };
  };
  try {
    return { ...(await read()), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const passphrase = randomBytes(24).toString('base64url');
  const tmp = path.join(dir, `.${FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  await writeFile(tmp, JSON.stringify({ p12: createP12(authority, passphrase).toString('base64'), passphrase }), {
    mode: 0o600,
  });
  try {
    await link(tmp, file);
    return { ...(await read()), created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { ...(await read()), created: false };
  } finally {
    await rm(tmp, { force: true });
  }
}
