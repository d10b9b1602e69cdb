/**
 * Sealed documents and their verification (`POST /api/documents/verify`), on SQLite and MariaDB: an
 * untouched document verifies; a flipped byte anywhere, an appended incremental update, a re-save with
 * pdf-lib and a swapped image never do; direct changes in the tables or on disk are detected.
 */
import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { DATABASES, type TestDatabase } from '../../support/databases.ts';
import type { DocumentInfo, VerifyResult } from '../../../video-service/src/contract/casework.ts';
import { frozenDocument } from './fill.ts';
import { PNG_SIGNATURE, pngImage } from './signatures.ts';
import {
  ask,
  caseScene,
  closeScene,
  must,
  useCaseworkService,
  withSession,
  type CaseworkService,
  type CaseScene,
} from './support.ts';

async function verify(svc: CaseworkService, pdf: Uint8Array): Promise<VerifyResult> {
  const res = await fetch(`${svc.baseUrl}/api/documents/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/pdf' },
    body: pdf as unknown as BodyInit,
  });
  expect(res.status).to.equal(200);
  return (await res.json()) as VerifyResult;
}

/** An incremental update as a PDF editor appends it: a new Info object, an xref section and a trailer pointing back. */
function appendIncrementalUpdate(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(text)![1];
  const size = Number(/\/Size\s+(\d+)/.exec(text)![1]);
  const objectOffset = pdf.length + 1;
  const object = `\n${size} 0 obj\n<< /Title (Geaendert) >>\nendobj\n`;
  const xrefOffset = pdf.length + Buffer.byteLength(object, 'latin1');
  const tail = `xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${prev} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(object + tail, 'latin1')]);
}

for (const { kind, create } of DATABASES) {
  describe(`casework sealed documents (${kind})`, function () {
    this.timeout(90_000);
    let database: TestDatabase;
    let svc: CaseworkService;
    let scene: CaseScene | undefined;

    const started = useCaseworkService(create);
    before(() => {
      ({ database, svc } = started);
    });
    afterEach(() => closeScene(scene));

    async function sealedDocument(): Promise<{ document: DocumentInfo; pdf: Buffer }> {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const frozen = await frozenDocument(scene, 'meldebescheinigung');
      const document = await must(scene.citizen.socket, 'sign:draw', {
        documentId: frozen.id,
        signature: { format: 'png', data: PNG_SIGNATURE },
      });
      const res = await withSession(svc, scene.citizen, document.downloadUrl!);
      expect(res.status).to.equal(200);
      return { document, pdf: Buffer.from(await res.arrayBuffer()) };
    }

    it('verifies an untouched document as issued here', async () => {
      const { document, pdf } = await sealedDocument();
      const result = await verify(svc, pdf);
      expect(result).to.include({ valid: true, reason: 'untouched', sha256: document.pdfSha256 });
      expect(result.document).to.include({ id: document.id, form: 'meldebescheinigung', recordsDeleted: false });
      expect(result.document!.certificate).to.include('Entwicklungssiegel');
    });

    it('detects a single flipped byte anywhere in the file', async () => {
      const { pdf } = await sealedDocument();
      const positions = [
        0,
        7,
        ...Array.from({ length: 40 }, (_, i) => Math.floor(((i + 0.5) * pdf.length) / 40)),
        pdf.length - 2,
      ];
      for (const at of positions) {
        const changed = Buffer.from(pdf);
        changed[at] = changed[at]! ^ 0x01;
        const result = await verify(svc, changed);
        expect(result.valid, `byte ${at}`).to.equal(false);
        // unknown_document: the change hit bytes of the seal container the signature does not cover.
        expect(
          ['not_a_pdf', 'no_seal', 'content_modified', 'seal_invalid', 'appended_after_sealing', 'unknown_document'],
          `byte ${at}: ${result.reason}`,
        ).to.include(result.reason);
      }
    });

    it('detects an appended incremental update', async () => {
      const { pdf } = await sealedDocument();
      const updated = appendIncrementalUpdate(pdf);
      expect((await PDFDocument.load(updated)).getTitle()).to.equal('Geaendert');
      expect(await verify(svc, updated)).to.include({ valid: false, reason: 'appended_after_sealing' });
    });

    it('detects a re-save with pdf-lib, with and without changes', async () => {
      const { pdf } = await sealedDocument();
      const resaved = Buffer.from(await (await PDFDocument.load(pdf)).save());
      expect((await verify(svc, resaved)).valid).to.equal(false);
      const edited = await PDFDocument.load(pdf);
      edited.setTitle('Anders');
      expect((await verify(svc, Buffer.from(await edited.save({ useObjectStreams: false })))).valid).to.equal(false);
    });

    it('detects a swapped signature image, byte for byte in place or re-embedded', async () => {
      const { pdf } = await sealedDocument();
      const loaded = await PDFDocument.load(pdf);
      // The signature image, not the office's coat of arms in the letterhead (on the first and the audit page):
      // the one image only one page shows.
      const uses = (ref: unknown) =>
        loaded
          .getPages()
          .filter((page) =>
            [...(page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.entries() ?? [])].some(
              ([, r]) => r === ref,
            ),
          ).length;
      const image = loaded.context
        .enumerateIndirectObjects()
        .find(
          ([ref, o]) =>
            o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image') && uses(ref) === 1,
        );
      expect(image, 'the signature image').to.not.equal(undefined);
      const contents = (image![1] as PDFRawStream).getContents();
      const at = pdf.indexOf(Buffer.from(contents));
      expect(at).to.be.greaterThan(0);
      const inPlace = Buffer.from(pdf);
      for (let i = 0; i < contents.length; i += 1) inPlace[at + i] = contents[contents.length - 1 - i]!;
      expect(await verify(svc, inPlace)).to.include({ valid: false, reason: 'content_modified' });

      const other = await loaded.embedPng(pngImage(120, 40, [200, 0, 0]));
      let swapped = 0;
      for (const page of loaded.getPages()) {
        const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
        for (const [name, ref] of xobjects?.entries() ?? []) {
          if (ref === image![0]) {
            xobjects!.set(name, other.ref);
            swapped += 1;
          }
        }
      }
      expect(swapped).to.equal(1);
      expect((await verify(svc, Buffer.from(await loaded.save({ useObjectStreams: false })))).valid).to.equal(false);
    });

    it('refuses files that are no PDF or carry no seal', async () => {
      expect((await verify(svc, Buffer.from('<html><body>Bescheid</body></html>'))).reason).to.equal('not_a_pdf');
      const plain = await PDFDocument.create();
      plain.addPage();
      expect((await verify(svc, await plain.save())).reason).to.equal('no_seal');
    });

    it('detects direct changes of the records in the tables and of the stored file', async () => {
      const db = svc.service.db.sequelize;
      const first = await sealedDocument();
      await db.query('UPDATE case_documents SET pdf_sha256 = ? WHERE id = ?', {
        replacements: ['0'.repeat(64), first.document.id],
      });
      expect(await verify(svc, first.pdf)).to.include({ valid: false, reason: 'record_mismatch' });

      const second = await sealedDocument();
      await db.query(
        'UPDATE case_audit_log SET public_json = REPLACE(public_json, \'"sealedAt":"\', \'"sealedAt":"1\') WHERE subject_hash = ?',
        { replacements: [second.document.pdfSha256] },
      );
      expect(await verify(svc, second.pdf)).to.include({ valid: false, reason: 'record_mismatch' });

      const third = await sealedDocument();
      await db.query(
        "UPDATE case_documents SET data_json = REPLACE(data_json, 'Mustermann', 'Falschmann') WHERE id = ?",
        { replacements: [third.document.id] },
      );
      expect(await verify(svc, third.pdf)).to.include({ valid: false, reason: 'record_mismatch' });

      const fourth = await sealedDocument();
      const [rows] = await db.query('SELECT storage_name FROM case_documents WHERE id = ?', {
        replacements: [fourth.document.id],
      });
      const file = path.join(
        svc.dataDir,
        'casework',
        'documents',
        (rows as Array<{ storage_name: string }>)[0]!.storage_name,
      );
      const stored = await readFile(file);
      stored[100] = stored[100]! ^ 0xff;
      await writeFile(file, stored);
      const download = await withSession(svc, scene!.citizen, fourth.document.downloadUrl!);
      expect(download.status).to.equal(409);
    });

    it('refuses to sign when the frozen form data was changed in the table', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const frozen = await frozenDocument(scene, 'meldebescheinigung');
      await svc.service.db.sequelize.query('UPDATE case_form_fields SET value = ? WHERE form_id = ? AND path = ?', {
        replacements: [JSON.stringify('Falschname'), scene.form('meldebescheinigung').id, 'familienname'],
      });
      const reply = await ask(scene.citizen.socket, 'sign:draw', {
        documentId: frozen.id,
        signature: { format: 'png', data: PNG_SIGNATURE },
      });
      expect(reply.ok === false && reply.error.code).to.equal('invalid_state');
      const still = await must(scene.clerk.socket, 'case:open', {});
      expect(still.documents[0]!.status).to.equal('awaiting_signature');
    });
  });
}
