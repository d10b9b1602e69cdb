import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { parse } from 'yaml';
import { API_ENV, api, makeApiAppointment } from './rest-support.ts';
import { startConnector, type StartedConnector } from './support.ts';

const root = path.resolve(import.meta.dirname, '../..');
const spec = parse(readFileSync(path.join(root, 'docs/openapi.yaml'), 'utf8')) as any;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Every `router.<method>('<literal path>'` under connector/src/http with a path the document must cover. */
function registeredRoutes(): Array<{ method: string; path: string; file: string }> {
  const found: Array<{ method: string; path: string; file: string }> = [];
  for (const file of filesUnder(path.join(root, 'connector/src/http'))) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/\.(get|post|put|patch|delete)\(\s*'(\/(?:api|calendar|appointments)\/[^']*)'/g)) {
      found.push({ method: m[1]!, path: m[2]!.replace(/:([A-Za-z]+)/g, '{$1}'), file: path.relative(root, file) });
    }
  }
  return found;
}

function resolve(ref: string): unknown {
  expect(ref.startsWith('#/'), ref).to.equal(true);
  return ref
    .slice(2)
    .split('/')
    .reduce<any>(
      (node, key) => (node === undefined ? undefined : node[key.replace(/~1/g, '/').replace(/~0/g, '~')]),
      spec,
    );
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push(value);
      else collectRefs(value, out);
    }
  }
  return out;
}

describe('OpenAPI document (docs/openapi.yaml)', function () {
  this.timeout(30_000);

  it('is OpenAPI 3.1 with every $ref resolving', () => {
    expect(spec.openapi).to.match(/^3\.1\.\d+$/);
    expect(spec.components.securitySchemes.apiKey).to.deep.include({ type: 'http', scheme: 'bearer' });
    const refs = collectRefs(spec);
    expect(refs.length).to.be.greaterThan(20);
    for (const ref of refs) expect(resolve(ref), ref).to.not.equal(undefined);
  });

  it('documents every /api, /calendar and /appointments route the connector registers, with its method', () => {
    const routes = registeredRoutes();
    expect(routes.map((r) => r.path)).to.include.members([
      '/api/appointments',
      '/api/appointments/{id}/links',
      '/api/cancel',
    ]);
    const missing = routes
      .filter((r) => !spec.paths[r.path]?.[r.method])
      .map((r) => `${r.method.toUpperCase()} ${r.path} (${r.file})`);
    expect(missing).to.deep.equal([]);
  });

  it('gives every operation an id, responses and the error model for its error statuses', () => {
    const ids = new Set<string>();
    for (const [p, item] of Object.entries<any>(spec.paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const op = item[method];
        if (!op) continue;
        expect(op.operationId, `${method} ${p}`).to.be.a('string');
        expect(ids.has(op.operationId), op.operationId).to.equal(false);
        ids.add(op.operationId);
        const secured = op.security === undefined ? spec.security : op.security;
        if (p.startsWith('/api/') && !p.startsWith('/api/cancel')) {
          expect(secured, `${method} ${p} needs the API key`).to.deep.equal([{ apiKey: [] }]);
          expect(op.responses['401'], `${method} ${p} documents 401`).to.not.equal(undefined);
        }
        for (const [status, response] of Object.entries<any>(op.responses)) {
          if (Number(status) < 400) continue;
          const resolved = response.$ref ? (resolve(response.$ref) as any) : response;
          expect(resolved.content['application/json'].schema, `${method} ${p} ${status}`).to.deep.equal({
            $ref: '#/components/schemas/Error',
          });
        }
      }
    }
  });

  describe('matches what the connector answers', () => {
    let c: StartedConnector;
    before(async () => {
      c = await startConnector({ env: API_ENV });
    });
    after(() => c?.close());

    it('an appointment has exactly the documented properties', async () => {
      const res = await api(c.baseUrl, '/api/appointments', { body: makeApiAppointment() });
      expect(res.status).to.equal(201);
      const schema = spec.components.schemas.Appointment;
      expect(Object.keys(res.body).sort()).to.deep.equal(Object.keys(schema.properties).sort());
      expect(Object.keys(res.body).sort()).to.deep.equal([...schema.required].sort());
      expect(Object.keys(res.body.links).sort()).to.deep.equal([...spec.components.schemas.Links.required].sort());
      const input = spec.components.schemas.AppointmentInput;
      expect(Object.keys(makeApiAppointment())).to.satisfy((keys: string[]) =>
        keys.every((k) => k in input.properties),
      );
    });

    it('an error has the documented shape', async () => {
      const res = await api(c.baseUrl, '/api/appointments', { body: { title: 'x' } });
      expect(res.status).to.equal(422);
      const schema = spec.components.schemas.Error;
      for (const key of schema.required) expect(res.body).to.have.property(key);
      expect(Object.keys(res.body).every((k) => k in schema.properties)).to.equal(true);
      expect(Object.keys(res.body.issues[0]).sort()).to.deep.equal(['message', 'path']);
    });
  });
});
