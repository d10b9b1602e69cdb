// `npm run test:worker`: mediasoup's own Node test suite (shipped compiled in the npm tarball,
// node/lib/test/test-*.js, jest) against the cached worker — the worker's acceptance test beyond check.mjs.
// jest ignores node_modules, so the package is unpacked into its own folder with its runtime dependencies
// plus jest, pick-port and werift-sctp from the npm registry, and the DTLS test certificate the tarball lacks.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cachedWorkerBin, lockedMediasoupVersion, workerCacheRoot } from '../../src/media/sfu/worker-cache.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
const say = (m) => console.log(`[test:worker] ${m}`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// --prepare-only: unpack and install the suite (no worker needed), e.g. while the worker compiles.
const prepareOnly = process.argv.includes('--prepare-only');
const version = lockedMediasoupVersion(REPO);
const bin = process.env.MEDIASOUP_WORKER_BIN ?? cachedWorkerBin(version);
if (!version) throw new Error('package-lock.json locks no mediasoup version');
if (!prepareOnly && (!bin || !existsSync(bin))) {
  say('no worker to test: run `npm run build:worker` first (or set MEDIASOUP_WORKER_BIN)');
  process.exit(process.env.REQUIRE_MEDIASOUP_WORKER === 'true' ? 1 : 0);
}

const dir = path.join(workerCacheRoot(), `node-suite-${version}`);
const pkg = path.join(dir, 'package');
if (!existsSync(path.join(pkg, 'node_modules/.bin/jest'))) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  say(`npm pack mediasoup@${version}`);
  execFileSync(npm, ['pack', `mediasoup@${version}`, '--silent'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('tar', ['-xzf', `mediasoup-${version}.tgz`], { cwd: dir });
  const manifest = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  const dev = manifest.devDependencies ?? {};
  // Only what the compiled tests need; no install scripts (mediasoup's own would try to fetch a worker).
  const slim = {
    name: 'mediasoup-node-suite',
    private: true,
    version: manifest.version,
    dependencies: manifest.dependencies,
    devDependencies: {
      jest: dev.jest ?? '^30.0.0',
      'pick-port': dev['pick-port'] ?? '^2.0.0',
      'werift-sctp': dev['werift-sctp'] ?? '^0.0.11',
    },
    jest: { testEnvironment: 'node', testRegex: 'node/lib/test/test-.*\\.js$', roots: ['<rootDir>/node/lib/test'] },
  };
  writeFileSync(path.join(pkg, 'package.json'), `${JSON.stringify(slim, null, 2)}\n`);
  say('npm install (runtime dependencies, jest, pick-port, werift-sctp)');
  execFileSync(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--silent'], {
    cwd: pkg,
    stdio: 'inherit',
  });
}
const data = path.join(pkg, 'node/lib/test/data');
if (!existsSync(path.join(data, 'dtls-cert.pem'))) {
  mkdirSync(data, { recursive: true });
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '3650',
      '-subj',
      '/CN=mediasoup-test',
      '-keyout',
      path.join(data, 'dtls-key.pem'),
      '-out',
      path.join(data, 'dtls-cert.pem'),
    ],
    { stdio: 'ignore' },
  );
}
if (prepareOnly) {
  say(`prepared in ${pkg}`);
  process.exit(0);
}
const started = Date.now();
say(`jest --runInBand against ${bin}`);
try {
  execFileSync(path.join(pkg, 'node_modules/.bin/jest'), ['--runInBand'], {
    cwd: pkg,
    stdio: 'inherit',
    env: { ...process.env, MEDIASOUP_WORKER_BIN: bin },
  });
} catch {
  say(`FAILED after ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(1);
}
say(`passed in ${Math.round((Date.now() - started) / 1000)} s`);
