/**
 * `npm test`: runs every suite and prints the one closing line CI reads: `N passed, N failed, N skipped`.
 *
 * Two mocha runs:
 *  1. service suites (test helpers, connector, video service, ui-plugins) against the machine's real MariaDB, Redis, …;
 *  2. browser suites (test/e2e) inside a private network namespace that has only a loopback interface
 *     (`unshare -n` + `ip link set lo up`), so media can never leave the machine. Where that is not possible
 *     (not root, no unshare) they run directly and the reason is printed.
 * Pass a glob to run only matching files: `node test/run.ts 'test/connector/**\/*.test.ts'`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const root = path.resolve(import.meta.dirname, '..');
const mochaBin = path.join(root, 'node_modules/mocha/bin/mocha.js');
const reporter = path.join(root, 'test/support/count-reporter.cjs');
const statsDir = mkdtempSync(path.join(tmpdir(), 'va-test-stats-'));

/** Service suites by folder; a folder that does not exist yet (test/ui-plugins before its first test) is left out. */
const SERVICE_SUITES = ['repo', 'support', 'connector', 'video-service', 'ui-plugins']
  .filter((folder) => existsSync(path.join(root, 'test', folder)))
  .map((folder) => `test/${folder}/**/*.test.ts`);
const BROWSER_SUITES = ['test/e2e/**/*.test.ts'];
/** Browser suites are the ones under test/e2e: only they run inside the loopback-only namespace. */
const isBrowserGlob = (glob: string) => /(^|\/)e2e(\/|$)/.test(glob);

function mochaArgs(globs: string[], statsFile: string): { args: string[]; env: NodeJS.ProcessEnv } {
  return {
    args: [mochaBin, '--extension', 'ts', '--timeout', '30000', '--exit', '--reporter', reporter, ...globs],
    env: { ...process.env, VA_STATS_FILE: statsFile },
  };
}

/** Why browser suites cannot be isolated here, or undefined when they can. */
function isolationProblem(): string | undefined {
  if (process.env.VA_NO_NETNS === 'true') return 'VA_NO_NETNS=true';
  if (process.getuid?.() !== 0) return 'not running as root';
  const probe = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up && ip -o link | grep -vc " lo:"'], {
    encoding: 'utf8',
  });
  if (probe.error || probe.status === null) return `unshare is not available (${probe.error?.message ?? 'killed'})`;
  if (probe.stdout.trim() !== '0' && probe.status !== 1)
    return `unshare -n failed: ${probe.stderr.trim() || probe.stdout.trim()}`;
  return undefined;
}

function run(name: string, globs: string[], isolate: boolean): Counts {
  const statsFile = path.join(statsDir, `${name}.json`);
  const { args, env } = mochaArgs(globs, statsFile);
  console.log(`\n=== ${name} ===`);
  const result = isolate
    ? spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, ...args], {
        stdio: 'inherit',
        env,
        cwd: root,
      })
    : spawnSync(process.execPath, args, { stdio: 'inherit', env, cwd: root });
  if (!existsSync(statsFile)) {
    console.log(`${name}: mocha ended (status ${result.status}) without reporting counts; counted as one failure`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  return JSON.parse(readFileSync(statsFile, 'utf8')) as Counts;
}

const only = process.argv.slice(2);
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const add = (c: Counts) => {
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
};

if (only.length > 0) {
  // A selection that mixes both kinds runs as two mocha runs, so service suites never run inside the namespace
  // (they need the machine's MariaDB and Redis, which the namespace cannot reach).
  const services = only.filter((glob) => !isBrowserGlob(glob));
  const browser = only.filter(isBrowserGlob);
  if (services.length > 0) add(run('selected service suites', services, false));
  if (browser.length > 0) add(run('selected browser suites', browser, !isolationProblem()));
} else {
  add(run('service suites', SERVICE_SUITES, false));
  const problem = isolationProblem();
  if (problem) console.log(`\nBrowser suites run without a private network namespace: ${problem}`);
  add(run('browser suites (loopback-only network namespace)', BROWSER_SUITES, !problem));
}
rmSync(statsDir, { recursive: true, force: true });

console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
