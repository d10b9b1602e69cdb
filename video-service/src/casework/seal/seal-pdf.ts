/**
 * Seals a rendered document once: a signature placeholder (@signpdf/placeholder-pdf-lib, SubFilter
 * ETSI.CAdES.detached), then @signpdf fills the ByteRange and the CMS made by cms.ts with the authority's
 * key. Any later byte change, re-save or appended update is visible to `checkSeal`.
 */
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import type { PDFDocument } from 'pdf-lib';
import { signDetached } from './cms.ts';
import type { SealKey } from './seal-key.ts';

/** Room for the CMS in the placeholder (bytes): a certificate chain of a few KB fits. */
const SIGNATURE_LENGTH = 8192;

class SealSigner extends Signer {
  readonly #key: SealKey;

  constructor(key: SealKey) {
    super();
    this.#key = key;
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return signDetached(pdfBuffer, this.#key.privateKey, this.#key.certificateDer);
  }
}

export interface SealFacts {
  authority: string;
  reason: string;
  location: string;
  at: Date;
}

/** Adds the seal to a rendered (unsaved) document and returns the sealed PDF's bytes. */
export async function sealPdf(doc: PDFDocument, key: SealKey, facts: SealFacts): Promise<Buffer> {
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: facts.reason,
    contactInfo: '',
    name: facts.authority,
    location: facts.location,
    signingTime: facts.at,
    signatureLength: SIGNATURE_LENGTH,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Virtuelles Amt',
  });
  const unsigned = Buffer.from(await doc.save({ useObjectStreams: false }));
  return new SignPdf().sign(unsigned, new SealSigner(key), facts.at);
}
