/**
 * File exchange on SQLite and MariaDB: both sides upload PDF, JPEG, PNG and HEIC, see each other's files,
 * and download them only as attachments; every disguise (HTML or SVG as PDF, polyglots, active PDF
 * content), empty files, limit + 1, quota + 1 are refused; names are sanitised and never reach the file
 * system. ClamAV (a fake clamd speaking INSTREAM) refuses EICAR, and a missing scanner refuses everything.
 */
import { expect } from 'chai';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DATABASES, type TestDatabase } from '../../support/databases.ts';
import type { CaseFileInfo } from '../../../video-service/src/contract/casework.ts';
import { startFakeClamd, EICAR, type FakeClamd } from './fake-clamd.ts';
import {
  ATTACKS,
  HEIC,
  JPEG,
  PNG,
  pdf,
  pdfOfSize,
  pdfWithHiddenJavaScript,
  pdfWithJavaScript,
} from './upload-fixtures.ts';
import {
  caseScene,
  closeScene,
  enter,
  must,
  nextCaseEvent,
  roomClaims,
  startCaseworkService,
  useCaseworkService,
  withSession,
  type CaseworkService,
  type CaseScene,
  type Participant,
} from './support.ts';

const MAX = 100_000;
const QUOTA = 250_000;

function upload(
  svc: CaseworkService,
  who: Participant,
  bytes: Buffer,
  name: string,
  type = 'application/octet-stream',
) {
  return withSession(svc, who, '/api/casework/files', {
    method: 'POST',
    headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) },
    body: bytes as unknown as BodyInit,
  });
}

async function storedFiles(svc: CaseworkService): Promise<string[]> {
  try {
    return await readdir(path.join(svc.dataDir, 'casework', 'files'));
  } catch {
    return [];
  }
}

for (const { kind, create } of DATABASES) {
  describe(`casework files (${kind})`, function () {
    this.timeout(60_000);
    let database: TestDatabase;
    let svc: CaseworkService;
    let scene: CaseScene | undefined;

    const started = useCaseworkService(create, {
      env: { UPLOAD_MAX_BYTES: String(MAX), UPLOAD_QUOTA_BYTES: String(QUOTA) },
    });
    before(() => {
      ({ database, svc } = started);
    });
    beforeEach(async () => {
      scene = await caseScene(svc, ['anmeldung']);
    });
    afterEach(() => closeScene(scene));

    it('accepts PDF, JPEG, PNG and HEIC from both sides, by content, and lists them for both', async () => {
      const seen = nextCaseEvent(scene!.clerk.socket, 'file:added');
      const samples: Array<[Participant, Buffer, string, string, string]> = [
        [scene!.citizen, await pdf(), 'Mietvertrag.pdf', 'application/pdf', 'Mietvertrag.pdf'],
        [scene!.citizen, JPEG, 'foto.pdf', 'image/jpeg', 'foto.jpg'],
        [scene!.clerk, PNG, 'scan', 'image/png', 'scan.png'],
        [scene!.citizen, HEIC, 'IMG_0001.HEIC', 'image/heic', 'IMG_0001.heic'],
      ];
      const infos: CaseFileInfo[] = [];
      for (const [who, bytes, name, mime, shownAs] of samples) {
        const res = await upload(svc, who, bytes, name);
        expect(res.status, name).to.equal(201);
        const info = (await res.json()) as CaseFileInfo;
        expect(info).to.include({ mime, name: shownAs, size: bytes.length, scan: 'unscanned' });
        infos.push(info);
      }
      expect((await seen).id).to.equal(infos[0]!.id);
      const listed = await must(scene!.clerk.socket, 'case:open', {});
      expect(listed.files.map((f) => f.id)).to.deep.equal(infos.map((f) => f.id));
      expect(listed.uploads.usedBytes).to.be.greaterThan(0);

      const res = await withSession(svc, scene!.clerk, infos[1]!.downloadUrl);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('image/jpeg');
      expect(res.headers.get('content-disposition')).to.equal(
        `attachment; filename="foto.jpg"; filename*=UTF-8''foto.jpg`,
      );
      expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(res.headers.get('content-security-policy')).to.equal("default-src 'none'; sandbox");
      expect(Buffer.from(await res.arrayBuffer()).equals(JPEG)).to.equal(true);
    });

    it('refuses HTML and SVG disguised as PDF, polyglots and active PDF content', async () => {
      const before = await storedFiles(svc);
      const cases: Array<[string, Buffer, string]> = [
        ['htmlAsPdf', ATTACKS.htmlAsPdf, 'type_not_allowed'],
        ['svgAsPdf', ATTACKS.svgAsPdf, 'type_not_allowed'],
        ['xmlSvgAsPdf', ATTACKS.xmlSvgAsPdf, 'type_not_allowed'],
        ['pdfHeaderWithHtml', ATTACKS.pdfHeaderWithHtml, 'active_content'],
        ['pngWithHtmlAfterEnd', ATTACKS.pngWithHtmlAfterEnd, 'active_content'],
        ['pngWithZipAfterEnd', ATTACKS.pngWithZipAfterEnd, 'active_content'],
        ['jpegWithScriptComment', ATTACKS.jpegWithScriptComment, 'active_content'],
        ['pdfWithJavaScript', await pdfWithJavaScript(), 'active_content'],
        ['pdfWithHiddenJavaScript', await pdfWithHiddenJavaScript(), 'active_content'],
      ];
      for (const [name, bytes, refusal] of cases) {
        const res = await upload(svc, scene!.citizen, bytes, 'bescheid.pdf', 'application/pdf');
        expect(res.status, name).to.equal(415);
        expect(((await res.json()) as { error: string }).error, name).to.equal(refusal);
      }
      expect(await storedFiles(svc)).to.deep.equal(before);
      expect((await must(scene!.clerk.socket, 'case:open', {})).files).to.deep.equal([]);
    });

    it('refuses an empty file, the size limit + 1 and the case quota + 1', async () => {
      const empty = await upload(svc, scene!.citizen, Buffer.alloc(0), 'leer.pdf');
      expect(empty.status).to.equal(422);
      expect(((await empty.json()) as { error: string }).error).to.equal('empty');
      const tooLarge = await upload(svc, scene!.citizen, await pdfOfSize(MAX + 1), 'gross.pdf');
      expect(tooLarge.status).to.equal(413);
      expect(((await tooLarge.json()) as { error: string }).error).to.equal('too_large');
      for (const size of [MAX, MAX, QUOTA - 2 * MAX])
        expect((await upload(svc, scene!.clerk, await pdfOfSize(size), 'teil.pdf')).status).to.equal(201);
      const overQuota = await upload(svc, scene!.citizen, await pdfOfSize(2000), 'noch-eins.pdf');
      expect(overQuota.status).to.equal(413);
      expect(((await overQuota.json()) as { error: string }).error).to.equal('quota_exceeded');
      expect((await must(scene!.clerk.socket, 'case:open', {})).uploads.usedBytes).to.equal(QUOTA);
    });

    it('sanitises path traversal and control characters in names and keeps them off the file system', async () => {
      const names: Array<[string, string]> = [
        ['../../../etc/passwd.pdf', 'passwd.pdf'],
        ['..\\..\\windows\\system32\\cmd.pdf', 'cmd.pdf'],
        ['bescheid\u0000.exe\u202e.pdf', 'bescheid.exe.pdf'],
        ['zeile\r\nX-Injected: 1.pdf', 'zeileX-Injected_ 1.pdf'],
        ['.htaccess', 'htaccess.pdf'],
        ['<script>alert(1)</script>.pdf', 'script_.pdf'],
        ['a<b>c:d|e?f*g"h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
        ['Ärztliche Bescheinigung (Kopie).pdf', 'Ärztliche Bescheinigung (Kopie).pdf'],
      ];
      for (const [original, expected] of names) {
        const res = await upload(svc, scene!.citizen, await pdf(), original);
        expect(res.status, original).to.equal(201);
        const info = (await res.json()) as CaseFileInfo;
        expect(info.name, original).to.equal(expected);
        const download = await withSession(svc, scene!.citizen, info.downloadUrl);
        expect(download.headers.get('content-disposition')).to.match(
          /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!'()*-]+$/,
        );
      }
      for (const name of await storedFiles(svc)) expect(name).to.match(/^[0-9a-f-]{36}$/);
      await stat(path.join(svc.dataDir, 'etc')).then(
        () => expect.fail('a directory was created from a name'),
        (error: NodeJS.ErrnoException) => expect(error.code).to.equal('ENOENT'),
      );
    });

    it('lets neither a guest nor a waiting citizen upload or download', async () => {
      const res = await upload(svc, scene!.citizen, await pdf(), 'a.pdf');
      const info = (await res.json()) as CaseFileInfo;
      const claims = roomClaims(['anmeldung'], { room: scene!.room });
      const waiting = await enter(svc, { ...claims.citizen, sub: `citizen2-${scene!.room}` });
      const guest = await enter(svc, { ...claims.citizen, sub: `guest-${scene!.room}`, role: 'guest' });
      try {
        expect((await must(scene!.clerk.socket, 'case:open', {})).files).to.have.length(1);
        for (const who of [waiting, guest]) {
          expect((await upload(svc, who, await pdf(), 'b.pdf')).status).to.equal(403);
          expect((await withSession(svc, who, info.downloadUrl)).status).to.equal(403);
        }
        expect((await fetch(`${svc.baseUrl}${info.downloadUrl}`)).status).to.equal(401);
      } finally {
        waiting.socket.close();
        guest.socket.close();
      }
    });
  });
}

describe('casework files with ClamAV (fake clamd, INSTREAM)', function () {
  this.timeout(60_000);
  let clamd: FakeClamd;
  let svc: CaseworkService;
  let scene: CaseScene | undefined;

  before(async () => {
    clamd = await startFakeClamd();
    svc = await startCaseworkService({ env: { CLAMAV_URL: clamd.url } });
    scene = await caseScene(svc, ['anmeldung']);
  });
  after(async () => {
    closeScene(scene);
    await svc?.close();
    await clamd?.close();
  });

  it('scans every upload, refuses EICAR and marks clean files as scanned', async () => {
    const clean = await upload(svc, scene!.citizen, await pdf(), 'sauber.pdf');
    expect(clean.status).to.equal(201);
    expect(((await clean.json()) as CaseFileInfo).scan).to.equal('clean');
    const eicarPdf = Buffer.from((await pdf()).toString('latin1').replace('%%EOF', `%${EICAR}\n%%EOF`), 'latin1');
    const infected = await upload(svc, scene!.citizen, eicarPdf, 'eicar.pdf');
    expect(infected.status).to.equal(422);
    expect(((await infected.json()) as { error: string }).error).to.equal('infected');
    expect(clamd.scans).to.equal(2);
    expect((await must(scene!.clerk.socket, 'case:open', {})).files.map((f) => f.name)).to.deep.equal(['sauber.pdf']);
  });

  it('refuses uploads while the scanner cannot be reached', async () => {
    await clamd.close();
    const res = await upload(svc, scene!.citizen, await pdf(), 'a.pdf');
    expect(res.status).to.equal(503);
    expect(((await res.json()) as { error: string }).error).to.equal('scanner_unavailable');
  });
});
