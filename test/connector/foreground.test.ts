import { expect } from 'chai';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createForeground, type ForegroundClock } from '../../connector/src/background/foreground.ts';

/** An HTTP server whose `/slow` answers when `release()` is called; requests pass the foreground gauge. */
async function serverWith(foreground: ReturnType<typeof createForeground>) {
  const pending: (() => void)[] = [];
  let closed = 0;
  const app = express();
  app.use(foreground.track);
  app.get('/slow', (_req, res) => {
    // Registered after the gauge's own listener, so when this count moves the gauge has seen the close.
    res.once('close', () => closed++);
    pending.push(() => res.send('ok'));
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`;
  return {
    url,
    pendingCount: () => pending.length,
    closedCount: () => closed,
    release: () => pending.splice(0).forEach((answer) => answer()),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const waitUntil = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 2));
};

/** A clock that moves only when the test says so: the gauge's waits take no wall time and cannot flake. */
function manualClock() {
  let t = 0;
  let timers: { at: number; fn: () => void }[] = [];
  const settle = () => new Promise((r) => setImmediate(r));
  return {
    clock: {
      now: () => t,
      after: (ms: number, fn: () => void) => void timers.push({ at: t + ms, fn }),
    } satisfies ForegroundClock,
    pending: () => timers.length,
    /** Moves time forward by `ms`, firing each due timer at its own time and letting its promises settle. */
    async advance(ms: number) {
      const end = t + ms;
      for (;;) {
        await settle();
        const due = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((x) => x !== due);
        t = due.at;
        due.fn();
      }
      t = end;
      await settle();
    },
  };
}

describe('background work steps aside for HTTP requests (connector/src/background/foreground.ts)', () => {
  it('goes at once when no request is in flight', async () => {
    const time = manualClock();
    const foreground = createForeground(10_000, 10, time.clock);
    await foreground.stepAside();
    await foreground.stepAside();
    // Resolved with the clock standing still and nothing scheduled: no wait at all.
    expect(time.pending()).to.equal(0);
  });

  it('waits while a request is in flight and goes once it has been answered', async () => {
    const time = manualClock();
    const foreground = createForeground(10_000, 10, time.clock);
    const server = await serverWith(foreground);
    try {
      const answered = fetch(server.url).then((r) => r.text());
      await waitUntil(() => server.pendingCount() === 1);
      let stepped = false;
      const step = foreground.stepAside().then(() => (stepped = true));
      await time.advance(5_000);
      expect(stepped, 'a background step while a request is in flight').to.equal(false);
      server.release();
      expect(await answered).to.equal('ok');
      await waitUntil(() => server.closedCount() === 1);
      // One quiet period after the answer, the step goes (long before maxDeferMs).
      await time.advance(10);
      await step;
      expect(stepped).to.equal(true);
      expect(time.clock.now(), 'went on quiet, not on the deadline').to.be.below(10_000);
    } finally {
      await server.close();
    }
  });

  it('under sustained load still grants one step per maxDeferMs, one at a time', async () => {
    const time = manualClock();
    const foreground = createForeground(50, 10, time.clock);
    const server = await serverWith(foreground);
    try {
      const held = fetch(server.url).then((r) => r.text());
      await waitUntil(() => server.pendingCount() === 1);
      const granted: number[] = [];
      const all = Promise.all([0, 1, 2].map(() => foreground.stepAside().then(() => granted.push(time.clock.now()))));
      await time.advance(1_000);
      await all;
      // Three waiters, granted in turn, each after one full deferral of its own.
      expect(granted).to.deep.equal([50, 100, 150]);
      expect(server.pendingCount(), 'the request is still in flight').to.equal(1);
      server.release();
      await held;
    } finally {
      await server.close();
    }
  });
});
