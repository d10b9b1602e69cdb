/**
 * Documents after signing and the case's end, through HTTP: downloads in the session, time-limited links
 * whose capability travels in the URL fragment, the public verification and download pages (no inline
 * script), and the hand-off of a finished case to the case-management system through the event webhook.
 */
import { expect } from 'chai';
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DocumentInfo, VerifyResult } from '../../../video-service/src/contract/casework.ts';
import { frozenDocument } from './fill.ts';
import { PNG_SIGNATURE } from './signatures.ts';
import { pdf } from './upload-fixtures.ts';
import { forgedSignature } from '../../support/forge.ts';
import {
  DAY,
  ask,
  caseScene,
  closeScene,
  must,
  nextCaseEvent,
  startCaseworkService,
  withSession,
  type CaseworkService,
  type CaseScene,
} from './support.ts';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('casework documents, links, pages and hand-off', function () {
  this.timeout(60_000);
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let svc: CaseworkService;
  let scene: CaseScene | undefined;
  let sealed: DocumentInfo;

  before(async () => {
    receiver = await startReceiver();
    svc = await startCaseworkService({
      env: {
        EVENTS_WEBHOOK_URL: receiver.url,
        EVENTS_WEBHOOK_SECRET: secret,
        ALLOW_PRIVATE_TARGETS: 'true',
        EVENTS_POLL_MS: '100',
      },
    });
    scene = await caseScene(svc, ['meldebescheinigung', 'anmeldung']);
    const frozen = await frozenDocument(scene, 'meldebescheinigung');
    sealed = await must(scene.citizen.socket, 'sign:draw', {
      documentId: frozen.id,
      signature: { format: 'png', data: PNG_SIGNATURE },
    });
  });
  after(async () => {
    closeScene(scene);
    await svc?.close();
    await receiver?.close();
  });

  it('serves the sealed PDF to participants of the room in the session, and to nobody without it', async () => {
    const res = await withSession(svc, scene!.clerk, sealed.downloadUrl!);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/pdf');
    expect(res.headers.get('cache-control')).to.equal('no-store');
    expect(res.headers.get('referrer-policy')).to.equal('no-referrer');
    const inline = await withSession(svc, scene!.citizen, `${sealed.downloadUrl!}?inline=1`);
    expect(inline.headers.get('content-disposition')).to.match(/^inline;/);
    expect(inline.headers.get('content-security-policy')).to.equal("default-src 'none'; frame-ancestors 'self'");
    expect((await fetch(`${svc.baseUrl}${sealed.downloadUrl!}`)).status).to.equal(401);
    expect(
      (await fetch(`${svc.baseUrl}${sealed.downloadUrl!}`, { headers: { authorization: 'Bearer not-a-session' } }))
        .status,
    ).to.equal(401);
  });

  it('gives a time-limited link whose capability sits in the fragment, and stops it when it expires', async () => {
    const link = await must(scene!.citizen.socket, 'document:link', { documentId: sealed.id });
    const url = new URL(link.url);
    expect(url.pathname).to.equal('/documents/download');
    expect(url.search).to.equal('');
    const token = url.hash.slice(1);
    expect(new Date(link.expiresAt).getTime() - svc.clock.now().getTime()).to.be.within(71.9 * 3600_000, 72 * 3600_000);
    const download = (t: string) =>
      fetch(`${svc.baseUrl}/api/documents/download`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: t }),
      });
    const res = await download(token);
    expect(res.status).to.equal(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const verdict = (await (
      await fetch(`${svc.baseUrl}/api/documents/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: bytes as unknown as BodyInit,
      })
    ).json()) as VerifyResult;
    expect(verdict).to.include({ valid: true, sha256: sealed.pdfSha256 });
    const forged = forgedSignature(token);
    expect((await download(forged)).status).to.equal(401);
    const unsealed = await frozenDocument(scene!, 'anmeldung');
    expect((await ask(scene!.citizen.socket, 'document:link', { documentId: unsealed.id })).ok).to.equal(false);
    svc.clock.shift(3 * DAY);
    expect((await download(token)).status).to.equal(401);
    svc.clock.shift(-3 * DAY);
  });

  it('offers accessible verification and download pages without inline scripts or styles', async () => {
    for (const pathname of ['/verify', '/documents/download']) {
      const res = await fetch(`${svc.baseUrl}${pathname}`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^text\/html/);
      expect(res.headers.get('content-security-policy')).to.include("script-src 'self'");
      const html = await res.text();
      expect(html).to.match(/<html lang="de"[ >]/);
      expect(html).to.include('role="status"');
      expect(html).to.include('Stadt Musterstadt – Bürgeramt');
      for (const script of html.match(/<script[^>]*>[\s\S]*?<\/script>/g) ?? [])
        expect(script).to.match(/^<script src="\/casework\/assets\/[a-z]+\.js" defer><\/script>$/);
      expect(html).not.to.match(/\sstyle=|\son[a-z]+=/);
    }
    expect(await (await fetch(`${svc.baseUrl}/verify`)).text()).to.include('<label for="file">');
    const js = await fetch(`${svc.baseUrl}/casework/assets/verify.js`);
    expect(js.headers.get('content-type')).to.match(/^text\/javascript/);
    expect(await js.text()).to.include('/api/documents/verify');
    expect((await fetch(`${svc.baseUrl}/casework/assets/nope.js`)).status).to.equal(404);
  });

  it('hands a finished case to the case-management system: a signed event, then JSON with the sealed PDFs', async () => {
    await withSession(svc, scene!.citizen, '/api/casework/files', {
      method: 'POST',
      headers: { 'x-file-name': 'nachweis.pdf' },
      body: (await pdf()) as unknown as BodyInit,
    });
    // The fee and the ID document are still open: the first "finish" only lists them and finishes nothing.
    const warned = await must(scene!.clerk.socket, 'case:finish', {});
    expect(warned.finishedAt).to.equal(null);
    expect(warned.open.map((i) => i.id)).to.include.members(['meldebescheinigung:fee', 'meldebescheinigung:doc:0']);
    expect(
      (await must(scene!.clerk.socket, 'agenda:set', { itemId: 'meldebescheinigung:fee', state: 'done' })).state,
    ).to.equal('done');
    // Confirmed: finished, with what was left open recorded.
    const finished = nextCaseEvent(scene!.citizen.socket, 'case:finished');
    const { finishedAt, open } = await must(scene!.clerk.socket, 'case:finish', { force: true });
    expect(finishedAt).to.be.a('string');
    expect(open.map((i) => i.id))
      .to.include('meldebescheinigung:doc:0')
      .and.not.include('meldebescheinigung:fee');
    expect((await finished).finishedAt).to.equal(finishedAt);
    expect((await ask(scene!.clerk.socket, 'case:finish', { force: true })).ok).to.equal(false);
    // Afterwards the case is read-only, for the clerk too.
    const late = await ask(scene!.clerk.socket, 'agenda:set', { itemId: 'meldebescheinigung:doc:0', state: 'done' });
    expect(late.ok).to.equal(false);
    expect(JSON.stringify(late)).to.include('case_finished');

    const deadline = Date.now() + 10_000;
    let event: Received | undefined;
    while (!event && Date.now() < deadline) {
      event = receiver.received.find((r) => JSON.parse(r.body).type === 'case.finished');
      if (!event) await new Promise((r) => setTimeout(r, 100));
    }
    expect(event, 'case.finished webhook').to.not.equal(undefined);
    const id = String(event!.headers['webhook-id']);
    const timestamp = String(event!.headers['webhook-timestamp']);
    const signature = createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
      .update(`${id}.${timestamp}.${event!.body}`)
      .digest('base64');
    expect(String(event!.headers['webhook-signature']).split(' ')).to.include(`v1,${signature}`);
    const body = JSON.parse(event!.body) as {
      data: { room: string; documents: Array<{ id: string; sha256: string }>; handoff: { url: string; token: string } };
    };
    expect(body.data.room).to.equal(scene!.room);
    expect(body.data.documents).to.deep.equal([
      { id: sealed.id, form: 'meldebescheinigung', sha256: sealed.pdfSha256, sealedAt: sealed.sealedAt },
    ]);
    expect(event!.body).not.to.include('Mustermann');

    // PUBLIC_URL is unknown with PORT=0: the path is what counts.
    const handoffUrl = `${svc.baseUrl}${new URL(body.data.handoff.url).pathname}`;
    expect(new URL(body.data.handoff.url).pathname).to.equal('/api/casework/handoff');
    const handoff = await fetch(handoffUrl, { headers: { authorization: `Bearer ${body.data.handoff.token}` } });
    expect(handoff.status).to.equal(200);
    const pkg = (await handoff.json()) as {
      room: string;
      forms: Array<{ form: string; values: Record<string, unknown> | null }>;
      documents: Array<{ id: string; pdfBase64: string }>;
      files: unknown[];
    };
    expect(pkg.room).to.equal(scene!.room);
    expect(pkg.forms.find((f) => f.form === 'meldebescheinigung')!.values).to.include({ familienname: 'Mustermann' });
    expect(pkg.documents).to.have.length(1);
    const pdfBytes = Buffer.from(pkg.documents[0]!.pdfBase64, 'base64');
    const verdict = (await (
      await fetch(`${svc.baseUrl}/api/documents/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: pdfBytes as unknown as BodyInit,
      })
    ).json()) as VerifyResult;
    expect(verdict.valid).to.equal(true);
    expect(pkg.files).to.have.length(1);
    expect((await fetch(handoffUrl)).status).to.equal(401);
    expect(
      (await fetch(handoffUrl, { headers: { authorization: `Bearer ${body.data.handoff.token}x` } })).status,
    ).to.equal(401);
  });
});
