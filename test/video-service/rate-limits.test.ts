/**
 * Per-connection rate limits of socket requests: chatty requests (chat, lobby messages, joins, quality
 * reports) are refused with `rate_limited` beyond their budget, and the budget refills with time.
 */
import { expect } from 'chai';
import { createSqliteDatabase } from '../support/databases.ts';
import { EventLimiter, LIMITS } from '../../video-service/src/signalling/event-limits.ts';
import { request } from './support.ts';
import { useRoomFixture } from './room-fixture.ts';

describe('rate limits per connection', function () {
  this.timeout(30_000);
  const f = useRoomFixture(createSqliteDatabase);

  it('a chat flood is cut off with rate_limited; nothing beyond the budget is stored', async () => {
    const { tokens, clerk } = await f.admitted();
    const replies = [];
    for (let i = 0; i < 25; i++) replies.push(await request(clerk.socket, 'chat:send', { text: `Nachricht ${i}` }));
    const limited = replies.filter((r) => !r.ok && r.error.code === 'rate_limited');
    expect(replies.filter((r) => r.ok).length).to.be.within(LIMITS.chat.burst, LIMITS.chat.burst + 1);
    expect(limited.length).to.be.greaterThan(10);
    const stored = await f.video.service.db.chat.history(tokens.room, 100);
    expect(stored.length).to.equal(replies.filter((r) => r.ok).length);
  });

  it('room:join is limited per connection; another connection is not affected', async () => {
    const { tokens, citizen } = await f.admitted();
    let limitedAt = -1;
    for (let i = 0; i < 20 && limitedAt < 0; i++) {
      const reply = await request(citizen.socket, 'room:join', {});
      if (!reply.ok && reply.error.code === 'rate_limited') limitedAt = i;
    }
    expect(limitedAt, 'the fixture already joined once').to.equal(LIMITS.join.burst - 1);
    const other = await f.connectWith(tokens.clerk);
    expect((await request(other.socket, 'room:join', {})).ok).to.equal(true);
  });

  it('the buckets refill over time and the overall budget caps every request', () => {
    let now = 0;
    const limiter = new EventLimiter(() => now);
    for (let i = 0; i < LIMITS.quality.burst; i++) expect(limiter.allow('quality:report')).to.equal(true);
    expect(limiter.allow('quality:report')).to.equal(false);
    now += 1000 / LIMITS.quality.rate;
    expect(limiter.allow('quality:report'), 'one token after its refill time').to.equal(true);
    expect(limiter.allow('quality:report')).to.equal(false);

    const all = new EventLimiter(() => now);
    let allowed = 0;
    for (let i = 0; i < LIMITS.all.burst + 50; i++) if (all.allow('signal:candidate')) allowed += 1;
    expect(allowed).to.equal(LIMITS.all.burst);
  });
});
