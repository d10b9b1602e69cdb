/**
 * The authority's seal: a private key and its certificate from a PKCS#12 file (SEAL_P12_FILE with
 * SEAL_P12_PASSPHRASE), or a self-signed development seal created once in DATA_DIR/casework/seal/. The
 * PKCS#12 is parsed once at start-up (node-forge); signing then uses Node's crypto.
 */
import { createHash, createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import forge from 'node-forge';
import type { Logger } from '../../log.ts';
import type { CaseworkConfig } from '../casework-config.ts';
import { developmentSeal } from './dev-certificate.ts';

export interface SealKey {
  privateKey: KeyObject;
  /** The certificate in DER. */
  certificateDer: Buffer;
  /** SHA-256 (hex) of the certificate DER: how records name the certificate. */
  fingerprint: string;
  subject: string;
  /** Whether it is the generated development seal (never for production). */
  development: boolean;
}

/** Reads key and certificate from PKCS#12 bytes (RSA or EC keys; the certificate that matches the key). */
export function sealKeyFromP12(p12: Buffer, passphrase: string, development: boolean): SealKey {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), false, passphrase);
  } catch (error) {
    throw new Error(
      `the seal PKCS#12 cannot be opened (wrong passphrase or damaged file): ${(error as Error).message}`,
    );
  }
  const keyBags = [
    ...(parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(parsed.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const bag = keyBags[0];
  if (!bag) throw new Error('the seal PKCS#12 holds no private key');
  const privateKey = bag.key
    ? createPrivateKey(forge.pki.privateKeyToPem(bag.key))
    : createPrivateKey({
        key: Buffer.from(forge.asn1.toDer(bag.asn1 as forge.asn1.Asn1).getBytes(), 'binary'),
        format: 'der',
        type: 'pkcs8',
      });
  const certBags = parsed.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  for (const certBag of certBags) {
    // forge parses RSA certificates only; for others (EC) it keeps the ASN.1, which is all we need.
    const asn1 = certBag.cert
      ? forge.pki.certificateToAsn1(certBag.cert)
      : (certBag.asn1 as forge.asn1.Asn1 | undefined);
    if (!asn1) continue;
    const der = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
    const x509 = new X509Certificate(der);
    if (!x509.checkPrivateKey(privateKey)) continue;
    return {
      privateKey,
      certificateDer: der,
      fingerprint: createHash('sha256').update(der).digest('hex'),
      subject: x509.subject.replace(/\n/g, ', '),
      development,
    };
  }
  throw new Error('the seal PKCS#12 holds no certificate for its private key');
}

/** Loads the configured seal, or creates/loads the development seal. */
export async function loadSealKey(config: CaseworkConfig, log: Logger): Promise<SealKey> {
  if (config.seal.kind === 'p12') {
    const key = sealKeyFromP12(await readFile(config.seal.file), config.seal.passphrase, false);
    log.info({ fingerprint: key.fingerprint }, 'loadSealKey() | seal certificate loaded');
    return key;
  }
  const dev = await developmentSeal(config.dataDir, config.authorityName);
  const key = sealKeyFromP12(dev.p12, dev.passphrase, true);
  log.warn(
    { fingerprint: key.fingerprint, created: dev.created },
    'loadSealKey() | using the self-signed DEVELOPMENT seal; configure SEAL_P12_FILE for production',
  );
  return key;
}
