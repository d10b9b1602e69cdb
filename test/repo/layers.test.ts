/**
 * One way through the layers in both services (issue 14 item 2, docs/architecture.md): use cases depend on
 * interfaces declared on their own side (ports), persistence/ implements them, and only the composition root
 * (app.ts) builds the concrete repositories and passes them in. So no file outside persistence/ imports
 * persistence/ except app.ts, and nothing outside persistence/ imports the ORM.
 */
import { expect } from 'chai';
import { importEdges, type ImportEdge } from './support/imports.ts';

const SERVICES = ['connector/src', 'video-service/src'];
/** Where the concrete repositories are wired in. */
const COMPOSITION_ROOTS = SERVICES.map((s) => `${s}/app.ts`);
const ORM = ['sequelize', 'umzug'];
const show = (e: ImportEdge) => `${e.from} → ${e.specifier}`;

const inPersistence = (file: string) => SERVICES.some((s) => file.startsWith(`${s}/persistence/`));

/** Imports that go round the ports: into persistence/ from outside it (but the composition roots), or of the ORM. */
function layerViolations(edges: ImportEdge[]): string[] {
  return edges
    .filter((e) => !inPersistence(e.from))
    .filter(
      (e) =>
        (e.resolved !== undefined && inPersistence(e.resolved) && !COMPOSITION_ROOTS.includes(e.from)) ||
        ORM.includes(e.specifier),
    )
    .map(show);
}

describe('layers: use cases reach storage only through their ports', () => {
  it('finds an import that goes round the ports (the checker itself)', () => {
    expect(
      layerViolations([
        {
          from: 'video-service/src/casework/x.ts',
          specifier: '../persistence/a.ts',
          resolved: 'video-service/src/persistence/a.ts',
        },
        { from: 'connector/src/domain/y.ts', specifier: 'sequelize' },
        {
          from: 'video-service/src/app.ts',
          specifier: './persistence/a.ts',
          resolved: 'video-service/src/persistence/a.ts',
        },
        { from: 'video-service/src/persistence/a.ts', specifier: 'sequelize' },
        {
          from: 'video-service/src/persistence/a.ts',
          specifier: '../casework/ports.ts',
          resolved: 'video-service/src/casework/ports.ts',
        },
      ]),
    ).to.deep.equal(['video-service/src/casework/x.ts → ../persistence/a.ts', 'connector/src/domain/y.ts → sequelize']);
  });

  it('no file outside persistence/ imports persistence/ (but app.ts) or sequelize, in either service', () => {
    const edges = importEdges(SERVICES);
    expect(
      edges.filter((e) => e.resolved && inPersistence(e.resolved)).length,
      'imports of persistence/',
    ).to.be.greaterThan(20);
    expect(layerViolations(edges)).to.deep.equal([]);
  });

  it('persistence/ implements the ports: it imports their types from the use-case side', () => {
    const edges = importEdges(['video-service/src/persistence']);
    const ports = edges.filter((e) => e.resolved && !inPersistence(e.resolved) && /ports|store\//.test(e.resolved));
    expect(ports.length, 'port imports of video-service/src/persistence').to.be.greaterThan(10);
  });
});
