/**
 * Background polling of iCal feeds: the poller picks feeds up by itself, a poll is claimed in the
 * database (feed_state.claimed_by / claimed_until), a foreign claim is waited for and a dead one
 * taken over, two connector processes on one MariaDB never poll one feed at the same time nor act
 * twice, and private targets are refused unless ALLOW_PRIVATE_TARGETS=true.
 */
import { expect } from 'chai';
import { Sequelize } from 'sequelize';
import { createMariaDatabase, createSqliteDatabase, DATABASES, type TestDatabase } from '../support/databases.ts';
import {
  API_KEY,
  berlinDate,
  calendar,
  feedEntry,
  FeedServer,
  ms,
  syncFeed,
  vevent,
  wallToUtc,
} from './ical-support.ts';
import { openDatabaseProbe, startConnector, type DatabaseProbe, type StartedConnector } from './support.ts';
// The connector's own SQLite library: two copies of SQLite in one process must not open the same file.
import { nodeSqliteDriver } from '../../connector/src/persistence/sqlite-driver.ts';

async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function connect(url: string): Sequelize {
  return url.startsWith('sqlite:')
    ? new Sequelize({
        dialect: 'sqlite',
        storage: url.slice('sqlite:'.length),
        logging: false,
        dialectModule: nodeSqliteDriver,
      })
    : new Sequelize(url, { dialect: 'mysql', logging: false, timezone: '+00:00' });
}

for (const { kind, create } of DATABASES) {
  describe(`iCal feed polling and claims (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let feeds: FeedServer;
    let c: StartedConnector;
    let probe: DatabaseProbe;

    before(async () => {
      db = await create();
      feeds = await FeedServer.start();
      feeds.set('auto', calendar([]));
      c = await startConnector({
        databaseUrl: db.url,
        env: {
          API_KEYS: API_KEY,
          ALLOW_PRIVATE_TARGETS: 'true',
          ICAL_FEEDS: JSON.stringify([
            feedEntry(feeds, 'auto', { pollSeconds: 1 }),
            feedEntry(feeds, 'claimed'),
            feedEntry(feeds, 'redirect'),
            feedEntry(feeds, 'loop'),
          ]),
        },
      });
      probe = await openDatabaseProbe(db.url);
    });
    after(async () => {
      await probe?.close();
      await c?.close();
      await feeds?.down();
      await db?.drop();
    });

    it('polls by itself every pollSeconds: creates, then moves, and records the validators', async () => {
      const day = berlinDate(5);
      feeds.set('auto', calendar([vevent({ uid: 'auto-1', date: day, from: '09:00', to: '09:30' })]));
      const [created] = await eventually(async () => {
        const rows = await probe.rows('appointments', { source: 'ical:auto' });
        return rows.length ? rows : undefined;
      });
      expect(ms(created!.start_at)).to.equal(wallToUtc(day, '09:00').getTime());

      feeds.set('auto', calendar([vevent({ uid: 'auto-1', date: day, from: '15:00', to: '15:30' })]));
      await eventually(async () => {
        const [row] = await probe.rows('appointments', { source: 'ical:auto' });
        return ms(row!.start_at) === wallToUtc(day, '15:00').getTime();
      });
      const [state] = await eventually(async () => {
        const rows = await probe.rows('feed_state', { feed: 'auto' });
        return rows[0]?.last_status === 'not_modified' ? rows : undefined;
      });
      expect(state!.etag).to.match(/^"[0-9a-f]{40}"$/);
      expect(state!.content_hash).to.match(/^[0-9a-f]{64}$/);
      expect(state!.claimed_by).to.equal(null);
      expect(feeds.requestsFor('auto').some((r) => r.status === 304)).to.equal(true);
    });

    it('follows redirects to the feed, at most three', async () => {
      feeds.set(
        'claimed',
        calendar([vevent({ uid: 'redirected-1', date: berlinDate(6), from: '13:00', to: '13:30' })]),
      );
      feeds.set('hop', { body: Buffer.from(''), status: 301, location: '/feeds/claimed.ics' });
      feeds.set('redirect', { body: Buffer.from(''), status: 302, location: feeds.url('hop') });
      const answer = await syncFeed(c.baseUrl, 'redirect');
      expect(answer.body.created.map((x) => x.externalId)).to.deep.equal(['redirected-1']);

      feeds.set('loop', { body: Buffer.from(''), status: 307, location: feeds.url('loop') });
      const looped = await syncFeed(c.baseUrl, 'loop');
      expect(looped.body.error!.code).to.equal('too_many_redirects');
      expect(feeds.requestsFor('loop')).to.have.length(4);
    });

    it('waits for a live claim of another process and takes over a dead one', async () => {
      feeds.set('claimed', calendar([vevent({ uid: 'claimed-1', date: berlinDate(6), from: '09:00', to: '09:30' })]));
      expect((await syncFeed(c.baseUrl, 'claimed')).body.status).to.equal('changed');
      const sql = connect(db.url);
      try {
        const claim = (until: number) =>
          sql.query('UPDATE feed_state SET claimed_by = :who, claimed_until = :until WHERE feed = :feed', {
            replacements: { who: 'other-host:4711:dead', until: new Date(until), feed: 'claimed' },
          });
        feeds.set('claimed', calendar([vevent({ uid: 'claimed-1', date: berlinDate(6), from: '10:00', to: '10:30' })]));
        // A whole second: a replacement may lose the milliseconds on the way into DATETIME.
        const until = Math.ceil((Date.now() + 2_000) / 1000) * 1000;
        await claim(until);
        const waited = await syncFeed(c.baseUrl, 'claimed');
        expect(waited.body.status).to.equal('changed');
        expect(Date.now()).to.be.at.least(until);
        expect(waited.body.rescheduled.map((x) => x.externalId)).to.deep.equal(['claimed-1']);

        feeds.set('claimed', calendar([vevent({ uid: 'claimed-1', date: berlinDate(6), from: '11:00', to: '11:30' })]));
        await claim(Date.now() - 1_000);
        const takenOver = await syncFeed(c.baseUrl, 'claimed');
        expect(takenOver.body.rescheduled.map((x) => x.externalId)).to.deep.equal(['claimed-1']);
        const [state] = await probe.rows('feed_state', { feed: 'claimed' });
        expect(state!.claimed_by).to.equal(null);
      } finally {
        await sql.close();
      }
    });
  });
}

describe('iCal feed targets', function () {
  this.timeout(30_000);

  it('refuses a feed on a loopback address unless ALLOW_PRIVATE_TARGETS=true', async () => {
    const db = await createSqliteDatabase();
    const feeds = await FeedServer.start();
    feeds.set('private', calendar([vevent({ uid: 'p-1', date: berlinDate(3), from: '09:00', to: '09:30' })]));
    const c = await startConnector({
      databaseUrl: db.url,
      env: { API_KEYS: API_KEY, ICAL_FEEDS: JSON.stringify([feedEntry(feeds, 'private')]) },
    });
    const probe = await openDatabaseProbe(db.url);
    try {
      const answer = await syncFeed(c.baseUrl, 'private');
      expect(answer.body.status).to.equal('error');
      expect(answer.body.error!.code).to.equal('private_target');
      expect(feeds.requests).to.have.length(0);
      expect(await probe.count('appointments')).to.equal(0);
    } finally {
      await probe.close();
      await c.close();
      await feeds.down();
      await db.drop();
    }
  });
});

describe('iCal feeds with two connector processes on one MariaDB', function () {
  this.timeout(60_000);
  let db: TestDatabase;
  let feeds: FeedServer;
  const connectors: StartedConnector[] = [];
  let probe: DatabaseProbe;

  before(async () => {
    db = await createMariaDatabase();
    feeds = await FeedServer.start();
    const day = berlinDate(4);
    const events = Array.from({ length: 20 }, (_, i) =>
      vevent({
        uid: `mp-${i}`,
        date: day,
        from: `${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
        to: `${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '59' : '29'}`,
      }),
    );
    // Every answer takes 300 ms, so polls of two processes would overlap if both ran.
    feeds.set('shared', { body: Buffer.from(calendar(events)), delayMs: 300, validators: false });
    const env = {
      API_KEYS: API_KEY,
      ALLOW_PRIVATE_TARGETS: 'true',
      ICAL_FEEDS: JSON.stringify([feedEntry(feeds, 'shared', { pollSeconds: 1 })]),
    };
    for (let i = 0; i < 2; i++) connectors.push(await startConnector({ databaseUrl: db.url, env }));
    probe = await openDatabaseProbe(db.url);
  });
  after(async () => {
    await probe?.close();
    for (const c of connectors) await c.close();
    await feeds?.down();
    await db?.drop();
  });

  it('never polls the feed twice at once and creates every appointment and mail exactly once', async () => {
    // Background polls of both processes plus manual syncs on both, all at once.
    const manual = await Promise.all(
      connectors.flatMap((c) => [syncFeed(c.baseUrl, 'shared'), syncFeed(c.baseUrl, 'shared')]),
    );
    for (const m of manual) expect(m.status).to.equal(200);
    // Wait for the background polls to have run beside the manual syncs (a count, not a fixed pause).
    await eventually(async () => feeds.requestsFor('shared').length > 3);
    expect(feeds.requestsFor('shared').length).to.be.greaterThan(3);
    expect(feeds.maxConcurrent.get('/feeds/shared.ics')).to.equal(1);
    expect(await probe.count('appointments', { source: 'ical:shared' })).to.equal(20);
    expect(await probe.count('feed_instances', { feed: 'shared' })).to.equal(20);
    const created = manual.flatMap((m) => m.body.created);
    expect(created).to.have.length.at.most(20);
    const ids = (await probe.rows('appointments', { source: 'ical:shared' })).map((r) => r.id as string);
    let mails = 0;
    for (const id of ids) mails += await probe.count('mail_outbox', { appointment_id: id });
    expect(mails).to.equal(20);
  });
});
