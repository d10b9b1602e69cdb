/**
 * Retention with a shifted clock, on SQLite and MariaDB: when a case's retention ends, the job leaves no
 * personal row of the room in any table (casework and call alike) and no file on disk, keeps anonymous
 * statistics and an anonymous record of the deletion, and sealed PDFs citizens hold still verify. Kinds of
 * data have their own periods; two processes running the job purge each case exactly once; the event
 * outbox keeps neither delivered rows past the retention window nor any row about a case whose retention ended.
 */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
import {
  DAY,
  caseScene,
  closeScene,
  enter,
  must,
  roomClaims,
  startCaseworkService,
  withSession,
  type CaseworkService,
  type CaseScene,
} from './support.ts';

const ROOM_TABLES = [
  'case_cases',
  'case_agenda_items',
  'case_forms',
  'case_documents',
  'case_signatures',
  'case_tans',
  'case_id_checks',
  'case_files',
  'case_retention',
  'case_audit_log',
  'chat_messages',
  'sessions',
  'admissions',
  'lobby',
  'rooms',
];

async function rowsOfRoom(svc: CaseworkService, room: string): Promise<Record<string, number>> {
  const db = svc.service.db.sequelize;
  const counts: Record<string, number> = {};
  for (const table of ROOM_TABLES) {
    const [rows] = await db.query(`SELECT COUNT(*) AS n FROM ${table} WHERE room = ?`, { replacements: [room] });
    counts[table] = Number((rows as Array<{ n: number }>)[0]!.n);
  }
  const [fields] = await db.query(
    'SELECT COUNT(*) AS n FROM case_form_fields f WHERE NOT EXISTS (SELECT 1 FROM case_forms c WHERE c.id = f.form_id)',
  );
  counts.orphan_form_fields = Number((fields as Array<{ n: number }>)[0]!.n);
  const [mentions] = await db.query(
    'SELECT COUNT(*) AS n FROM case_audit_log WHERE personal_json LIKE ? OR public_json LIKE ?',
    { replacements: [`%${room}%`, `%${room}%`] },
  );
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
  const sealed = await must(scene.citizen.socket, 'sign:draw', {
    documentId: document.id,
    signature: { format: 'png', data: PNG_SIGNATURE },
  });
  const second = await frozenDocument(scene, 'fuehrungszeugnis', { telefon: '+49 170 1234567' });
  await must(scene.citizen.socket, 'sign:requestTan', { documentId: second.id, channel: 'sms' });
  const uploaded = await withSession(svc, scene.citizen, '/api/casework/files', {
    method: 'POST',
    headers: { 'x-file-name': 'vertrag.pdf' },
    body: (await pdf()) as unknown as BodyInit,
  });
  expect(uploaded.status).to.equal(201);
  const chat = await request(scene.clerk.socket, 'chat:send', { text: 'Bitte halten Sie Ihren Ausweis bereit.' });
  expect(chat.ok).to.equal(true);
  const waiting = await enter(svc, {
    ...roomClaims(['meldebescheinigung'], { room: scene.room }).citizen,
    sub: `citizen2-${scene.room}`,
  });
  waiting.socket.close();
  const res = await withSession(svc, scene.citizen, sealed.downloadUrl!);
  return { scene, sealedPdf: Buffer.from(await res.arrayBuffer()) };
}

/** A webhook receiver that refuses (503) every event about `refused` rooms and accepts the rest. */
async function startReceiver(refused: Set<string>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const room = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { room?: string } }).data.room ?? '';
      res.writeHead(refused.has(room) ? 503 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Event-outbox rows per room: how many, and how many of them were delivered. */
async function outboxByRoom(svc: CaseworkService): Promise<Record<string, { rows: number; delivered: number }>> {
  const out: Record<string, { rows: number; delivered: number }> = {};
  for (const row of await svc.service.db.outbox.list()) {
    const room = (JSON.parse(row.body) as { data: { room?: string } }).data.room ?? '';
    out[room] ??= { rows: 0, delivered: 0 };
    out[room].rows += 1;
    if (row.deliveredAt) out[room].delivered += 1;
  }
  return out;
}

async function verify(svc: CaseworkService, bytes: Buffer): Promise<VerifyResult> {
  const res = await fetch(`${svc.baseUrl}/api/documents/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/pdf' },
    body: bytes as unknown as BodyInit,
  });
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
      for (const table of [
        'case_cases',
        'case_forms',
        'case_documents',
        'case_signatures',
        'case_tans',
        'case_id_checks',
        'case_files',
        'chat_messages',
        'sessions',
        'admissions',
        'lobby',
      ]) {
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
      expect(run.purged.map((p) => p.kind).sort()).to.deep.equal([
        'chat',
        'documents',
        'files',
        'forms',
        'idcheck',
        'sessions',
        'tans',
      ]);
      const after = await rowsOfRoom(svc, room);
      expect(
        Object.values(after).every((n) => n === 0),
        JSON.stringify(after),
      ).to.equal(true);
      expect(await filesOnDisk(svc)).to.deep.equal([]);

      const store = svc.service.casework.deps.store;
      const statistics = await store.retention.statistics();
      expect(statistics.map((s) => s.service).sort()).to.deep.equal(['fuehrungszeugnis', 'meldebescheinigung']);
      expect(statistics.find((s) => s.service === 'meldebescheinigung')).to.include({
        formsSealed: 1,
        files: 1,
        idCheck: 'not_verified',
        appointmentMinutes: 30,
      });
      expect(JSON.stringify(statistics)).not.to.include(room);
      expect((await store.retention.logEntries()).map((e) => e.kind).sort()).to.deep.equal([
        'chat',
        'documents',
        'files',
        'forms',
        'idcheck',
        'sessions',
        'tans',
      ]);
      expect(await verifyChain(store.audit)).to.include({ intact: true });

      const verified = await verify(svc, busy.sealedPdf);
      expect(verified).to.include({ valid: true, reason: 'untouched' });
      expect(verified.document!.recordsDeleted).to.equal(true);
      expect((await svc.service.casework.retention.runOnce()).purged).to.deep.equal([]);
    });

    it('prunes the event outbox: delivered rows past the retention window, and every row of a case whose retention ended', async () => {
      const refused = new Set<string>();
      const receiver = await startReceiver(refused);
      try {
        svc = await startCaseworkService({
          database,
          env: {
            EVENTS_WEBHOOK_URL: receiver.url,
            EVENTS_WEBHOOK_SECRET: `whsec_${randomBytes(32).toString('base64')}`,
            ALLOW_PRIVATE_TARGETS: 'true',
            EVENTS_POLL_MS: '100',
          },
        });
        // A case whose events the receiver keeps refusing (pending rows), a call without casework whose
        // events are delivered, and another refused call without casework (pending rows that must stay).
        const caseRoom = roomClaims(['meldebescheinigung']);
        const deliveredCall = roomClaims([]);
        const pendingCall = roomClaims([]);
        refused.add(caseRoom.room).add(pendingCall.room);
        const clerk = await enter(svc, caseRoom.clerk);
        const citizen = await enter(svc, caseRoom.citizen);
        expect((await request(clerk.socket, 'lobby:admit', { participantId: citizen.id })).ok).to.equal(true);
        await must(clerk.socket, 'case:open', {});
        await must(clerk.socket, 'case:finish', {});
        const others = [await enter(svc, deliveredCall.clerk), await enter(svc, pendingCall.clerk)];
        for (const p of [clerk, citizen, ...others]) p.socket.close();

        const waitForOutbox = async (): Promise<Record<string, { rows: number; delivered: number }>> => {
          for (let i = 0; i < 100; i += 1) {
            const rows = await outboxByRoom(svc);
            if (
              (rows[deliveredCall.room]?.delivered ?? 0) > 0 &&
              rows[deliveredCall.room]!.delivered === rows[deliveredCall.room]!.rows
            )
              return rows;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          throw new Error('the events of the call without casework were not delivered');
        };
        const before = await waitForOutbox();
        expect(before[caseRoom.room]!.rows, 'the case’s events, case.finished included').to.be.greaterThan(1);
        expect(before[caseRoom.room]!.delivered, 'refused, still pending').to.equal(0);
        expect(before[pendingCall.room]!.delivered).to.equal(0);

        svc.clock.shift(89 * DAY);
        expect((await svc.service.casework.retention.runOnce()).prunedEvents, 'nothing is old enough yet').to.equal(0);
        expect(await outboxByRoom(svc), 'every room’s rows are still there').to.have.keys(
          caseRoom.room,
          deliveredCall.room,
          pendingCall.room,
        );

        svc.clock.shift(2 * DAY);
        const run = await svc.service.casework.retention.runOnce();
        // Rows of the closed sockets (participant_left) may have come in meanwhile; all were delivered.
        expect(run.prunedEvents).to.be.at.least(before[deliveredCall.room]!.rows);
        const after = await outboxByRoom(svc);
        expect(after, 'the case’s rows went with its retention, the delivered call’s for their age').to.have.keys(
          pendingCall.room,
        );
        expect(after[pendingCall.room]!.rows, 'pending rows of a call without a case stay').to.be.at.least(
          before[pendingCall.room]!.rows,
        );
        expect(after[pendingCall.room]!.delivered).to.equal(0);
      } finally {
        await svc?.close();
        await receiver.close();
      }
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
        loadConfig({
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: svc.dataDir,
          DATABASE_URL: kind === 'sqlite' ? `sqlite:${path.join(svc.dataDir, 'video.sqlite')}` : database.url,
          JWKS_FILE: path.join(svc.dataDir, 'jwks.json'),
          LOG_LEVEL: 'silent',
          RETENTION_INTERVAL_SECONDS: '0',
          MEDIA_MODE: 'p2p',
        }),
        { now: svc.clock.now },
      );
      try {
        svc.clock.shift(91 * DAY);
        const [a, b] = await Promise.all([
          svc.service.casework.retention.runOnce(),
          second.casework.retention.runOnce(),
        ]);
        expect(a.failed + b.failed).to.equal(0);
        expect([...a.purged, ...b.purged].map((p) => p.kind).sort()).to.deep.equal([
          'chat',
          'documents',
          'files',
          'forms',
          'idcheck',
          'sessions',
          'tans',
        ]);
        expect((await svc.service.casework.deps.store.retention.logEntries()).length).to.equal(7);
        expect(Object.values(await rowsOfRoom(svc, scene.room)).every((n) => n === 0)).to.equal(true);
      } finally {
        await second.close();
      }
    });
  });
}
