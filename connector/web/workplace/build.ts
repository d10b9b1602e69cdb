/**
 * Builds the clerk's workplace page (connector/src/clerk/workplace, GET /clerk) with esbuild:
 *   connector/web/workplace/dist/workplace.js, workplace.css
 * Fixed names (the route serves them with `Cache-Control: no-cache`, so a new build is picked up at once).
 * The page's JavaScript stays small: a build over WORKPLACE_JS_BUDGET_BYTES gzipped fails.
 *
 * Run: `node connector/web/workplace/build.ts` (root `npm run build` does).
 */
import { build } from 'esbuild';
import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const DIR = import.meta.dirname;
/** Gzipped JavaScript of the page (Preact ≈ 4.5 KB of it). */
export const WORKPLACE_JS_BUDGET_BYTES = 20 * 1024;

export async function buildWorkplace(outDir = path.join(DIR, 'dist')): Promise<{ jsGzipBytes: number }> {
  await rm(outDir, { recursive: true, force: true });
  await build({
    entryPoints: { workplace: path.join(DIR, 'src/main.tsx'), 'workplace-styles': path.join(DIR, 'src/styles.css') },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
    absWorkingDir: DIR,
  });
  // Two entries cannot share a name; the stylesheet gets the page's name afterwards.
  await rename(path.join(outDir, 'workplace-styles.css'), path.join(outDir, 'workplace.css'));
  const js = await readFile(path.join(outDir, 'workplace.js'));
  const jsGzipBytes = gzipSync(js, { level: 9 }).length;
  if (jsGzipBytes > WORKPLACE_JS_BUDGET_BYTES)
    throw new Error(`workplace.js is ${jsGzipBytes} bytes gzipped, budget ${WORKPLACE_JS_BUDGET_BYTES}`);
  return { jsGzipBytes };
}

if (import.meta.main) {
  const { jsGzipBytes } = await buildWorkplace();
  console.log(
    `connector/web/workplace/dist/workplace.js: ${(jsGzipBytes / 1024).toFixed(1)} KB gzipped (budget ${WORKPLACE_JS_BUDGET_BYTES / 1024} KB)`,
  );
}
