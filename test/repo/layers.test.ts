/**
 * One way through the layers in both services (issue 14, item 2): use cases depend on interfaces declared on
 * their own side (the connector's `domain/ports.ts`, the video service's `casework/store/`, `rooms/repository-ports.ts`,
 * `sessions/ports.ts`, `events/ports.ts`); `persistence/` implements them, and only the composition root
 * (`src/app.ts`) knows both and wires the one into the other.
 */
import { expect } from 'chai';
import { importEdges, type ImportEdge } from './support/imports.ts';

const SERVICES = ['connector/src', 'video-service/src'];
const show = (e: ImportEdge) => `${e.from} → ${e.specifier}`;

describe('layers: only the composition root imports persistence', () => {
  for (const src of SERVICES) {
    const edges = importEdges([src]);
    const intoPersistence = edges.filter((e) => e.resolved?.startsWith(`${src}/persistence/`));

    it(`${src}: the composition root wires persistence in (the check sees its imports)`, () => {
      expect(intoPersistence.filter((e) => e.from === `${src}/app.ts`).length).to.be.greaterThan(0);
    });

    it(`${src}: no use case, route or handler imports persistence/`, () => {
      const outside = intoPersistence.filter(
        (e) => e.from !== `${src}/app.ts` && !e.from.startsWith(`${src}/persistence/`),
      );
      expect(outside.map(show)).to.deep.equal([]);
    });
  }
});
