import { expect } from 'chai';
import { pino } from 'pino';
import type { OutgoingMail } from '../../connector/src/domain/ports.ts';
import type { Mailer } from '../../connector/src/notify/mailer.ts';
import { OutboxSender, RETRY_SCHEDULE_SECONDS } from '../../connector/src/notify/outbox-sender.ts';
import { Database } from '../../connector/src/persistence/database.ts';
import { createUnitOfWork } from '../../connector/src/persistence/unit-of-work.ts';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { openDatabaseProbe, type DatabaseProbe } from './support.ts';

const log = pino({ level: 'silent' });

/** A mailer that fails the first `failures` sends, then records what it sends. */
function flakyMailer(failures: number): Mailer & { sent: OutgoingMail[] } {
  let left = failures;
  const sent: OutgoingMail[] = [];
  return {
    kind: 'test',
    sent,
    async send(m) {
      if (left-- > 0)
        throw Object.assign(new Error('451 try again later, j@example.org'), { responseCode: 451, code: 'EMESSAGE' });
      sent.push(m);
    },
    async close() {},
  };
}

async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 25));
  }
}

for (const { kind, create } of DATABASES) {
  describe(`mail outbox sender (${kind})`, function () {
    this.timeout(30_000);
    let tdb: TestDatabase;
    let db: Database;
    let probe: DatabaseProbe;

    beforeEach(async () => {
      tdb = await create();
      db = await Database.open(tdb.url, log);
      probe = await openDatabaseProbe(tdb.url);
    });
    afterEach(async () => {
      await probe?.close();
      await db?.close();
      await tdb?.drop();
    });

    const mail: OutgoingMail = {
      to: ['j@example.org'],
      subject: 'Hallo',
      text: 't',
      html: '<p>t</p>',
      attachments: [],
    };

    it('retries a failed mail with backoff and sends it once the server accepts it', async () => {
      let clock = new Date();
      const mailer = flakyMailer(1);
      let sender: OutboxSender | undefined;
      const uow = createUnitOfWork(db, () => sender?.kick());
      sender = new OutboxSender({ uow, mailer, log, pollIntervalMs: 20, now: () => clock });
      sender.start();
      try {
        await uow.transaction((r) => r.outbox.enqueue({ appointmentId: null, kind: 'confirmation', mail }, clock));
        await until(async () => Number((await probe.rows('mail_outbox'))[0]?.attempts) === 1);
        const [failed] = await probe.rows('mail_outbox');
        expect(failed!.status).to.equal('pending');
        expect(failed!.last_error).to.equal('EMESSAGE 451');
        expect(failed!.claimed_by).to.equal(null);
        const wait = new Date(failed!.next_attempt_at as string).getTime() - clock.getTime();
        expect(wait).to.be.within(RETRY_SCHEDULE_SECONDS[0]! * 800, RETRY_SCHEDULE_SECONDS[0]! * 1200 + 1);
        await new Promise((r) => setTimeout(r, 100));
        expect(mailer.sent).to.have.length(0);

        clock = new Date(clock.getTime() + RETRY_SCHEDULE_SECONDS[0]! * 1300);
        await until(async () => (await probe.rows('mail_outbox'))[0]?.status === 'sent');
        expect(mailer.sent.map((m) => m.subject)).to.deep.equal(['Hallo']);
        const [sent] = await probe.rows('mail_outbox');
        expect(sent!.mail).to.equal(null);
        expect(sent!.sent_at).to.not.equal(null);
      } finally {
        await sender.stop();
        await sender.stop();
      }
    });

    it('delivers each queued mail exactly once with two senders on one database', async () => {
      const uow = createUnitOfWork(db);
      const mailer = flakyMailer(0);
      for (let i = 0; i < 20; i++) {
        await uow.transaction((r) =>
          r.outbox.enqueue(
            { appointmentId: null, kind: 'confirmation', mail: { ...mail, subject: `m${i}` } },
            new Date(),
          ),
        );
      }
      const senders = [1, 2].map(() => new OutboxSender({ uow, mailer, log, pollIntervalMs: 10, batchSize: 3 }));
      senders.forEach((s) => s.start());
      try {
        await until(async () => (await probe.count('mail_outbox', { status: 'sent' })) === 20);
      } finally {
        await Promise.all(senders.map((s) => s.stop()));
      }
      expect(mailer.sent.map((m) => m.subject).sort()).to.deep.equal(
        Array.from({ length: 20 }, (_, i) => `m${i}`).sort(),
      );
    });
  });
}
