import { expect } from 'chai';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createForeground } from '../../connector/src/background/foreground.ts';

/** An HTTP server whose `/slow` answers when `release()` is called; requests pass the foreground gauge. */
async function serverWith(foreground: ReturnType<typeof createForeground>) {
  const pending: (() => void)[] = [];
  const app = express();
  app.use(foreground.track);
  app.get('/slow', (_req, res) => {
    pending.push(() => res.send('ok'));
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`;
  return {
    url,
    pendingCount: () => pending.length,
    release: () => pending.splice(0).forEach((answer) => answer()),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const waitUntil = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 2));
};

describe('background work steps aside for HTTP requests (connector/src/background/foreground.ts)', () => {
  it('goes at once when no request is in flight', async () => {
    const foreground = createForeground(10_000);
    const started = performance.now();
    await foreground.stepAside();
    await foreground.stepAside();
    expect(performance.now() - started).to.be.below(1000);
  });

  it('waits while a request is in flight and goes once it has been answered', async () => {
    const foreground = createForeground(10_000);
    const server = await serverWith(foreground);
    try {
      const answered = fetch(server.url).then((r) => r.text());
      await waitUntil(() => server.pendingCount() === 1);
      let stepped = false;
      const step = foreground.stepAside().then(() => (stepped = true));
      await new Promise((r) => setTimeout(r, 100));
      expect(stepped, 'a background step while a request is in flight').to.equal(false);
      server.release();
      expect(await answered).to.equal('ok');
      await step;
      expect(stepped).to.equal(true);
    } finally {
      await server.close();
    }
  });

  it('under sustained load still grants one step per maxDeferMs, one at a time', async () => {
    const foreground = createForeground(50);
    const server = await serverWith(foreground);
    try {
      const held = fetch(server.url).then((r) => r.text());
      await waitUntil(() => server.pendingCount() === 1);
      const granted: number[] = [];
      const started = performance.now();
      await Promise.all([0, 1, 2].map(() => foreground.stepAside().then(() => granted.push(performance.now() - started))));
      // Three waiters, granted in turn: the last one cannot go before three deferrals have passed.
      expect(granted).to.have.length(3);
      expect(granted[2]).to.be.at.least(3 * 50 - 5);
      expect(server.pendingCount(), 'the request is still in flight').to.equal(1);
      server.release();
      await held;
    } finally {
      await server.close();
    }
  });
});
