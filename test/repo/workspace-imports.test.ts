/**
 * What the workspaces share they import by package name (`@virtuelles-amt/video-service/contract/…`,
 * `…/shared/…`, video-service/package.json `exports`), never by a relative path into another workspace; and
 * the browser code imports no server module: only the contract and the shared pure modules, which in turn
 * import nothing but each other (and zod, and mediasoup's types), so they stay safe for the browser.
 */
import { expect } from 'chai';
import { importEdges, type ImportEdge } from './support/imports.ts';

const workspace = (file: string) => file.split('/')[0];
const BROWSER_DIRS = ['video-service/web/src', 'ui-plugins/src'];
const SHARED_DIRS = ['video-service/src/contract', 'video-service/src/shared'];
const show = (e: ImportEdge) => `${e.from} → ${e.specifier}`;

describe('imports between workspaces and into the browser', () => {
  const edges = importEdges();

  it('no relative import reaches into another workspace', () => {
    const crossing = edges.filter((e) => e.resolved && workspace(e.resolved) !== workspace(e.from));
    expect(crossing.map(show)).to.deep.equal([]);
  });

  it('the connector uses the video service by package name, and only its contract, shared and server-shared modules', () => {
    const named = edges.filter(
      (e) => e.from.startsWith('connector/') && e.specifier.startsWith('@virtuelles-amt/video-service'),
    );
    expect(named.length, 'package-name imports found').to.be.greaterThan(0);
    expect(
      named
        .filter((e) => !/^@virtuelles-amt\/video-service\/(contract|shared|server-shared)\/[\w-]+$/.test(e.specifier))
        .map(show),
    ).to.deep.equal([]);
  });

  it('browser code imports no server module', () => {
    const browser = importEdges(BROWSER_DIRS);
    expect(browser.length).to.be.greaterThan(100);
    const intoServer = browser.filter((e) => e.resolved?.startsWith('video-service/src/'));
    expect(intoServer.map(show), 'relative imports of video-service/src').to.deep.equal([]);
    const named = browser.filter((e) => e.specifier.startsWith('@virtuelles-amt/'));
    expect(
      named.filter((e) => !/^@virtuelles-amt\/video-service\/(contract|shared)\/[\w-]+$/.test(e.specifier)).map(show),
    ).to.deep.equal([]);
  });

  it('the contract and shared modules import only each other (and zod, and the types of mediasoup)', () => {
    const shared = importEdges(SHARED_DIRS);
    expect(shared.length).to.be.greaterThan(5);
    const allowed = (e: ImportEdge) =>
      (e.resolved !== undefined && SHARED_DIRS.some((d) => e.resolved!.startsWith(`${d}/`))) ||
      ['zod', 'mediasoup', 'mediasoup-client/types'].includes(e.specifier);
    expect(shared.filter((e) => !allowed(e)).map(show)).to.deep.equal([]);
  });
});
