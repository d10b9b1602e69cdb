/** Builds the embed script (`dist/va-embed.js`) that other systems include with one <script> tag. */
import { build } from 'esbuild';
import path from 'node:path';

const here = import.meta.dirname;
await build({
  entryPoints: [path.join(here, 'src/embed/video-link-element.ts')],
  outfile: path.join(here, 'dist/va-embed.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  logLevel: 'warning',
});
console.log('ui-plugins: dist/va-embed.js built');
