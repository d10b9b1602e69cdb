// `npm run build:worker`: builds mediasoup's worker for the version package-lock.json locks, from the npm
// tarball's sources and Debian packages only, into a cache folder keyed by version and platform; reuses it
// when present and built from the same inputs (hash of the subprojects, the source preparation and the meson
// arguments: what goes into the binary); checks it through mediasoup's Node API.
// docs/media.md "Building the worker offline", docs/adr/0100-mediasoup-dtls-bio-callback-patch.md.
// Options: --force (rebuild), --no-check. Environment: MEDIASOUP_WORKER_CACHE (cache root).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import {
  cachedWorkerBin,
  lockedMediasoupVersion,
  workerCacheDir,
  workerCacheRoot,
} from '../../src/media/sfu/worker-cache.ts';
import { installBuildPackages, obtainMeson, obtainUnorderedDense, RUNTIME_PACKAGES, whyNotDebian } from './debian.mjs';
import { hasDtlsFix, patchDtlsTransport, unpackMediasoup, useLocalSubprojects } from './sources.mjs';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const REPO = path.resolve(HERE, '../../..');
const args = new Set(process.argv.slice(2));
const say = (m) => console.log(`[build:worker] ${m}`);

const MESON_SETUP = ['setup', '--wrap-mode=nodownload', '--buildtype', 'release', '-Db_ndebug=true', 'build'];

function scriptHash() {
  const hash = createHash('sha256');
  const add = (p) => {
    if (statSync(p).isDirectory()) for (const name of readdirSync(p).sort()) add(path.join(p, name));
    else hash.update(path.relative(HERE, p)).update('\0').update(readFileSync(p)).update('\0');
  };
  add(path.join(HERE, 'subprojects'));
  add(path.join(HERE, 'sources.mjs'));
  hash.update(MESON_SETUP.join(' '));
  return hash.digest('hex').slice(0, 16);
}

function check(bin) {
  if (args.has('--no-check')) return 'skipped (--no-check)';
  const r = spawnSync(process.execPath, [path.join(HERE, 'check.mjs')], {
    cwd: REPO,
    env: { ...process.env, MEDIASOUP_WORKER_BIN: bin },
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 60_000,
  });
  if (r.status === 3) return 'deferred: mediasoup is not installed yet (run again after npm ci)';
  if (r.status !== 0) throw new Error(`acceptance check failed (exit ${r.status ?? r.signal})`);
  return 'passed';
}

function main() {
  const version = lockedMediasoupVersion(REPO);
  if (!version) throw new Error('package-lock.json locks no mediasoup version');
  const dir = workerCacheDir(version);
  const hash = scriptHash();
  const infoFile = path.join(dir, 'build-info.json');
  const cached = cachedWorkerBin(version);
  if (cached && !args.has('--force')) {
    const info = JSON.parse(readFileSync(infoFile, 'utf8'));
    if (info.scriptHash === hash) {
      say(`reusing ${cached} (mediasoup ${version}, built ${info.builtAt} in ${info.buildSeconds} s)`);
      say(`check: ${check(cached)}`);
      say(`MEDIASOUP_WORKER_BIN=${cached}`);
      return;
    }
    say(`cached worker was built from other inputs (${info.scriptHash} ≠ ${hash}): rebuilding`);
  }
  const why = whyNotDebian();
  if (why) {
    say(`cannot build the mediasoup worker here: ${why}.`);
    say(
      'The video service will use peer-to-peer media (MEDIA_MODE=auto). To use the SFU, build on Debian 12 or set MEDIASOUP_WORKER_BIN.',
    );
    return;
  }
  const started = Date.now();
  const tools = path.join(workerCacheRoot(), 'tools');
  installBuildPackages(say);
  const meson = obtainMeson(tools, say);
  say(`meson ${meson.version}`);
  const header = obtainUnorderedDense(tools, say);
  const work = path.join(workerCacheRoot(), `src-${version}`);
  const pkg = unpackMediasoup(version, work, say);
  const worker = path.join(pkg, 'worker');
  useLocalSubprojects(worker, header);
  patchDtlsTransport(worker);
  if (!hasDtlsFix(worker)) throw new Error('DtlsTransport.cpp fix missing after patching');
  say('DtlsTransport.cpp BIO-callback fix applied and verified');
  const env = { ...process.env, ...meson.env };
  const mesonRun = (a) => execFileSync(meson.command, [...meson.args, ...a], { cwd: worker, env, stdio: 'inherit' });
  mesonRun(MESON_SETUP);
  const jobs = String(availableParallelism());
  say(`ninja -j${jobs} mediasoup-worker (about 6 minutes on 2 free cores)`);
  execFileSync('ninja', ['-C', 'build', `-j${jobs}`, 'mediasoup-worker'], { cwd: worker, stdio: 'inherit' });
  mkdirSync(dir, { recursive: true });
  rmSync(infoFile, { force: true });
  const bin = path.join(dir, 'mediasoup-worker');
  copyFileSync(path.join(worker, 'build/mediasoup-worker'), `${bin}.tmp`);
  execFileSync('strip', [`${bin}.tmp`]);
  renameSync(`${bin}.tmp`, bin);
  const buildSeconds = Math.round((Date.now() - started) / 1000);
  say(`built in ${buildSeconds} s: ${bin}`);
  const checked = check(bin);
  say(`check: ${checked}`);
  writeFileSync(
    infoFile,
    `${JSON.stringify(
      {
        mediasoup: version,
        scriptHash: hash,
        builtAt: new Date().toISOString(),
        buildSeconds,
        meson: meson.version,
        dtlsBioCallbackFix: true,
        runtimePackages: RUNTIME_PACKAGES,
      },
      null,
      2,
    )}\n`,
  );
  if (!args.has('--keep-sources')) rmSync(work, { recursive: true, force: true });
  say(`MEDIASOUP_WORKER_BIN=${bin}`);
}

try {
  main();
} catch (error) {
  say(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
