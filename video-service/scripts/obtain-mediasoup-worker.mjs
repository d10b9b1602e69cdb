// Runs after `npm install` (root postinstall). mediasoup's own install script is denied in the root
// package.json (`allowScripts`), because offline it would fail the whole install. First choice: a worker
// `npm run build:worker` built from Debian packages and cached for the locked mediasoup version (linked into
// mediasoup's own location, so anything calling createWorker() finds it; the video service also finds the
// cache itself, see config.ts). Otherwise we give mediasoup's own mechanism one bounded chance: it honours
// MEDIASOUP_WORKER_BIN, downloads a prebuilt worker (from MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL when
// an operator runs a mirror) and otherwise tries a local build. Whatever happens, the install stays green: without a worker the video service runs peer-to-peer
// (MEDIA_MODE=auto), see docs/adr/0002-mediasoup-offline.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cachedWorkerBin, lockedMediasoupVersion } from '../src/media/sfu/worker-cache.ts';

const TIMEOUT_MS = Number(process.env.MEDIASOUP_OBTAIN_TIMEOUT_MS ?? 120_000);

function say(message) {
  console.log(`[mediasoup-worker] ${message}`);
}

function mediasoupDir() {
  try {
    // mediasoup's "exports" hide package.json, so walk up from its entry point.
    const require = createRequire(path.resolve('video-service/package.json'));
    let dir = path.dirname(require.resolve('mediasoup'));
    while (!existsSync(path.join(dir, 'npm-scripts.mjs')) && dir !== path.dirname(dir)) dir = path.dirname(dir);
    return existsSync(path.join(dir, 'npm-scripts.mjs')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

const dir = mediasoupDir();
const cached = cachedWorkerBin(lockedMediasoupVersion(path.resolve(import.meta.dirname, '../..')));
const defaultBin = dir && path.join(dir, 'worker/out/Release/mediasoup-worker');
if (!dir) {
  say('mediasoup is not installed; nothing to do');
} else if (process.env.MEDIASOUP_WORKER_BIN) {
  say(`using MEDIASOUP_WORKER_BIN (${existsSync(process.env.MEDIASOUP_WORKER_BIN) ? 'present' : 'missing'})`);
} else if (existsSync(defaultBin)) {
  say('worker already present');
} else if (cached) {
  mkdirSync(path.dirname(defaultBin), { recursive: true });
  symlinkSync(cached, defaultBin);
  say(`using the worker built from Debian packages: ${cached} (the SFU is available)`);
} else if (process.env.MEDIASOUP_SKIP_OBTAIN === 'true') {
  say(
    'MEDIASOUP_SKIP_OBTAIN=true: not trying; the video service will use peer-to-peer media (npm run build:worker builds one)',
  );
} else {
  say(`trying mediasoup's own postinstall (at most ${TIMEOUT_MS / 1000} s)`);
  const child = spawn(process.execPath, ['npm-scripts.mjs', 'postinstall'], { cwd: dir, stdio: 'ignore' });
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
  child.on('exit', (code) => {
    clearTimeout(timer);
    const present = existsSync(path.join(dir, 'worker/out/Release/mediasoup-worker'));
    say(
      present
        ? 'worker obtained: the SFU is available'
        : `no worker (exit ${code ?? 'timeout'}): the video service will use peer-to-peer media (MEDIA_MODE=auto)`,
    );
  });
}
