/**
 * No import loops in the source tree, type-only ones included: a loop hides which module is the lower layer,
 * and a value loop can hand a module another one that is not initialised yet.
 */
import { expect } from 'chai';
import { importCycles, importEdges, SOURCE_DIRS } from './support/imports.ts';

describe('import graph', () => {
  it('finds a loop when there is one (the checker itself)', () => {
    const cycles = importCycles([
      { from: 'a.ts', specifier: './b.ts', resolved: 'b.ts' },
      { from: 'b.ts', specifier: './c.ts', resolved: 'c.ts' },
      { from: 'c.ts', specifier: './a.ts', resolved: 'a.ts' },
      { from: 'c.ts', specifier: './d.ts', resolved: 'd.ts' },
    ]);
    expect(cycles).to.deep.equal([['a.ts', 'b.ts', 'c.ts']]);
  });

  it(`has no import loops in ${SOURCE_DIRS.join(', ')}`, () => {
    const edges = importEdges();
    expect(edges.length, 'imports read').to.be.greaterThan(1000);
    const unresolved = edges
      .filter((e) => e.specifier.startsWith('.') && !e.resolved)
      .map((e) => `${e.from} → ${e.specifier}`);
    expect(unresolved, 'relative imports that name no file').to.deep.equal([]);
    expect(importCycles(edges).map((c) => c.join(' ↔ '))).to.deep.equal([]);
  });
});
