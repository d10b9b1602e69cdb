/**
 * The room UI build: a CSP-clean page with hashed assets, within the JavaScript budget of DESIGN.md
 * (≤ 45 KB gzipped before the call starts; mediasoup-client and zod never in it).
 */
import { expect } from 'chai';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildRoomUi, INITIAL_JS_BUDGET_BYTES, type BuildReport } from '../../../video-service/web/build.ts';

describe('room UI build', function () {
  this.timeout(60_000);
  let outDir: string;
  let report: BuildReport;
  let html: string;

  before(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'va-web-build-'));
    report = await buildRoomUi({ outDir });
    html = await readFile(path.join(outDir, 'index.html'), 'utf8');
  });
  after(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('writes index.html that loads a hashed script and stylesheet which exist', async () => {
    const script = html.match(/<script type="module" src="\/assets\/(join-[A-Z0-9]+\.js)"><\/script>/)?.[1];
    const style = html.match(/<link rel="stylesheet" href="\/assets\/(join-[A-Z0-9]+\.css)">/)?.[1];
    expect(script, 'entry script').to.be.a('string');
    expect(style, 'stylesheet').to.be.a('string');
    expect((await stat(path.join(outDir, 'assets', script!))).size).to.be.greaterThan(1000);
    expect((await stat(path.join(outDir, 'assets', style!))).size).to.be.greaterThan(1000);
  });

  it('has no inline script or style, so it runs under script-src/style-src self', () => {
    expect(html).to.not.match(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).to.not.match(/<style\b/);
    expect(html).to.not.match(/\sstyle=/);
    expect(html).to.not.match(/\son[a-z]+=/);
  });

  it('stays within the JavaScript budget before the call starts', () => {
    expect(report.initialJsGzipBytes).to.be.greaterThan(10_000);
    expect(report.initialJsGzipBytes).to.be.at.most(INITIAL_JS_BUDGET_BYTES);
  });

  it('ships preact and socket.io-client, but neither mediasoup-client nor zod, up front', () => {
    expect(report.initialPackages).to.include.members(['preact', 'socket.io-client']);
    expect(report.initialPackages).to.not.include('mediasoup-client');
    expect(report.initialPackages).to.not.include('zod');
  });
});
