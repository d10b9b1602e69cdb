/**
 * Just enough CMS (RFC 5652) for PAdES baseline seals (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached):
 * a detached SignedData with contentType, messageDigest and signingCertificateV2 (RFC 5035) signed
 * attributes and no signingTime (the time is the signature dictionary's /M). Built with node-forge's ASN.1
 * and signed with Node's crypto (RSA PKCS#1 v1.5 or ECDSA, SHA-256). `parseSignedData` reads back what
 * verification needs.
 */
import { createHash, sign as cryptoSign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

const { asn1 } = forge;
const U = asn1.Class.UNIVERSAL;
const C = asn1.Class.CONTEXT_SPECIFIC;
const T = asn1.Type;

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

const oid = (o: string) => asn1.create(U, T.OID, false, asn1.oidToDer(o).getBytes());
const seq = (value: forge.asn1.Asn1[]) => asn1.create(U, T.SEQUENCE, true, value);
const set = (value: forge.asn1.Asn1[]) => asn1.create(U, T.SET, true, value);
const octets = (b: Buffer) => asn1.create(U, T.OCTETSTRING, false, b.toString('binary'));
const der = (node: forge.asn1.Asn1) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const sha256Alg = () => seq([oid(OID.sha256), asn1.create(U, T.NULL, false, '')]);

function attribute(type: string, value: forge.asn1.Asn1): forge.asn1.Asn1 {
  return seq([oid(type), set([value])]);
}

/** Issuer Name and serial number nodes of a DER certificate. */
export function issuerAndSerial(certDer: Buffer): { issuer: forge.asn1.Asn1; serial: forge.asn1.Asn1 } {
  const cert = asn1.fromDer(certDer.toString('binary')) as forge.asn1.Asn1;
  const tbs = (cert.value as forge.asn1.Asn1[])[0]!;
  const fields = tbs.value as forge.asn1.Asn1[];
  const offset = fields[0]!.tagClass === C ? 1 : 0;
  return { serial: fields[offset]!, issuer: fields[offset + 2]! };
}

/** The DER of a detached CMS SignedData over `content`, signed by `key` for `certDer`. */
export function signDetached(content: Buffer, key: KeyObject, certDer: Buffer): Buffer {
  const { issuer, serial } = issuerAndSerial(certDer);
  const cert = asn1.fromDer(certDer.toString('binary')) as forge.asn1.Asn1;
  const digest = createHash('sha256').update(content).digest();
  const certHash = createHash('sha256').update(certDer).digest();
  const essCertIdV2 = seq([octets(certHash), seq([seq([asn1.create(C, 4, true, [issuer])]), serial])]);
  const attrs = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(digest)),
    attribute(OID.signingCertificateV2, seq([seq([essCertIdV2])])),
  ]
    .map((node) => ({ node, bytes: der(node) }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map((a) => a.node);
  // The signature covers the attributes encoded as a SET (RFC 5652 § 5.4), though they travel as [0] IMPLICIT.
  const signedAttrsDer = der(set(attrs));
  const isEc = key.asymmetricKeyType === 'ec';
  const signature = cryptoSign('sha256', signedAttrsDer, key);
  const signerInfo = seq([
    asn1.create(U, T.INTEGER, false, String.fromCharCode(1)),
    seq([issuer, serial]),
    sha256Alg(),
    asn1.create(C, 0, true, attrs),
    isEc ? seq([oid(OID.ecdsaWithSha256)]) : seq([oid(OID.sha256WithRsa), asn1.create(U, T.NULL, false, '')]),
    octets(signature),
  ]);
  const signedData = seq([
    asn1.create(U, T.INTEGER, false, String.fromCharCode(1)),
    set([sha256Alg()]),
    seq([oid(OID.data)]),
    asn1.create(C, 0, true, [cert]),
    set([signerInfo]),
  ]);
  return der(seq([oid(OID.signedData), asn1.create(C, 0, true, [signedData])]));
}

export interface ParsedSignedData {
  certificateDer: Buffer;
  /** The signed attributes re-encoded as a SET: the bytes the signature covers. */
  signedAttrsDer: Buffer;
  messageDigest: Buffer;
  /** SHA-256 of the signing certificate as stated in signingCertificateV2 (null when absent). */
  signingCertificateHash: Buffer | null;
  signatureAlgorithm: string;
  signature: Buffer;
}

const bin = (node: forge.asn1.Asn1) => Buffer.from(node.value as string, 'binary');
const children = (node: forge.asn1.Asn1 | undefined) => (node?.value ?? []) as forge.asn1.Asn1[];

/** Reads a CMS SignedData (first signer, first certificate); throws when it is not one. */
export function parseSignedData(cms: Buffer): ParsedSignedData {
  // The placeholder pads the CMS with zeros: parse the leading structure only (the typings lack the options form).
  const fromDer = asn1.fromDer as unknown as (
    bytes: string,
    options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean },
  ) => forge.asn1.Asn1;
  const root = fromDer(cms.toString('binary'), { strict: true, parseAllBytes: false, decodeBitStrings: false });
  const [type, wrapped] = children(root);
  if (!type || asn1.derToOid(type.value as string) !== OID.signedData) throw new Error('not a CMS SignedData');
  const signedData = children(wrapped)[0];
  if (!signedData) throw new Error('empty SignedData');
  const parts = children(signedData);
  const certs = parts.find((p) => p.tagClass === C && p.type === 0);
  const signerInfos = parts.at(-1);
  const certificate = children(certs)[0];
  const signerInfo = children(signerInfos)[0];
  if (!certificate || !signerInfo) throw new Error('no certificate or signer');
  const si = children(signerInfo);
  const attrsNode = si.find((p) => p.tagClass === C && p.type === 0);
  if (!attrsNode) throw new Error('no signed attributes');
  const attrs = children(attrsNode);
  const find = (o: string) => attrs.find((a) => asn1.derToOid(children(a)[0]!.value as string) === o);
  const digestAttr = find(OID.messageDigest);
  if (!digestAttr) throw new Error('no message digest');
  const certAttr = find(OID.signingCertificateV2);
  const essCertId = certAttr ? children(children(children(children(certAttr)[1])[0])[0])[0] : undefined;
  const certHashNode = children(essCertId).find((n) => n.tagClass === U && n.type === T.OCTETSTRING);
  const sigAlgNode = si[si.indexOf(attrsNode) + 1];
  const sigNode = si[si.indexOf(attrsNode) + 2];
  if (!sigAlgNode || !sigNode) throw new Error('no signature');
  return {
    certificateDer: der(certificate),
    signedAttrsDer: der(set(attrs)),
    messageDigest: bin(children(children(digestAttr)[1])[0]!),
    signingCertificateHash: certHashNode ? bin(certHashNode) : null,
    signatureAlgorithm: asn1.derToOid(children(sigAlgNode)[0]!.value as string),
    signature: bin(sigNode),
  };
}
