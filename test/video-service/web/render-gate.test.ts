/**
 * The room UI's render gate (ui/render-gate.ts): Preact's queued re-render waits while an offer or answer is
 * being made, runs once when the last hold ends, and never waits longer than MAX_HOLD_MS.
 */
import { expect } from 'chai';
import { options } from 'preact';
import { holdRenders, installRenderGate, MAX_HOLD_MS } from '../../../video-service/web/src/ui/render-gate.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('room UI: render gate', () => {
  const before = options.debounceRendering;
  let renders: number;
  const queueRender = () => options.debounceRendering!(() => void (renders += 1));

  beforeEach(() => {
    renders = 0;
    installRenderGate();
  });
  after(() => {
    options.debounceRendering = before;
  });

  it('renders right away (in a microtask) when nothing is held', async () => {
    queueRender();
    expect(renders).to.equal(0);
    await Promise.resolve();
    await Promise.resolve();
    expect(renders).to.equal(1);
  });

  it('holds a render queued just before the hold began, until the hold ends', async () => {
    queueRender();
    const release = holdRenders();
    await settle();
    expect(renders).to.equal(0);
    release();
    await settle();
    expect(renders).to.equal(1);
  });

  it('waits for the last of several holds, and a second release changes nothing', async () => {
    const first = holdRenders();
    const second = holdRenders();
    queueRender();
    first();
    await settle();
    expect(renders).to.equal(0);
    second();
    second();
    await settle();
    expect(renders).to.equal(1);
  });

  it('ends a hold that is never released after MAX_HOLD_MS', async () => {
    holdRenders();
    queueRender();
    await new Promise((resolve) => setTimeout(resolve, MAX_HOLD_MS / 2));
    expect(renders).to.equal(0);
    await new Promise((resolve) => setTimeout(resolve, MAX_HOLD_MS));
    expect(renders).to.equal(1);
  });
});
