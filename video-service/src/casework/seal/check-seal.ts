/**
 * Checks a PDF's seal without trusting anything in it: exactly one signature whose ByteRange starts at 0,
 * covers the whole file except its /Contents, and whose CMS message digest matches those bytes; the CMS
 * signature verifies with the certificate it carries, and signingCertificateV2 names that certificate.
 * Whether the certificate is this office's is the caller's question (its fingerprint is returned).
 */
import { createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { parseSignedData } from './cms.ts';

export type SealCheck =
  | { ok: true; certificateFingerprint: string; certificateSubject: string }
  | { ok: false; reason: 'no_seal' | 'appended_after_sealing' | 'content_modified' | 'seal_invalid' };

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** Length of the DER element at the start of `der` (tag, length, contents), or null when malformed. */
function derLength(der: Buffer): number | null {
  if (der.length < 2) return null;
  const first = der[1]!;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || der.length < 2 + n) return null;
  let length = 0;
  for (let i = 0; i < n; i += 1) length = length * 256 + der[2 + i]!;
  return 2 + n + length;
}

/** The placeholder's hex: the CMS followed by zero padding, nothing else (any other byte there is a change). */
function decodeContents(hex: string): Buffer | null {
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0) return null;
  const bytes = Buffer.from(hex, 'hex');
  const length = derLength(bytes);
  if (length === null || length > bytes.length || bytes.subarray(length).some((b) => b !== 0)) return null;
  return bytes.subarray(0, length);
}

/** Checks the seal of `pdf` (see the module comment). */
export function checkSeal(pdf: Buffer): SealCheck {
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(BYTE_RANGE)];
  if (ranges.length === 0) return { ok: false, reason: 'no_seal' };
  // A second signature dictionary can only come from a later (incremental) change.
  if (ranges.length > 1) return { ok: false, reason: 'appended_after_sealing' };
  const [a, b, c, d] = ranges[0]!.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || b <= 0 || c <= b + 1 || c + d > pdf.length || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e)
    return { ok: false, reason: 'content_modified' };
  const cms = decodeContents(pdf.subarray(b + 1, c - 1).toString('latin1'));
  if (!cms || cms.length === 0) return { ok: false, reason: 'seal_invalid' };
  let parsed;
  try {
    parsed = parseSignedData(cms);
  } catch {
    return { ok: false, reason: 'seal_invalid' };
  }
  const digest = createHash('sha256')
    .update(pdf.subarray(0, b))
    .update(pdf.subarray(c, c + d))
    .digest();
  if (!digest.equals(parsed.messageDigest)) return { ok: false, reason: 'content_modified' };
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(parsed.certificateDer);
  } catch {
    return { ok: false, reason: 'seal_invalid' };
  }
  const fingerprint = createHash('sha256').update(parsed.certificateDer).digest();
  if (parsed.signingCertificateHash && !parsed.signingCertificateHash.equals(fingerprint))
    return { ok: false, reason: 'seal_invalid' };
  let valid = false;
  try {
    valid = cryptoVerify('sha256', parsed.signedAttrsDer, certificate.publicKey, parsed.signature);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'seal_invalid' };
  if (c + d !== pdf.length) return { ok: false, reason: 'appended_after_sealing' };
  return {
    ok: true,
    certificateFingerprint: fingerprint.toString('hex'),
    certificateSubject: certificate.subject.replace(/\n/g, ', '),
  };
}
