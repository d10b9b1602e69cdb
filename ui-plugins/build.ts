/**
 * Builds the package (docs/ui-plugins.md):
 *   dist/va-embed.js     the <va-video-link> embed script (one classic <script> tag)
 *   dist/elements.js     ESM: <va-appointment-list>, <va-waiting-badge>, <va-join-button> (Preact bundled inside)
 *   dist/react.js        ESM: useVirtuellesAmt + AppointmentList, WaitingBadge, JoinButton, VideoLink (react external)
 *   dist/client.js       ESM: VaClient, the framework-free live client
 *   dist/va-plugins.css  the `va-` classes for the React components (the elements carry theirs in their shadow root)
 *   dist/types/          type declarations (tsc --emitDeclarationOnly, tsconfig.build.json)
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { VA_CSS } from './src/client/present.ts';

const here = import.meta.dirname;
const dist = path.join(here, 'dist');
await rm(path.join(dist, 'types'), { recursive: true, force: true });
const common = { bundle: true, minify: true, target: 'es2020', logLevel: 'warning', legalComments: 'none' } as const;
await Promise.all([
  build({
    ...common,
    entryPoints: [path.join(here, 'src/embed/video-link-element.ts')],
    outfile: path.join(dist, 'va-embed.js'),
    format: 'iife',
  }),
  build({
    ...common,
    entryPoints: [path.join(here, 'src/elements/define.ts')],
    outfile: path.join(dist, 'elements.js'),
    format: 'esm',
    jsx: 'automatic',
    jsxImportSource: 'preact',
  }),
  build({
    ...common,
    entryPoints: [path.join(here, 'src/react/index.ts')],
    outfile: path.join(dist, 'react.js'),
    format: 'esm',
    jsx: 'automatic',
    jsxImportSource: 'react',
    external: ['react', 'react/jsx-runtime', 'react-dom'],
  }),
  build({
    ...common,
    entryPoints: [path.join(here, 'src/client/va-client.ts')],
    outfile: path.join(dist, 'client.js'),
    format: 'esm',
  }),
]);
await writeFile(path.join(dist, 'va-plugins.css'), `${VA_CSS.trim()}\n`);

// Declarations: tsc keeps the sources' `.ts` import suffixes in .d.ts files; consumers resolve `.js` to `.d.ts`.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(here, 'tsconfig.build.json')], { stdio: 'inherit' });
await rewriteSuffixes(path.join(dist, 'types'));

async function rewriteSuffixes(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) await rewriteSuffixes(file);
    else if (entry.name.endsWith('.d.ts')) {
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(/(from\s+['"]\.{1,2}\/[^'"]+?)\.tsx?(['"])/g, '$1.js$2'));
    }
  }
}
console.log('ui-plugins: dist/{va-embed,elements,react,client}.js, va-plugins.css and types/ built');
