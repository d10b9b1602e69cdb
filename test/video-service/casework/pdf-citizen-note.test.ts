/**
 * Issue 11, item 17: a sealed document stays German with English labels (an official record), and its audit
 * page adds the note the citizen needs — sealed, any change breaks the seal, where to check it — in the
 * appointment's language: Turkish, Ukrainian, Russian. Arabic is not written into the PDF (no
 * right-to-left layout there, ADR 0075); German and English are already on the page. Signed through the
 * real socket, read back with pdftotext (poppler-utils, installed by .ci/run).
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { frozenDocument } from './fill.ts';
import { PNG_SIGNATURE } from './signatures.ts';
import { caseScene, closeScene, must, startCaseworkService, withSession, type CaseworkService } from './support.ts';

const CASES = [
  { locale: 'tr', expect: 'elektronik mührünü taşır' },
  { locale: 'uk-UA', expect: 'електронну печатку' },
  { locale: 'ru', expect: 'электронной печатью' },
  { locale: 'ar', expect: null },
  { locale: 'en', expect: null },
] as const;

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
        if (sentence) expect(text).to.match(new RegExp(`${sentence}[^]*?/verify\\.`), 'the note, with where to check');
        else expect(text, 'no note in another language').not.to.match(/[\u0600-\u06ff]|[\u0400-\u04ff]|mührünü/);
      } finally {
        closeScene(scene);
      }
    });
  }
});
