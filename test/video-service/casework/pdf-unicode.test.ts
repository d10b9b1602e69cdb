/**
 * Names and addresses beyond Latin-1 in the sealed document: rendered in the embedded DejaVu Sans subsets,
 * so Polish, German, Greek and Arabic text comes out of the sealed PDF exactly as entered (read back with
 * pdftotext from poppler-utils; those checks skip, saying why, when it is not installed), the seal still
 * verifies, and the file stays small.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { renderDocument } from '../../../video-service/src/casework/documents/render-document.ts';
import { checkDrawnSignature } from '../../../video-service/src/casework/documents/signature-image.ts';
import { FORM_DEFINITIONS } from '../../../video-service/src/casework/forms/definitions/index.ts';
import { dataHash, formData } from '../../../video-service/src/casework/forms/form-data.ts';
import { checkSeal } from '../../../video-service/src/casework/seal/check-seal.ts';
import { developmentSeal } from '../../../video-service/src/casework/seal/dev-certificate.ts';
import { sealKeyFromP12 } from '../../../video-service/src/casework/seal/seal-key.ts';
import { sealPdf } from '../../../video-service/src/casework/seal/seal-pdf.ts';
import { PNG_SIGNATURE } from './signatures.ts';

const POLISH = 'Łukasz Żółć-Müller';
const ADDRESS = 'Świętokrzyska 1, 00-001 Warszawa';
const GREEK = 'Γιώργος Παπαδόπουλος';
const ARABIC = 'محمد حسن';
const AUTHORITY = 'Stadt Musterstadt – Bürgeramt';

function pdftotextMissing(): string | null {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'pdftotext (Debian package poppler-utils) is not installed, so the text cannot be read back from the PDF';
  }
}

function values(): Record<string, string | boolean | string[]> {
  return {
    auszugsdatum: '2025-03-01',
    'bisherige_wohnung.street': 'Hauptstraße',
    'bisherige_wohnung.houseNumber': '12a',
    'bisherige_wohnung.postcode': '66111',
    'bisherige_wohnung.city': 'Saarbrücken',
    'neue_anschrift.street': 'Świętokrzyska',
    'neue_anschrift.houseNumber': '1',
    'neue_anschrift.postcode': '00-001',
    'neue_anschrift.city': 'Warszawa',
    'neue_anschrift.country': 'Polen',
    zielstaat: 'Polen',
    personen: ['p1', 'p2', 'p3'],
    'personen.p1.familienname': 'Żółć-Müller',
    'personen.p1.vornamen': 'Łukasz',
    'personen.p1.geschlecht': 'm',
    'personen.p1.geburtsdatum': '1985-04-12',
    'personen.p1.geburtsort': 'Kraków, Polen',
    'personen.p1.staatsangehoerigkeiten': 'polnisch, deutsch',
    'personen.p2.familienname': 'Παπαδόπουλος',
    'personen.p2.vornamen': 'Γιώργος',
    'personen.p2.geschlecht': 'm',
    'personen.p2.geburtsdatum': '1987-09-30',
    'personen.p2.geburtsort': 'Θεσσαλονίκη, Ελλάδα',
    'personen.p2.staatsangehoerigkeiten': 'griechisch',
    'personen.p3.familienname': ARABIC,
    'personen.p3.vornamen': 'Mohammed محمد',
    'personen.p3.geschlecht': 'm',
    'personen.p3.geburtsdatum': '1990-01-15',
    'personen.p3.geburtsort': 'Kairo, Ägypten',
    'personen.p3.staatsangehoerigkeiten': 'ägyptisch',
    erklaerung: true,
  };
}

describe('casework documents in other scripts (embedded DejaVu Sans)', function () {
  this.timeout(30_000);
  let dir: string;
  let sealed: Buffer;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'va-pdf-unicode-'));
    const dev = await developmentSeal(dir, AUTHORITY);
    const key = sealKeyFromP12(dev.p12, dev.passphrase, true);
    const data = formData(FORM_DEFINITIONS.get('abmeldung-ausland')!, values());
    const now = new Date('2025-03-01T10:00:00Z');
    const writer = await renderDocument({
      authority: AUTHORITY,
      documentId: 'doc-unicode-1',
      data,
      dataHash: dataHash(data),
      frozenAt: now,
      frozenBy: { id: 'clerk-1', name: GREEK },
      timeZone: 'Europe/Berlin',
      verifyUrl: 'https://amt.example/verify',
      signature: {
        method: 'drawn',
        image: await checkDrawnSignature({ format: 'png', data: PNG_SIGNATURE }),
        signerName: POLISH,
        signerId: 'citizen-1',
        signedAt: now,
      },
      idCheck: { verified: true, documentType: 'reisepass', numberLast4: 'Ż47Ł', clerkName: GREEK, at: now },
      sealedAt: now,
    });
    sealed = await sealPdf(writer.doc, key, {
      authority: AUTHORITY,
      reason: 'Abmeldung',
      location: 'Musterstadt',
      at: now,
    });
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads back Polish, German, Greek and Arabic names (also Arabic after Latin in one line) and the Polish address exactly', async function () {
    const missing = pdftotextMissing();
    if (missing) {
      console.log(`      skipped: ${missing}`);
      this.skip();
    }
    const file = path.join(dir, 'sealed.pdf');
    await writeFile(file, sealed);
    // pdftotext marks right-to-left runs with embedding controls (U+202B … U+202C); they are not part of the text.
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
      .normalize('NFC')
      .replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
    expect(text).to.include(POLISH);
    expect(text).to.include(ADDRESS);
    expect(text).to.include(GREEK);
    expect(text).to.include('Θεσσαλονίκη, Ελλάδα');
    expect(text).to.include(ARABIC);
    expect(text).to.include('Mohammed محمد');
    expect(text).to.include('Ż47Ł');
    expect(text).not.to.match(/\?/);
  });

  it('embeds only subsets of DejaVu Sans (regular and bold) and no standard font', async () => {
    const doc = await PDFDocument.load(sealed, { updateMetadata: false });
    const fonts = doc.context
      .enumerateIndirectObjects()
      .map(([, obj]) => String(obj))
      .filter((s) => /\/Type \/Font\b/.test(s) && /\/Subtype \/Type0/.test(s));
    expect(fonts).to.have.length(2);
    expect(fonts.some((f) => /\/BaseFont \/DejaVuSans-Bold-\d+\b/.test(f))).to.equal(true);
    expect(fonts.some((f) => /\/BaseFont \/DejaVuSans-\d+\b/.test(f))).to.equal(true);
    expect(sealed.includes('/Helvetica')).to.equal(false);
    expect(sealed.length).to.be.below(120 * 1024);
  });

  it('keeps the seal valid over the document with embedded fonts', () => {
    expect(checkSeal(sealed)).to.deep.include({ ok: true });
  });
});
