// Debian side of the worker build: build packages from the machine's own repositories, plus the two
// things bookworm's main archive lacks (meson >= 1.1 from bookworm-backports, ankerl unordered_dense from
// trixie's rspamd source package), fetched with a private APT_CONFIG so the system's apt sources,
// lists and installed packages stay untouched.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const BUILD_PACKAGES = [
  'build-essential',
  'pkg-config',
  'ninja-build',
  'python3',
  'libuv1-dev',
  'libssl-dev',
  'libsrtp2-dev',
  'libabsl-dev',
  'libflatbuffers-dev',
  'flatbuffers-compiler',
  'dpkg-dev',
  'xz-utils',
];
export const RUNTIME_PACKAGES = ['libuv1', 'libsrtp2-1', 'libabsl20220623', 'libssl3'];

function run(cmd, args, options = {}) {
  return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...options });
}

/** Why this machine cannot build the worker, or undefined when it can. */
export function whyNotDebian() {
  if (process.platform !== 'linux') return `this is ${process.platform}, the build needs Debian 12 (bookworm) and apt`;
  if (!existsSync('/etc/os-release')) return 'no /etc/os-release: not a Debian system';
  const os = readFileSync('/etc/os-release', 'utf8');
  if (!/^ID=debian$/m.test(os) || !/^VERSION_CODENAME=bookworm$/m.test(os)) {
    return 'this is not Debian 12 (bookworm); the package list and versions are for bookworm';
  }
  if (!existsSync('/usr/bin/apt-get') || !existsSync('/usr/bin/dpkg')) return 'apt-get/dpkg are missing';
  return undefined;
}

function missingPackages(names) {
  return names.filter((name) => {
    try {
      return !run('dpkg-query', ['-W', '-f=${Status}', name]).includes('install ok installed');
    } catch {
      return true;
    }
  });
}

export function installBuildPackages(say) {
  const missing = missingPackages(BUILD_PACKAGES);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0)
    throw new Error(`missing Debian packages (install as root): apt-get install ${missing.join(' ')}`);
  say(`installing ${missing.join(' ')}`);
  run('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  // --no-upgrade: without it apt would also upgrade the machine's OpenSSL.
  run('apt-get', ['install', '-y', '--no-install-recommends', '--no-upgrade', ...missing], { stdio: 'inherit' });
}

/** The mirror the machine already uses (deb822 or one-line sources). */
function debianMirror() {
  const files = [
    '/etc/apt/sources.list',
    ...(existsSync('/etc/apt/sources.list.d')
      ? readdirSync('/etc/apt/sources.list.d').map((f) => `/etc/apt/sources.list.d/${f}`)
      : []),
  ];
  for (const file of files) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const uri =
      /^URIs:\s*(\S+\/debian)\/?\s*$/m.exec(text)?.[1] ??
      /^deb\s+(?:\[[^\]]*\]\s+)?(\S+\/debian)\/?\s+bookworm\b/m.exec(text)?.[1];
    if (uri) return uri;
  }
  return 'http://deb.debian.org/debian';
}

/** A private apt: its own sources, lists and cache; the machine's dpkg status only read. */
function privateApt(dir, say) {
  const conf = path.join(dir, 'apt.conf');
  const env = { ...process.env, APT_CONFIG: conf };
  if (existsSync(path.join(dir, 'updated'))) return env;
  for (const sub of ['lists/partial', 'cache/archives/partial', 'sources.list.d'])
    mkdirSync(path.join(dir, sub), { recursive: true });
  const mirror = debianMirror();
  const keyring = '/usr/share/keyrings/debian-archive-keyring.gpg';
  writeFileSync(
    path.join(dir, 'sources.list'),
    `deb [signed-by=${keyring}] ${mirror} bookworm-backports main\n` +
      `deb-src [signed-by=${keyring}] ${mirror} trixie main\n`,
  );
  writeFileSync(
    conf,
    [
      `Dir::Etc::SourceList "${dir}/sources.list";`,
      `Dir::Etc::SourceParts "${dir}/sources.list.d";`,
      `Dir::State "${dir}";`,
      `Dir::State::Lists "${dir}/lists";`,
      'Dir::State::status "/var/lib/dpkg/status";',
      `Dir::Cache "${dir}/cache";`,
      'APT::Get::List-Cleanup "false";',
      '',
    ].join('\n'),
  );
  say(`private apt on ${mirror}: bookworm-backports, trixie sources`);
  run('apt-get', ['update', '-qq'], { env, stdio: 'inherit' });
  writeFileSync(path.join(dir, 'updated'), new Date().toISOString());
  return env;
}

/** meson >= 1.1 unpacked (not installed) from bookworm-backports; returns how to run it. */
export function obtainMeson(toolsDir, say) {
  const root = path.join(toolsDir, 'meson');
  const mesonPy = path.join(root, 'usr/bin/meson');
  if (!existsSync(mesonPy)) {
    const env = privateApt(path.join(toolsDir, 'apt'), say);
    const debs = path.join(toolsDir, 'debs');
    mkdirSync(debs, { recursive: true });
    run('apt-get', ['download', 'meson/bookworm-backports'], { env, cwd: debs, stdio: 'inherit' });
    const deb = readdirSync(debs).find((f) => f.startsWith('meson_') && f.endsWith('.deb'));
    if (!deb) throw new Error('apt-get download meson/bookworm-backports left no .deb');
    run('dpkg', ['-x', path.join(debs, deb), root]);
  }
  const pythonPath = path.join(root, 'usr/lib/python3/dist-packages');
  const version = run('python3', [mesonPy, '--version'], { env: { ...process.env, PYTHONPATH: pythonPath } }).trim();
  const [major, minor] = version.split('.').map(Number);
  if (major < 1 || (major === 1 && minor < 1)) throw new Error(`meson ${version} is too old (need >= 1.1)`);
  return { command: 'python3', args: [mesonPy], env: { PYTHONPATH: pythonPath }, version };
}

/** ankerl/unordered_dense.h from trixie's rspamd source package (header-only, MIT). */
export function obtainUnorderedDense(toolsDir, say) {
  const header = path.join(toolsDir, 'unordered_dense/include/ankerl/unordered_dense.h');
  if (existsSync(header)) return header;
  const env = privateApt(path.join(toolsDir, 'apt'), say);
  const src = path.join(toolsDir, 'rspamd-src');
  mkdirSync(src, { recursive: true });
  if (!readdirSync(src).some((f) => f.endsWith('.orig.tar.xz') || f.endsWith('.orig.tar.gz'))) {
    run('apt-get', ['source', '--download-only', 'rspamd/trixie'], { env, cwd: src, stdio: 'inherit' });
  }
  const tarball = readdirSync(src).find((f) => /\.orig\.tar\.(xz|gz)$/.test(f));
  if (!tarball) throw new Error('apt-get source --download-only rspamd/trixie left no .orig tarball');
  const member = run('tar', ['-tf', path.join(src, tarball)])
    .split('\n')
    .find((m) => m.endsWith('contrib/ankerl/unordered_dense.h'));
  if (!member) throw new Error(`${tarball} holds no contrib/ankerl/unordered_dense.h`);
  mkdirSync(path.dirname(header), { recursive: true });
  writeFileSync(header, execFileSync('tar', ['-xOf', path.join(src, tarball), member]));
  return header;
}
