/**
 * Where `npm run build:worker` puts the mediasoup worker it builds from Debian packages, keyed by mediasoup
 * version and platform so an upgrade or another distribution never picks up a stale binary. Shared by the
 * build script, the postinstall and the video service's config (plain functions, no imports beyond node:).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** e.g. "linux-x64-debian12"; the distribution part is "unknown" where /etc/os-release is missing. */
export function platformKey(): string {
  let distro = 'unknown';
  try {
    const os = readFileSync('/etc/os-release', 'utf8');
    const id = /^ID="?([^"\n]+)"?$/m.exec(os)?.[1];
    const version = /^VERSION_ID="?([^"\n]+)"?$/m.exec(os)?.[1];
    if (id) distro = `${id}${version ?? ''}`;
  } catch {
    // not Linux, or a minimal image: keep "unknown"
  }
  return `${process.platform}-${process.arch}-${distro}`;
}

export function workerCacheRoot(env: Record<string, string | undefined> = process.env): string {
  return (
    env.MEDIASOUP_WORKER_CACHE ??
    path.join(env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'virtuelles-amt', 'mediasoup-worker')
  );
}

export function workerCacheDir(version: string, env: Record<string, string | undefined> = process.env): string {
  return path.join(workerCacheRoot(env), `mediasoup-${version}-${platformKey()}`);
}

/** The mediasoup version package-lock.json locks (the one the service will load). */
export function lockedMediasoupVersion(repoRoot: string): string | undefined {
  try {
    const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
      packages?: Record<string, { version?: string }>;
    };
    return lock.packages?.['node_modules/mediasoup']?.version;
  } catch {
    return undefined;
  }
}

/** The cached worker binary for that version, when a finished build left one. */
export function cachedWorkerBin(
  version: string | undefined,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  if (!version) return undefined;
  const dir = workerCacheDir(version, env);
  const bin = path.join(dir, 'mediasoup-worker');
  // build-info.json is written last, so a half-finished build is never picked up.
  return existsSync(bin) && existsSync(path.join(dir, 'build-info.json')) ? bin : undefined;
}
