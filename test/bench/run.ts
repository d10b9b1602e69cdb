/**
 * `npm run bench`: runs every `test/bench/*.bench.ts` (or those named on the command line), prints the figures and
 * writes them with the machine and date to docs/benchmarks.md. Benchmarks measure; they never fail the test suite.
 * Each benchmark uses only loopback addresses and stops by itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './types.ts';

const here = import.meta.dirname;
const docsFile = path.resolve(here, '../../docs/benchmarks.md');
const MARK = '<!-- results: written by npm run bench -->';

const wanted = process.argv.slice(2);
const files = (await readdir(here))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

const sections: string[] = [];
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const results = runOne(file);
  for (const r of results) {
    const verdict = r.pass === undefined ? '' : r.pass ? ' ✔' : ' ✘';
    console.log(
      `${r.name}: ${format(r.value)} ${r.unit}${r.target ? ` (target ${r.target})` : ''}${verdict}${r.notes ? ` — ${r.notes}` : ''}`,
    );
  }
  sections.push(table(name, results, Date.now() - started));
}

/**
 * Runs one benchmark in its own Node process (clean heap, its own peak memory). A benchmark that declares
 * `export const netns = true` (browsers, media) runs inside a loopback-only network namespace when possible.
 */
function runOne(file: string): BenchResult[] {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'va-bench-')), 'results.json');
  const script =
    `const m = await import(${JSON.stringify(pathToFileURL(path.join(here, file)).href)});` +
    `const r = await m.default(); (await import('node:fs')).writeFileSync(${JSON.stringify(out)}, JSON.stringify(r)); process.exit(0);`;
  const args = ['--input-type=module', '-e', script];
  const wantsNetns = /export const netns = true/.test(readFileSync(path.join(here, file), 'utf8'));
  const isolate = wantsNetns && process.getuid?.() === 0 && spawnSync('unshare', ['-n', 'true']).status === 0;
  if (wantsNetns && !isolate)
    console.log(`${file}: no private network namespace here (not root or no unshare); running directly`);
  const child = isolate
    ? spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, ...args], {
        stdio: 'inherit',
      })
    : spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (!existsSync(out)) {
    return [{ name: file, value: Number.NaN, unit: '', notes: `benchmark failed (exit ${child.status})` }];
  }
  return JSON.parse(readFileSync(out, 'utf8')) as BenchResult[];
}

function format(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2).replace(/\.?0+$/, '');
}

function table(name: string, results: BenchResult[], ms: number): string {
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${format(r.value)} ${r.unit} | ${r.target ?? ''} | ${r.pass === undefined ? '' : r.pass ? 'met' : '**not met**'} | ${r.notes ?? ''} |`,
  );
  // Each section says when it ran: a partial run (`npm run bench room-join`) replaces only its own sections.
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  return [
    `### ${name}`,
    '',
    `(${(ms / 1000).toFixed(1)} s, run ${when} UTC)`,
    '',
    '| measurement | value | target | | notes |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

const cpus = os.cpus();
const machine = `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
const block = [MARK, '', `Machine: ${machine}.`, '', ...sections].join('\n');

let doc: string;
try {
  doc = await readFile(docsFile, 'utf8');
} catch {
  doc =
    "# Benchmarks\n\nFigures from `npm run bench` on the project's build machine. Targets come from the issues.\n\n";
}
const at = doc.indexOf(MARK);
if (wanted.length > 0 && at >= 0) {
  // A partial run replaces only the sections it measured.
  let rest = doc.slice(at);
  for (const s of sections) {
    const heading = s.split('\n')[0]!;
    const start = rest.indexOf(heading);
    if (start < 0) rest += `\n${s}`;
    else {
      const next = rest.indexOf('\n### ', start + 1);
      rest = rest.slice(0, start) + s + (next >= 0 ? rest.slice(next) : '\n');
    }
  }
  doc = doc.slice(0, at) + rest;
} else {
  doc = (at >= 0 ? doc.slice(0, at) : doc) + block + '\n';
}
await writeFile(docsFile, doc);
console.log(`\nwritten to ${path.relative(process.cwd(), docsFile)}`);
