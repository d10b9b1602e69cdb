/**
 * Builds the room UI (the /join page) with esbuild:
 *   video-service/web/dist/index.html
 *   video-service/web/dist/assets/join-<hash>.js, join-<hash>.css (+ chunk-<hash>.js for lazy parts)
 * File names carry content hashes, so the service can serve /assets/* as immutable.
 *
 * Checks the budget of DESIGN.md ("Performance"): at most 45 KB of gzipped JavaScript before the call
 * starts, and neither mediasoup-client nor zod in it (those may only arrive as lazy chunks). A build
 * over budget fails.
 *
 * Run: `node video-service/web/build.ts` (prints every file's size, raw and gzipped).
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const WEB_DIR = import.meta.dirname;
/** Gzipped JavaScript allowed before the call starts (DESIGN.md). */
export const INITIAL_JS_BUDGET_BYTES = 45 * 1024;
/** Packages that must never be part of the initial page. */
export const FORBIDDEN_INITIAL_PACKAGES = ['mediasoup-client', 'zod'];

export interface BuiltFile {
  /** Path relative to the output directory, e.g. `assets/join-AB12CD34.js`. */
  file: string;
  bytes: number;
  gzipBytes: number;
  /** Loaded by index.html before anything else happens (entry script, its static imports, the stylesheet). */
  initial: boolean;
}

export interface BuildReport {
  outDir: string;
  files: BuiltFile[];
  initialJsGzipBytes: number;
  /** Node packages bundled into the initial JavaScript. */
  initialPackages: string[];
}

/** The page's entry, relative to WEB_DIR (as esbuild names it in the metafile). */
const ENTRY_POINT = 'src/main.tsx';

export interface BuildOptions {
  /** Default: video-service/web/dist. Emptied first. */
  outDir?: string;
}

/** Builds the page and returns what was written; throws when the budget is broken. */
export async function buildRoomUi(options: BuildOptions = {}): Promise<BuildReport> {
  const outDir = options.outDir ?? path.join(WEB_DIR, 'dist');
  const assetsDir = path.join(outDir, 'assets');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(assetsDir, { recursive: true });

  const result = await build({
    entryPoints: [path.join(WEB_DIR, ENTRY_POINT)],
    outdir: assetsDir,
    entryNames: 'join-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: 'asset-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    metafile: true,
    plugins: [withoutWebTransport],
    logLevel: 'warning',
    absWorkingDir: WEB_DIR,
  });

  const meta = result.metafile;
  // Every dynamic import() target is an entry point in the metafile too: pick the page's own entry.
  const entry = Object.entries(meta.outputs).find(([, output]) => output.entryPoint === ENTRY_POINT);
  if (!entry) throw new Error('build: esbuild produced no entry output');
  const [entryPath, entryOutput] = entry;
  const initialJs = staticClosure(meta, entryPath);
  const initial = new Set([...initialJs, ...(entryOutput.cssBundle ? [entryOutput.cssBundle] : [])]);

  const html = renderHtml(
    publicPath(assetsDir, entryPath),
    entryOutput.cssBundle ? publicPath(assetsDir, entryOutput.cssBundle) : null,
    [...initialJs].filter((file) => file !== entryPath).map((file) => publicPath(assetsDir, file)),
  );
  await writeFile(path.join(outDir, 'index.html'), html);

  const files: BuiltFile[] = [];
  for (const output of [...Object.keys(meta.outputs), 'index.html']) {
    const absolute = output === 'index.html' ? path.join(outDir, output) : path.resolve(WEB_DIR, output);
    const content = await readFile(absolute);
    files.push({
      file: path.relative(outDir, absolute),
      bytes: content.length,
      gzipBytes: gzipSync(content, { level: 9 }).length,
      initial: initial.has(output) || output === 'index.html',
    });
  }
  const initialJsGzipBytes = files
    .filter((file) => file.initial && file.file.endsWith('.js'))
    .reduce((sum, file) => sum + file.gzipBytes, 0);
  const initialPackages = packagesIn(meta, initialJs);
  const report: BuildReport = { outDir, files, initialJsGzipBytes, initialPackages };

  const forbidden = initialPackages.filter((name) => FORBIDDEN_INITIAL_PACKAGES.includes(name));
  if (forbidden.length > 0) throw new BudgetError(`initial JavaScript contains ${forbidden.join(', ')}`, report);
  if (initialJsGzipBytes > INITIAL_JS_BUDGET_BYTES) {
    throw new BudgetError(
      `initial JavaScript is ${kb(initialJsGzipBytes)} gzipped, budget ${kb(INITIAL_JS_BUDGET_BYTES)}`,
      report,
    );
  }
  return report;
}

export class BudgetError extends Error {
  override readonly name = 'BudgetError';
  readonly report: BuildReport;
  constructor(message: string, report: BuildReport) {
    super(message);
    this.report = report;
  }
}

/**
 * engine.io-client always bundles its WebTransport transport (about 1 KB), which the room never uses: the page
 * asks for `['websocket', 'polling']` (signalling/room-socket.ts, checks/connectivity.ts), engine.io only
 * upgrades to transports the page asked for, and the service offers no WebTransport. An empty class stands in.
 */
const withoutWebTransport: Plugin = {
  name: 'without-webtransport',
  setup(builder) {
    builder.onResolve({ filter: /\/webtransport\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}engine.io-client${path.sep}`)
        ? { path: 'webtransport', namespace: 'va-unused' }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'va-unused' }, () => ({ contents: 'export class WT {}', loader: 'js' }));
  },
};

/** The entry output and every output it imports statically (not `import()`), transitively. */
function staticClosure(meta: Metafile, start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of meta.outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(start);
  return seen;
}

function packagesIn(meta: Metafile, outputs: Set<string>): string[] {
  const names = new Set<string>();
  for (const output of outputs) {
    for (const input of Object.keys(meta.outputs[output]?.inputs ?? {})) {
      const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)?.at(-1);
      if (match) names.add(match.replace('node_modules/', ''));
    }
  }
  return [...names].sort();
}

function publicPath(assetsDir: string, output: string): string {
  return `/assets/${path.relative(assetsDir, path.resolve(WEB_DIR, output)).split(path.sep).join('/')}`;
}

/** The page shell. No inline script or style (CSP `script-src 'self'; style-src 'self'`). */
function renderHtml(script: string, stylesheet: string | null, preloads: string[]): string {
  return `<!doctype html>
<html lang="de" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<title>Videotermin – Virtuelles Amt</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${stylesheet ? `<link rel="stylesheet" href="${stylesheet}">\n` : ''}${preloads.map((href) => `<link rel="modulepreload" href="${href}">\n`).join('')}<script type="module" src="${script}"></script>
</head>
<body>
<div id="va-root" class="va-root"><noscript><p>Bitte schalten Sie JavaScript ein, um an Ihrem Videotermin teilzunehmen. / Please enable JavaScript to join your video appointment.</p></noscript></div>
</body>
</html>
`;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function printReport(report: BuildReport): void {
  const width = Math.max(...report.files.map((file) => file.file.length));
  for (const file of report.files) {
    console.log(
      `${file.file.padEnd(width)}  ${kb(file.bytes).padStart(9)}  ${kb(file.gzipBytes).padStart(8)} gz${file.initial ? '' : '  (lazy)'}`,
    );
  }
  console.log(
    `initial JavaScript: ${kb(report.initialJsGzipBytes)} gzipped (budget ${kb(INITIAL_JS_BUDGET_BYTES)}); packages: ${report.initialPackages.join(', ')}`,
  );
}

if (import.meta.main) {
  const started = performance.now();
  try {
    const report = await buildRoomUi();
    printReport(report);
    console.log(
      `room UI built into ${path.relative(process.cwd(), report.outDir) || '.'} in ${Math.round(performance.now() - started)} ms`,
    );
  } catch (error) {
    if (error instanceof BudgetError) printReport(error.report);
    console.error(`room UI build failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
