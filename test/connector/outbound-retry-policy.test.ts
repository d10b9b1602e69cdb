import { expect } from 'chai';
import { backoffMs, decideOutcome, MAX_ATTEMPTS, parseRetryAfter } from '../../connector/src/outbound/retry-policy.ts';

describe('outbound webhook retry policy (Standard Webhooks schedule)', () => {
  const now = new Date('2026-06-01T08:00:00Z');
  const delayOf = (o: ReturnType<typeof decideOutcome>) =>
    o.kind === 'retry' ? o.nextAttemptAt.getTime() - now.getTime() : Number.NaN;

  it('retries at about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h — about three days — then gives up', () => {
    const mid = { random: () => 0.5 };
    const delays: number[] = [];
    for (let before = 0; before < MAX_ATTEMPTS - 1; before++)
      delays.push(delayOf(decideOutcome({ status: 500 }, before, now, mid)));
    expect(delays.map((ms) => ms / 1000)).to.deep.equal([5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400]);
    const totalHours = delays.reduce((a, b) => a + b, 0) / 3600_000;
    expect(totalHours).to.be.within(72, 80);
    expect(decideOutcome({ status: 500 }, MAX_ATTEMPTS - 1, now).kind).to.equal('failed');
  });

  it('jitters each delay within ±20 % and scales it', () => {
    expect(backoffMs(1, { random: () => 0 })).to.equal(4000);
    expect(backoffMs(1, { random: () => 0.999999 })).to.be.closeTo(6000, 1);
    expect(backoffMs(2, { random: () => 0.5, scale: 0.001 })).to.equal(300);
  });

  it('counts 2xx as delivered, 410 as endpoint gone, 3xx and timeouts as failures', () => {
    expect(decideOutcome({ status: 204 }, 3, now).kind).to.equal('delivered');
    expect(decideOutcome({ status: 410 }, 0, now).kind).to.equal('endpoint_gone');
    expect(decideOutcome({ status: 301 }, 0, now).kind).to.equal('retry');
    expect(decideOutcome({}, 0, now).kind).to.equal('retry');
  });

  it('honours Retry-After on 429, 502 and 504 only, capped at 24 h', () => {
    for (const status of [429, 502, 504])
      expect(delayOf(decideOutcome({ status, retryAfterMs: 120_000 }, 0, now))).to.equal(120_000);
    expect(delayOf(decideOutcome({ status: 500, retryAfterMs: 120_000 }, 0, now, { random: () => 0.5 }))).to.equal(
      5000,
    );
    expect(delayOf(decideOutcome({ status: 429, retryAfterMs: 30 * 24 * 3600_000 }, 0, now))).to.equal(24 * 3600_000);
    expect(parseRetryAfter('120', now)).to.equal(120_000);
    expect(parseRetryAfter('Mon, 01 Jun 2026 08:01:00 GMT', now)).to.equal(60_000);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(undefined, now)).to.equal(undefined);
  });
});
