/**
 * The repositories over both databases: migrations run once and are idempotent, and each repository keeps
 * what the room logic relies on (sessions with their appointment, admissions, the lobby's waiting-since,
 * revoked token ids).
 */
import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { openDatabase, type Database } from '../../video-service/src/persistence/database.ts';
import { createRootLogger } from '../../video-service/src/log.ts';
import type { SessionRecord } from '../../video-service/src/sessions/ports.ts';

const log = createRootLogger('silent');

for (const kind of DATABASES) {
  describe(`persistence (${kind.kind})`, function () {
    this.timeout(30_000);
    let testDb: TestDatabase;
    let db: Database;

    before(async () => {
      testDb = await kind.create();
      db = await openDatabase(testDb.url, log);
    });

    after(async () => {
      await db?.close();
      await testDb?.drop();
    });

    it('opening the database again runs no migration twice and keeps the data', async () => {
      await db.revokedTokens.revoke('kept-jti', new Date());
      const again = await openDatabase(testDb.url, log);
      try {
        expect(await again.revokedTokens.isRevoked('kept-jti')).to.equal(true);
        await again.ping();
      } finally {
        await again.close();
      }
      await again.close();
    });

    it('stores sessions by id with their appointment and millisecond times; expired ones can be swept', async () => {
      const now = new Date();
      const session: SessionRecord = {
        id: 'a'.repeat(64),
        room: 'appt-1',
        participantId: 'citizen-1',
        role: 'citizen',
        name: 'Jörg Ümlaut-Ößer',
        appointment: {
          id: '1',
          title: 'Anmeldung',
          start: '2030-01-01T10:00:00+01:00',
          end: '2030-01-01T10:30:00+01:00',
          tz: 'Europe/Berlin',
          services: ['anmeldung'],
        },
        tokenJti: 'jti-1',
        tokenExp: new Date(now.getTime() + 3600_000),
        tokenIat: new Date(now.getTime() - 60_000),
        expiresAt: new Date(now.getTime() + 1_800_123),
        createdAt: now,
      };
      await db.sessions.insert(session);
      expect(await db.sessions.findById(session.id)).to.deep.equal(session);
      const later = new Date(now.getTime() + 1_900_456);
      await db.sessions.setExpiry(session.id, later);
      expect((await db.sessions.findById(session.id))!.expiresAt).to.deep.equal(later);
      await db.sessions.insert({ ...session, id: 'b'.repeat(64), expiresAt: new Date(now.getTime() - 1000) });
      expect(await db.sessions.removeExpired(now)).to.equal(1);
      expect(await db.sessions.findById('b'.repeat(64))).to.equal(null);
      await db.sessions.remove(session.id);
      expect(await db.sessions.findById(session.id)).to.equal(null);
    });

    it('an admission is kept once per room and participant', async () => {
      const first = new Date('2030-01-01T09:00:00.123Z');
      await db.admissions.admit({
        room: 'appt-2',
        participantId: 'citizen-2',
        admittedAt: first,
        admittedBy: 'clerk-1',
      });
      await db.admissions.admit({
        room: 'appt-2',
        participantId: 'citizen-2',
        admittedAt: new Date(),
        admittedBy: 'clerk-2',
      });
      expect(await db.admissions.isAdmitted('appt-2', 'citizen-2')).to.equal(true);
      expect(await db.admissions.isAdmitted('appt-3', 'citizen-2'), 'another room').to.equal(false);
      expect(await db.admissions.list('appt-2')).to.deep.equal([
        { room: 'appt-2', participantId: 'citizen-2', admittedAt: first, admittedBy: 'clerk-1' },
      ]);
    });

    it('the lobby keeps the first waiting-since across repeated entries and says when a wait started', async () => {
      const since = new Date('2030-01-01T09:55:00.250Z');
      expect(await db.lobby.enter('appt-4', 'citizen-4', since)).to.deep.equal({ since, started: true });
      expect(await db.lobby.enter('appt-4', 'citizen-4', new Date())).to.deep.equal({ since, started: false });
      await db.lobby.enter('appt-4', 'guest-4', new Date('2030-01-01T09:56:00Z'));
      expect((await db.lobby.list('appt-4')).map((e) => e.participantId)).to.deep.equal(['citizen-4', 'guest-4']);
      await db.lobby.remove('appt-4', 'citizen-4');
      expect((await db.lobby.list('appt-4')).map((e) => e.participantId)).to.deep.equal(['guest-4']);
    });

    it('revoked token ids are remembered', async () => {
      expect(await db.revokedTokens.isRevoked('jti-5')).to.equal(false);
      await db.revokedTokens.revoke('jti-5', new Date());
      await db.revokedTokens.revoke('jti-5', new Date());
      expect(await db.revokedTokens.isRevoked('jti-5')).to.equal(true);
    });
  });
}
