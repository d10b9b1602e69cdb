/**
 * The import graph of the source tree, read from the files themselves (no TypeScript program: a regex over
 * `import … from`, `export … from` and `import('…')` is enough for this code base's one import style).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../../..');

/** Source folders whose imports the repo tests check (tests and build scripts are left out). */
export const SOURCE_DIRS = ['connector/src', 'video-service/src', 'video-service/web/src', 'ui-plugins/src'];

export interface ImportEdge {
  /** Importing file, relative to the root. */
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** The file it resolves to (relative to the root), for relative specifiers that resolve. */
  resolved?: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import of every source file under `dirs`. */
export function importEdges(dirs: string[] = SOURCE_DIRS): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const dir of dirs) {
    const abs = path.join(root, dir);
    if (!existsSync(abs)) continue;
    for (const file of walk(abs)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(IMPORT)) {
        const specifier = (match[1] ?? match[2] ?? match[3])!;
        const edge: ImportEdge = { from: path.relative(root, file), specifier };
        if (specifier.startsWith('.')) {
          const target = path.resolve(path.dirname(file), specifier);
          if (existsSync(target) && statSync(target).isFile()) edge.resolved = path.relative(root, target);
        }
        edges.push(edge);
      }
    }
  }
  return edges;
}

/** The strongly connected components with more than one file (Tarjan): each is an import loop. */
export function importCycles(edges: ImportEdge[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const e of edges) {
    if (!graph.has(e.from)) graph.set(e.from, []);
    if (e.resolved) graph.get(e.from)!.push(e.resolved);
  }
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return cycles;
}
