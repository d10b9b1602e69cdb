/**
 * Issue 11, item 17: a sealed document stays German with English labels (an official record), and its audit
 * page adds the note the citizen needs — sealed, any change breaks the seal, where to check it — in the
 * appointment's language: Turkish, Arabic, Ukrainian, Russian; German and English are already on the page.
 * Signed through the real socket, read back with pdftotext (poppler-utils, installed by .ci/run). The Arabic
 * note is laid out right to left (ADR 0155) and must read back as the sentence as written; the audit page is
 * rendered to a PNG for a look (VA_KEEP_PNG=dir keeps it).
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { frozenDocument } from './fill.ts';
import { PNG_SIGNATURE } from './signatures.ts';
import { caseScene, closeScene, must, startCaseworkService, withSession, type CaseworkService } from './support.ts';

const CASES = [
  { locale: 'tr', expect: 'elektronik mührünü taşır' },
  { locale: 'uk-UA', expect: 'електронну печатку' },
  { locale: 'ru', expect: 'электронной печатью' },
  { locale: 'ar', expect: 'يحمل هذا المستند الختم الإلكتروني' },
  { locale: 'en', expect: null },
] as const;

/**
 * The Arabic note as pdftotext reads it in content-stream order (-raw): the line's runs are drawn in reading
 * order, each Arabic word's glyphs right to left, which poppler turns back into logical order. Compared
 * (1) after NFKC, because the lam-alef ligature's text is its presentation form (U+FEFB/FEFC, one code
 * point, so the reversal cannot swap its two letters), which NFKC folds back to lam + alef as search does;
 * (2) without whitespace and poppler's bidi marks (U+202A–202C), because -raw starts a new line where a run
 * starts left of the previous one and adds embedding marks around right-to-left words.
 */
function arabicNote(file: string, text: string): void {
  const raw = execFileSync('pdftotext', ['-raw', file, '-']).toString('utf8');
  const bare = (s: string) => s.normalize('NFKC').replace(/[\s\u202a-\u202c]+/g, '');
  // The authority and the URL as the German sentence on the same page gives them.
  const [, authority, url] = /elektronische Siegel von (.+?)\. Jede .*? Prüfen Sie es unter (\S+)\./.exec(text)!;
  const note = `يحمل هذا المستند الختم الإلكتروني الصادر عن ${authority}. أي تغيير يبطل الختم. يمكنك التحقق من المستند على العنوان ${url}.`;
  expect(bare(raw)).to.include(bare(note));
  // الإلكتروني holds lam + alef with hamza below: one ligature glyph, U+FEF9 in the text.
  expect(raw, 'the lam-alef ligature stays one presentation form in the text').to.match(/[\ufef5-\ufefc]/);
}

describe('the sealed document’s note for the citizen in the appointment’s language', function () {
  this.timeout(90_000);
  let svc: CaseworkService;
  let dir: string;

  before(async () => {
    svc = await startCaseworkService();
    dir = await mkdtemp(path.join(tmpdir(), 'va-pdf-note-'));
  });
  after(async () => {
    await svc?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const { locale, expect: sentence } of CASES) {
    it(`${locale}: ${sentence ? 'adds the note in that language' : 'adds no third note'} under the German and English ones`, async () => {
      const scene = await caseScene(svc, ['meldebescheinigung'], { locale });
      try {
        const frozen = await frozenDocument(scene, 'meldebescheinigung');
        const sealed = await must(scene.citizen.socket, 'sign:draw', {
          documentId: frozen.id,
          signature: { format: 'png', data: PNG_SIGNATURE },
        });
        const res = await withSession(svc, scene.citizen, sealed.downloadUrl!);
        expect(res.status).to.equal(200);
        const file = path.join(dir, `${locale}.pdf`);
        await writeFile(file, Buffer.from(await res.arrayBuffer()));
        const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8').replace(/\s+/g, ' ');
        expect(text).to.include('Jede Änderung macht das Siegel ungültig').and.include('Any change breaks the seal');
        if (locale === 'ar') arabicNote(file, text);
        else if (sentence)
          expect(text).to.match(new RegExp(`${sentence}[^]*?/verify\\.`), 'the note, with where to check');
        else expect(text, 'no note in another language').not.to.match(/[\u0600-\u06ff]|[\u0400-\u04ff]|mührünü/);
        if (locale === 'ar' && process.env.VA_KEEP_PNG) {
          // The audit page is the last one.
          const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]!;
          execFileSync('pdftoppm', ['-png', '-r', '100', '-f', pages, '-singlefile', file, path.join(dir, 'audit')]);
          await copyFile(path.join(dir, 'audit.png'), path.join(process.env.VA_KEEP_PNG, 'audit-ar.png'));
        }
      } finally {
        closeScene(scene);
      }
    });
  }
});
