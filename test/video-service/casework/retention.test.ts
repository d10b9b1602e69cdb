/**
 * Retention with a shifted clock, on SQLite and MariaDB: when a case's retention ends, the job leaves no
 * personal row of the room in any table (casework and call alike) and no file on disk, keeps anonymous
 * statistics and an anonymous record of the deletion, and sealed PDFs citizens hold still verify. Kinds of
 * data have their own periods; two processes running the job purge each case exactly once.
 */
import { expect } from 'chai';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DATABASES, type TestDatabase } from '../../support/databases.ts';
import type { VerifyResult } from '../../../video-service/src/contract/casework.ts';
import { verifyChain } from '../../../video-service/src/casework/audit/audit-log.ts';
import { VideoService } from '../../../video-service/src/app.ts';
import { loadConfig } from '../../../video-service/src/config.ts';
import { request } from '../support.ts';
import { frozenDocument } from './fill.ts';
import { PNG_SIGNATURE } from './signatures.ts';
import { pdf } from './upload-fixtures.ts';
import { DAY, caseScene, closeScene, enter, must, roomClaims, startCaseworkService, withSession, type CaseworkService, type CaseScene } from './support.ts';

const ROOM_TABLES = ['case_cases', 'case_agenda_items', 'case_forms', 'case_documents', 'case_signatures', 'case_tans', 'case_id_checks', 'case_files', 'case_retention', 'case_audit_log', 'chat_messages', 'sessions', 'admissions', 'lobby', 'rooms'];

async function rowsOfRoom(svc: CaseworkService, room: string): Promise<Record<string, number>> {
  const db = svc.service.db.sequelize;
  const counts: Record<string, number> = {};
  for (const table of ROOM_TABLES) {
    const [rows] = await db.query(`SELECT COUNT(*) AS n FROM ${table} WHERE room = ?`, { replacements: [room] });
    counts[table] = Number((rows as Array<{ n: number }>)[0]!.n);
  }
  const [fields] = await db.query('SELECT COUNT(*) AS n FROM case_form_fields f WHERE NOT EXISTS (SELECT 1 FROM case_forms c WHERE c.id = f.form_id)');
  counts.orphan_form_fields = Number((fields as Array<{ n: number }>)[0]!.n);
  const [mentions] = await db.query('SELECT COUNT(*) AS n FROM case_audit_log WHERE personal_json LIKE ? OR public_json LIKE ?', { replacements: [`%${room}%`, `%${room}%`] });
  counts.audit_mentions = Number((mentions as Array<{ n: number }>)[0]!.n);
  return counts;
}

async function filesOnDisk(svc: CaseworkService): Promise<string[]> {
  const out: string[] = [];
  for (const area of ['documents', 'files', 'sms-outbox']) {
    try {
      out.push(...(await readdir(path.join(svc.dataDir, 'casework', area))).map((n) => `${area}/${n}`));
    } catch {
      // not created yet
    }
  }
  return out;
}

/** A case with everything personal: forms, a sealed document with its signature, a TAN, an ID check, files, chat, a waiting citizen. */
async function busyCase(svc: CaseworkService): Promise<{ scene: CaseScene; sealedPdf: Buffer }> {
  const scene = await caseScene(svc, ['meldebescheinigung', 'fuehrungszeugnis']);
  await must(scene.clerk.socket, 'idcheck:start', { documentType: 'personalausweis' });
  await must(scene.clerk.socket, 'idcheck:step', { step: 'review' });
  await must(scene.clerk.socket, 'idcheck:complete', { verified: false, numberLast4: 'X4Y7' });
  const document = await frozenDocument(scene, 'meldebescheinigung');
  const sealed = await must(scene.citizen.socket, 'sign:draw', { documentId: document.id, signature: { format: 'png', data: PNG_SIGNATURE } });
  const second = await frozenDocument(scene, 'fuehrungszeugnis', { telefon: '+49 170 1234567' });
  await must(scene.citizen.socket, 'sign:requestTan', { documentId: second.id, channel: 'sms' });
  const uploaded = await withSession(svc, scene.citizen, '/api/casework/files', { method: 'POST', headers: { 'x-file-name': 'vertrag.pdf' }, body: (await pdf()) as unknown as BodyInit });
  expect(uploaded.status).to.equal(201);
  const chat = await request(scene.clerk.socket, 'chat:send', { text: 'Bitte halten Sie Ihren Ausweis bereit.' });
  expect(chat.ok).to.equal(true);
  const waiting = await enter(svc, { ...roomClaims(['meldebescheinigung'], { room: scene.room }).citizen, sub: `citizen2-${scene.room}` });
  waiting.socket.close();
  const res = await withSession(svc, scene.citizen, sealed.downloadUrl!);
  return { scene, sealedPdf: Buffer.from(await res.arrayBuffer()) };
}

async function verify(svc: CaseworkService, bytes: Buffer): Promise<VerifyResult> {
  const res = await fetch(`${svc.baseUrl}/api/documents/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: bytes as unknown as BodyInit });
  return (await res.json()) as VerifyResult;
}

for (const { kind, create } of DATABASES) {
  describe(`casework retention (${kind})`, function () {
    this.timeout(120_000);
    let database: TestDatabase;
    let svc: CaseworkService;
    let scene: CaseScene | undefined;

    beforeEach(async () => {
      database = await create();
    });
    afterEach(async () => {
      closeScene(scene);
      await svc?.close();
      await database?.drop();
    });

    it('leaves no personal row or file of a case once its retention has ended, and keeps anonymous statistics', async () => {
      svc = await startCaseworkService({ database });
      const busy = await busyCase(svc);
      scene = busy.scene;
      const room = scene.room;
      const before = await rowsOfRoom(svc, room);
      for (const table of ['case_cases', 'case_forms', 'case_documents', 'case_signatures', 'case_tans', 'case_id_checks', 'case_files', 'chat_messages', 'sessions', 'admissions', 'lobby']) {
        expect(before[table], table).to.be.greaterThan(0);
      }
      expect(await filesOnDisk(svc)).to.have.length(3);
      closeScene(scene);

      svc.clock.shift(89 * DAY);
      expect((await svc.service.casework.retention.runOnce()).purged).to.deep.equal([]);
      expect((await rowsOfRoom(svc, room)).case_cases).to.equal(1);

      svc.clock.shift(2 * DAY);
      const run = await svc.service.casework.retention.runOnce();
      expect(run.failed).to.equal(0);
      expect(run.purged.map((p) => p.kind).sort()).to.deep.equal(['chat', 'documents', 'files', 'forms', 'idcheck', 'sessions', 'tans']);
      const after = await rowsOfRoom(svc, room);
      expect(Object.values(after).every((n) => n === 0), JSON.stringify(after)).to.equal(true);
      expect(await filesOnDisk(svc)).to.deep.equal([]);

      const store = svc.service.casework.deps.store;
      const statistics = await store.retention.statistics();
      expect(statistics.map((s) => s.service).sort()).to.deep.equal(['fuehrungszeugnis', 'meldebescheinigung']);
      expect(statistics.find((s) => s.service === 'meldebescheinigung')).to.include({ formsSealed: 1, files: 1, idCheck: 'not_verified', appointmentMinutes: 30 });
      expect(JSON.stringify(statistics)).not.to.include(room);
      expect((await store.retention.logEntries()).map((e) => e.kind).sort()).to.deep.equal(['chat', 'documents', 'files', 'forms', 'idcheck', 'sessions', 'tans']);
      expect(await verifyChain(store.audit)).to.include({ intact: true });

      const verified = await verify(svc, busy.sealedPdf);
      expect(verified).to.include({ valid: true, reason: 'untouched' });
      expect(verified.document!.recordsDeleted).to.equal(true);
      expect((await svc.service.casework.retention.runOnce()).purged).to.deep.equal([]);
    });

    it('deletes each kind of data after its own period (RETENTION_DAYS_TANS=1, RETENTION_DAYS_CHAT=2)', async () => {
      svc = await startCaseworkService({ database, env: { RETENTION_DAYS_TANS: '1', RETENTION_DAYS_CHAT: '2' } });
      scene = (await busyCase(svc)).scene;
      svc.clock.shift(1 * DAY + 3600_000);
      expect((await svc.service.casework.retention.runOnce()).purged.map((p) => p.kind)).to.deep.equal(['tans']);
      let rows = await rowsOfRoom(svc, scene.room);
      expect(rows).to.include({ case_tans: 0 });
      expect(rows.chat_messages).to.be.greaterThan(0);
      expect(rows.case_forms).to.be.greaterThan(0);
      svc.clock.shift(1 * DAY);
      expect((await svc.service.casework.retention.runOnce()).purged.map((p) => p.kind)).to.deep.equal(['chat']);
      rows = await rowsOfRoom(svc, scene.room);
      expect(rows).to.include({ case_tans: 0, chat_messages: 0 });
      expect(rows.case_documents).to.be.greaterThan(0);
    });

    it('purges each case exactly once when two processes run the job at the same time', async () => {
      svc = await startCaseworkService({ database });
      scene = (await busyCase(svc)).scene;
      closeScene(scene);
      const second = await VideoService.create(
        loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: svc.dataDir, DATABASE_URL: kind === 'sqlite' ? `sqlite:${path.join(svc.dataDir, 'video.sqlite')}` : database.url, JWKS_FILE: path.join(svc.dataDir, 'jwks.json'), LOG_LEVEL: 'silent', RETENTION_INTERVAL_SECONDS: '0', MEDIA_MODE: 'p2p' }),
        { now: svc.clock.now },
      );
      try {
        svc.clock.shift(91 * DAY);
        const [a, b] = await Promise.all([svc.service.casework.retention.runOnce(), second.casework.retention.runOnce()]);
        expect(a.failed + b.failed).to.equal(0);
        expect([...a.purged, ...b.purged].map((p) => p.kind).sort()).to.deep.equal(['chat', 'documents', 'files', 'forms', 'idcheck', 'sessions', 'tans']);
        expect((await svc.service.casework.deps.store.retention.logEntries()).length).to.equal(7);
        expect(Object.values(await rowsOfRoom(svc, scene.room)).every((n) => n === 0)).to.equal(true);
      } finally {
        await second.close();
      }
    });
  });
}
