/**
 * The casework panel's logic without a browser (CaseClient over a scripted socket): typing is debounced
 * into one `form:change` with the field's version, others' changes and conflicts are applied, an edit
 * made while the connection is away is sent after the case is opened again, refusals reach the field;
 * and the build keeps casework (and the signature pad) out of the page before the call.
 */
import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CaseSnapshot, FieldUpdate, FormState } from '../../../video-service/src/contract/casework.ts';
import { buildRoomUi, type BuildReport } from '../../../video-service/web/build.ts';
import { CaseworkBridge } from '../../../video-service/web/src/casework/bridge.ts';
import { CaseClient, fieldKey, TYPING_DEBOUNCE_MS } from '../../../video-service/web/src/casework/panel/case-client.ts';
import { RequestError } from '../../../video-service/web/src/signalling/room-socket.ts';

const FORM: FormState = {
  id: 'f1',
  service: 'meldebescheinigung',
  definition: { id: 'meldebescheinigung', version: 1, title: { de: 'M', en: 'M' }, sections: [] },
  status: 'open',
  version: 4,
  fields: { familienname: { value: 'Mustermann', version: 2, by: 'system', updatedAt: '2026-01-01T00:00:00Z' } },
  issues: { geburtsort: ['required'] },
  documentId: null,
};

function snapshot(): CaseSnapshot {
  return {
    room: 'appt-1',
    self: { id: 'citizen-1', role: 'citizen' },
    agenda: { services: [], unknownServices: [], totalFeeCents: 0 },
    forms: [FORM],
    idCheck: null,
    documents: [],
    files: [],
    presence: [],
    signing: { tanChannels: ['hidden'] },
    uploads: { maxBytes: 10, quotaBytes: 100, usedBytes: 0, types: [] },
    finishedAt: null,
  };
}

function update(field: string, value: string, version: number, extra: Partial<FieldUpdate> = {}): FieldUpdate {
  return {
    formId: 'f1',
    field,
    value,
    version,
    formVersion: version,
    by: 'citizen-1',
    updatedAt: '2026-01-01T00:00:01Z',
    conflict: null,
    removed: [],
    issues: {},
    ...extra,
  };
}

interface Scripted {
  bridge: CaseworkBridge;
  calls: Array<{ event: string; payload: Record<string, unknown> }>;
  answer: Record<string, (payload: Record<string, unknown>) => unknown>;
}

function scripted(): Scripted {
  const calls: Scripted['calls'] = [];
  const answer: Scripted['answer'] = {
    'case:open': () => snapshot(),
    'form:focus': () => null,
    'form:change': (p) => update(p.field as string, p.value as string, 5),
  };
  const bridge = new CaseworkBridge({
    request: (async (event: string, payload: Record<string, unknown>) => {
      calls.push({ event, payload });
      const handler = answer[event];
      if (!handler) throw new RequestError('not_found', `no ${event}`);
      return handler(payload);
    }) as never,
    sessionToken: () => 'session',
    baseUrl: '',
  });
  return { bridge, calls, answer };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function opened(s: Scripted): Promise<CaseClient> {
  const client = new CaseClient(s.bridge);
  client.start();
  await sleep(5);
  expect(client.store.getState().status).to.equal('ready');
  return client;
}

describe('room UI: casework client', () => {
  it('sends one debounced change with the field’s version and keeps the value once acknowledged', async () => {
    const s = scripted();
    const client = await opened(s);
    for (const text of ['M', 'Mu', 'Mus']) client.change('f1', 'familienname', text);
    expect(client.store.getState().drafts[fieldKey('f1', 'familienname')], 'shown at once').to.equal('Mus');
    await sleep(TYPING_DEBOUNCE_MS + 50);
    const changes = s.calls.filter((c) => c.event === 'form:change');
    expect(changes).to.have.length(1);
    expect(changes[0]!.payload).to.deep.equal({ formId: 'f1', field: 'familienname', value: 'Mus', baseVersion: 2 });
    const state = client.store.getState();
    expect(state.drafts).to.deep.equal({});
    expect(state.snapshot!.forms[0]!.fields.familienname).to.include({ value: 'Mus', version: 5 });
    client.stop();
  });

  it('applies the other side’s change and keeps a conflict to show at the field', () => {
    const s = scripted();
    const client = new CaseClient(s.bridge);
    client.start();
    return sleep(5).then(() => {
      s.bridge.notificationHandlers()['form:field']!(
        update('geburtsort', 'Köln', 6, {
          by: 'clerk-1',
          conflict: { overwrittenBy: 'citizen-1', overwrittenValue: 'Koeln' },
        }),
      );
      const state = client.store.getState();
      expect(state.snapshot!.forms[0]!.fields.geburtsort!.value).to.equal('Köln');
      expect(state.snapshot!.forms[0]!.issues, 'issues from the update').to.deep.equal({});
      expect(state.conflicts[fieldKey('f1', 'geburtsort')]).to.deep.equal({
        overwrittenBy: 'citizen-1',
        overwrittenValue: 'Koeln',
        by: 'clerk-1',
      });
      client.stop();
    });
  });

  it('keeps an edit made while the connection is away and sends it after the case is opened again', async () => {
    const s = scripted();
    const client = await opened(s);
    s.answer['form:change'] = () => {
      throw new RequestError('timeout', 'form:change timed out');
    };
    client.change('f1', 'geburtsort', 'Bonn', true);
    await sleep(20);
    expect(client.store.getState().drafts[fieldKey('f1', 'geburtsort')], 'kept').to.equal('Bonn');
    s.answer['form:change'] = (p) => update(p.field as string, p.value as string, 7);
    s.bridge.entered();
    await sleep(20);
    const last = s.calls.filter((c) => c.event === 'form:change').at(-1)!;
    expect(last.payload).to.include({ field: 'geburtsort', value: 'Bonn' });
    expect(client.store.getState().drafts).to.deep.equal({});
    expect(client.store.getState().snapshot!.forms[0]!.fields.geburtsort!.value).to.equal('Bonn');
    client.stop();
  });

  it('drops a refused change and says why at the field', async () => {
    const s = scripted();
    const client = await opened(s);
    s.answer['form:change'] = () => {
      throw new RequestError('forbidden', 'This field is the clerk’s.');
    };
    client.change('f1', 'vermerk_behoerde', 'x', true);
    await sleep(20);
    const state = client.store.getState();
    expect(state.drafts).to.deep.equal({});
    expect(state.refused[fieldKey('f1', 'vermerk_behoerde')]).to.equal('This field is the clerk’s.');
    client.stop();
  });

  it('follows the ID check, documents and files the service announces', async () => {
    const s = scripted();
    const client = await opened(s);
    const handlers = s.bridge.notificationHandlers();
    handlers['idcheck:state']!({
      id: 'i1',
      status: 'in_progress',
      documentType: 'reisepass',
      steps: ['front', 'tilt', 'review'],
      step: 'tilt',
      guidance: { de: 'Kippen', en: 'Tilt' },
      suggestBackCamera: true,
      startedAt: 'x',
      completedAt: null,
    });
    handlers['file:added']!({
      id: 'file1',
      name: 'a.pdf',
      mime: 'application/pdf',
      size: 7,
      sha256: 'h',
      uploadedBy: { id: 'clerk-1', role: 'clerk' },
      uploadedAt: 'x',
      downloadUrl: '/d',
      scan: 'unscanned',
    });
    handlers['file:added']!({
      id: 'file1',
      name: 'a.pdf',
      mime: 'application/pdf',
      size: 7,
      sha256: 'h',
      uploadedBy: { id: 'clerk-1', role: 'clerk' },
      uploadedAt: 'x',
      downloadUrl: '/d',
      scan: 'unscanned',
    });
    handlers['form:status']!({ formId: 'f1', status: 'frozen', documentId: 'd1' });
    const state = client.store.getState().snapshot!;
    expect(state.idCheck?.step).to.equal('tilt');
    expect(
      state.files.map((f) => f.id),
      'once',
    ).to.deep.equal(['file1']);
    expect(state.uploads.usedBytes).to.equal(7);
    expect(state.forms[0]).to.include({ status: 'frozen', documentId: 'd1' });
    client.stop();
  });
});

describe('room UI build: casework is loaded lazily', function () {
  this.timeout(60_000);
  let outDir: string;
  let report: BuildReport;
  const contents = new Map<string, string>();

  before(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'va-web-casework-'));
    report = await buildRoomUi({ outDir });
    for (const file of report.files)
      if (file.file.endsWith('.js')) contents.set(file.file, await readFile(path.join(outDir, file.file), 'utf8'));
  });
  after(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  const holding = (needle: string) => report.files.filter((file) => contents.get(file.file)?.includes(needle));

  it('keeps the casework panel out of the JavaScript loaded before the call', () => {
    const panel = holding('idcheck-capture');
    expect(panel, 'one chunk has the panel').to.have.length(1);
    expect(panel[0]!.initial, 'the panel chunk is lazy').to.equal(false);
  });

  it('puts the signature pad in a chunk of its own, loaded only for signing', () => {
    const pad = holding('toDataURL("image/png")');
    expect(pad).to.have.length(1);
    expect(pad[0]!.initial).to.equal(false);
    expect(contents.get(pad[0]!.file), 'not the panel chunk').to.not.include('idcheck-capture');
  });
});
