// The worker's sources from mediasoup's own npm tarball, rewired to Debian's libraries: local meson
// subprojects instead of the wraps (no downloads), and the one-line DtlsTransport.cpp fix (ADR 0100).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const HERE = path.dirname(new URL(import.meta.url).pathname);

export function unpackMediasoup(version, workDir, say) {
  const pkgDir = path.join(workDir, 'package');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  say(`npm pack mediasoup@${version}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['pack', `mediasoup@${version}`, '--silent'], {
    cwd: workDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tgz = readdirSync(workDir).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error(`npm pack mediasoup@${version} produced no tarball`);
  execFileSync('tar', ['-xzf', tgz], { cwd: workDir });
  return pkgDir;
}

export function useLocalSubprojects(workerDir, unorderedDenseHeader) {
  const sub = path.join(workerDir, 'subprojects');
  for (const f of readdirSync(sub)) {
    if (f.endsWith('.wrap') || f === 'packagefiles') rmSync(path.join(sub, f), { recursive: true, force: true });
  }
  cpSync(path.join(HERE, 'subprojects'), sub, { recursive: true });
  const target = path.join(sub, 'unordered_dense/include/ankerl/unordered_dense.h');
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(unorderedDenseHeader, target);
}

// onSslBioOut() returns the operation's result only for operationType == BIO_CB_RETURN, but OpenSSL
// passes BIO_CB_RETURN | <operation>; with Debian's KTLS-enabled OpenSSL every BIO_ctrl then answers 1
// (BIO_get_ktls_send() included) and libssl crashes on the first handshake record. ADR 0100.
const DTLS_BEFORE = 'const long resultOfcallback = (operationType == BIO_CB_RETURN) ? static_cast<long>(ret) : 1;';
const DTLS_AFTER = 'const long resultOfcallback = ((operationType & BIO_CB_RETURN) != 0) ? static_cast<long>(ret) : 1;';

export function patchDtlsTransport(workerDir) {
  const file = path.join(workerDir, 'src/RTC/DtlsTransport.cpp');
  const text = readFileSync(file, 'utf8');
  const count = text.split(DTLS_BEFORE).length - 1;
  if (count !== 1) {
    throw new Error(
      `DtlsTransport.cpp: expected the BIO callback line exactly once, found it ${count} time(s). ` +
        'mediasoup changed onSslBioOut(): check whether the upstream code still needs the fix (docs/adr/0100-*) and update the build script.',
    );
  }
  writeFileSync(file, text.replace(DTLS_BEFORE, DTLS_AFTER));
  const patched = readFileSync(file, 'utf8');
  if (!patched.includes(DTLS_AFTER) || patched.includes(DTLS_BEFORE))
    throw new Error('DtlsTransport.cpp: the BIO callback fix did not apply');
}

export function hasDtlsFix(workerDir) {
  return (
    existsSync(path.join(workerDir, 'src/RTC/DtlsTransport.cpp')) &&
    readFileSync(path.join(workerDir, 'src/RTC/DtlsTransport.cpp'), 'utf8').includes(DTLS_AFTER)
  );
}
