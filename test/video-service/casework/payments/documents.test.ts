/**
 * Payment documents and "payment before download", on SQLite and MariaDB: a service with
 * `paymentBeforeDownload` keeps its sealed document locked (no URL in the snapshot, the session download, the
 * link and the documents page all refuse with `payment_required`) until its fee is paid — then the room is
 * told and the download works; the receipt is in the case's documents, downloads, and verifies through
 * `/api/documents/verify` (a changed copy does not); a waiver unlocks too.
 */
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DocumentInfo, VerifyResult } from '../../../../video-service/src/contract/casework.ts';
import { BUILT_IN_CATALOGUE } from '../../../../video-service/src/casework/catalogue/services.ts';
import { DATABASES, type TestDatabase } from '../../../support/databases.ts';
import { frozenDocument } from '../fill.ts';
import { PNG_SIGNATURE } from '../signatures.ts';
import { ask, caseScene, closeScene, must, nextCaseEvent, withSession, type CaseScene } from '../support.ts';
import { startPaymentService, until } from './support.ts';

/** The built-in catalogue with the Meldebescheinigung's documents behind its fee. */
export function gatedCatalogueFile(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'va-catalogue-')), 'catalogue.json');
  const services = BUILT_IN_CATALOGUE.map((s) =>
    s.code === 'meldebescheinigung' ? { ...s, paymentBeforeDownload: true } : s,
  );
  writeFileSync(file, JSON.stringify({ services }));
  return file;
}

const verify = async (baseUrl: string, bytes: Buffer) =>
  (await (
    await fetch(`${baseUrl}/api/documents/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: bytes as unknown as BodyInit,
    })
  ).json()) as VerifyResult;

for (const { kind, create } of DATABASES) {
  describe(`payment documents and payment before download (${kind})`, function () {
    this.timeout(90_000);
    let database: TestDatabase;
    let svc: Awaited<ReturnType<typeof startPaymentService>>;
    let scene: CaseScene | undefined;

    before(async () => {
      database = await create();
      svc = await startPaymentService({
        database,
        env: {
          PAYMENT_PROVIDERS: 'sandbox,invoice',
          PAYMENT_INVOICE_IBAN: 'DE02120300000000202051',
          CASEWORK_CATALOGUE_FILE: gatedCatalogueFile(),
        },
      });
    });
    after(async () => {
      await svc?.close();
      await database?.drop();
    });
    afterEach(() => closeScene(scene));

    const sealedMeldebescheinigung = async (s: CaseScene): Promise<DocumentInfo> => {
      const frozen = await frozenDocument(s, 'meldebescheinigung');
      return must(s.citizen.socket, 'sign:draw', {
        documentId: frozen.id,
        signature: { format: 'png', data: PNG_SIGNATURE },
      });
    };

    it('keeps the document locked until the fee is paid; the receipt joins the documents and verifies', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const sealed = await sealedMeldebescheinigung(scene);
      expect(sealed).to.include({ status: 'sealed', downloadUrl: null, lockedUntilPaid: true });
      const listed = (await must(scene.citizen.socket, 'case:open', {})).documents.find((d) => d.id === sealed.id)!;
      expect(listed).to.include({ downloadUrl: null, lockedUntilPaid: true });

      const refused = await withSession(svc, scene.citizen, `/api/casework/documents/${sealed.id}/pdf`);
      expect(refused.status).to.equal(403);
      expect(await refused.json()).to.include({ error: 'forbidden', reason: 'payment_required' });
      const link = await ask(scene.citizen.socket, 'document:link', { documentId: sealed.id });
      expect(link.ok ? 'ok' : link.error.reason).to.equal('payment_required');
      const page = await must(scene.citizen.socket, 'case:documentsLink', {});
      const token = new URL(page.url).hash.slice(1);
      const listing = (await (
        await fetch(`${svc.baseUrl}/api/casework/case-documents`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as {
        documents: Array<{ id: string; downloadToken: string | null; lockedUntilPaid?: true }>;
        receipts: unknown[];
      };
      expect(listing.documents.find((d) => d.id === sealed.id)).to.include({
        downloadToken: null,
        lockedUntilPaid: true,
      });
      expect(listing.receipts).to.deep.equal([]);

      const payment = await must(scene.clerk.socket, 'payment:request', {});
      const started = await must(scene.citizen.socket, 'payment:start', { paymentId: payment.id, method: 'sandbox' });
      const heard = nextCaseEvent(scene.citizen.socket, 'document:updated', 10_000);
      const payPage = `${svc.baseUrl}${new URL(started.url).pathname}`;
      expect(
        (await fetch(payPage, { method: 'POST', body: new URLSearchParams({ action: 'pay' }), redirect: 'manual' }))
          .status,
      ).to.equal(303);
      // The room hears of it without asking (the unlocked document or the receipt, whichever comes first).
      expect([sealed.id, payment.id]).to.include((await heard).id);
      const all = await until('both the receipt and the unlocked document announced', async () => {
        const open = await must(scene!.citizen.socket, 'case:open', {});
        return open.documents.some((d) => d.kind === 'receipt') &&
          open.documents.find((d) => d.id === sealed.id)!.downloadUrl
          ? open.documents
          : null;
      });
      expect(all.find((d) => d.id === sealed.id)).to.not.have.property('lockedUntilPaid');
      expect(
        (await withSession(svc, scene.citizen, all.find((d) => d.id === sealed.id)!.downloadUrl!)).status,
      ).to.equal(200);

      const receipt = all.find((d) => d.kind === 'receipt')!;
      expect(receipt).to.include({ id: payment.id, status: 'sealed' });
      expect(receipt.title.de).to.equal('Zahlungsbestätigung');
      const bytes = Buffer.from(await (await withSession(svc, scene.citizen, receipt.downloadUrl!)).arrayBuffer());
      const verdict = await verify(svc.baseUrl, bytes);
      expect(verdict).to.include({ valid: true, reason: 'untouched' });
      expect(verdict.document).to.include({ id: payment.id, form: 'payment-receipt', recordsDeleted: false });
      const changed = Buffer.from(bytes);
      // A byte inside the sealed range (the PDF's start is always covered by the seal).
      changed[20] = changed[20]! ^ 1;
      expect((await verify(svc.baseUrl, changed)).valid).to.equal(false);

      // The documents page lists the receipt with a link of its own.
      const after = (await (
        await fetch(`${svc.baseUrl}/api/casework/case-documents`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as {
        documents: Array<{ id: string; downloadToken: string | null; lockedUntilPaid?: true }>;
        receipts: Array<{ id: string; downloadToken: string }>;
      };
      expect(after.documents.find((d) => d.id === sealed.id)!.downloadToken).to.be.a('string');
      expect(after.documents.find((d) => d.id === sealed.id)).to.not.have.property('lockedUntilPaid');
      expect(after.receipts.map((r) => r.id)).to.deep.equal([payment.id]);
      const viaLink = await fetch(`${svc.baseUrl}/api/documents/download`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: after.receipts[0]!.downloadToken }),
      });
      expect(viaLink.status).to.equal(200);
      expect(Buffer.from(await viaLink.arrayBuffer()).equals(bytes)).to.equal(true);
    });

    it('a waived fee unlocks the document at once and the room is told', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const sealed = await sealedMeldebescheinigung(scene);
      expect(sealed.lockedUntilPaid).to.equal(true);
      const reason = (await must(scene.clerk.socket, 'fees:get', {})).adjustReasons[0]!;
      const heard = nextCaseEvent(scene.citizen.socket, 'document:updated', 10_000);
      await must(scene.clerk.socket, 'fees:adjust', { service: 'meldebescheinigung', kind: 'waive', reason });
      const update = await heard;
      expect(update).to.include({ id: sealed.id });
      expect(update.downloadUrl).to.be.a('string');
      expect((await withSession(svc, scene.citizen, update.downloadUrl!)).status).to.equal(200);
    });
  });
}
