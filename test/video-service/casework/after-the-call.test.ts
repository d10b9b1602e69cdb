/**
 * After the call (issue 11, items 6 and 7), on SQLite and MariaDB: the proof-of-identity agenda item ticks
 * itself when the ID check is verified (both sides see it); the citizen's documents page lists the sealed
 * documents behind a capability link and lets them be downloaded; a finished case can no longer be changed;
 * and a citizen who opens the join link again after the call is sent to the documents page instead of the
 * device check (the clerk is not).
 */
import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../../support/databases.ts';
import type { Agenda } from '../../../video-service/src/contract/casework.ts';
import { frozenDocument } from './fill.ts';
import { PNG_SIGNATURE } from './signatures.ts';
import {
  ask,
  caseScene,
  closeScene,
  must,
  nextCaseEvent,
  useCaseworkService,
  type CaseScene,
  type CaseworkService,
} from './support.ts';
import { postSession, request, signJoinToken } from '../support.ts';

const itemState = (agenda: Agenda, id: string) =>
  agenda.services.flatMap((s) => s.items).find((i) => i.id === id)?.state;

for (const { kind, create } of DATABASES) {
  describe(`after the call: agenda, documents page, read-only case (${kind})`, function () {
    this.timeout(60_000);
    let database: TestDatabase;
    let svc: CaseworkService;
    let scene: CaseScene | undefined;

    const started = useCaseworkService(create);
    before(() => {
      ({ database, svc } = started);
    });
    beforeEach(async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
    });
    afterEach(() => closeScene(scene));

    it('a verified ID check ticks the ID document item on both screens', async () => {
      const opened = await must(scene!.citizen.socket, 'case:open', {});
      expect(itemState(opened.agenda, 'meldebescheinigung:doc:0')).to.equal('open');
      await must(scene!.clerk.socket, 'idcheck:start', { documentType: 'personalausweis' });
      await must(scene!.clerk.socket, 'idcheck:step', { step: 'review' });
      for (const item of ['photoMatches', 'documentValid', 'nameAndBirthDateMatch', 'securityFeatureSeen'] as const) {
        await must(scene!.clerk.socket, 'idcheck:checklist', { item, value: true });
      }
      const citizenAgenda = nextCaseEvent(scene!.citizen.socket, 'case:agenda');
      await must(scene!.clerk.socket, 'idcheck:complete', { verified: true, numberLast4: '1234' });
      expect(itemState(await citizenAgenda, 'meldebescheinigung:doc:0')).to.equal('done');
      const reopened = await must(scene!.clerk.socket, 'case:open', {});
      expect(itemState(reopened.agenda, 'meldebescheinigung:doc:0')).to.equal('done');
    });

    it('the documents page link lists the sealed document and lets the citizen download it; a forged link is refused', async () => {
      const draft = await frozenDocument(scene!, 'meldebescheinigung');
      const sealed = await must(scene!.citizen.socket, 'sign:draw', {
        documentId: draft.id,
        signature: { format: 'png', data: PNG_SIGNATURE },
      });
      const link = await must(scene!.citizen.socket, 'case:documentsLink', {});
      const url = new URL(link.url);
      expect(url.pathname).to.equal('/documents');
      const capability = url.hash.slice(1);
      expect(capability.length).to.be.greaterThan(20);
      expect(Date.parse(link.expiresAt)).to.be.greaterThan(Date.now());

      const page = await fetch(`${svc.baseUrl}/documents`);
      expect(page.status).to.equal(200);
      expect(await page.text()).to.include('Ihre Dokumente');
      const listing = await fetch(`${svc.baseUrl}/api/casework/case-documents`, {
        headers: { authorization: `Bearer ${capability}` },
      });
      expect(listing.status).to.equal(200);
      const view = (await listing.json()) as {
        documents: Array<{ id: string; status: string; sha256: string; downloadToken: string | null }>;
      };
      expect(view.documents).to.have.length(1);
      expect(view.documents[0]).to.include({ id: sealed.id, status: 'sealed', sha256: sealed.pdfSha256 });
      const download = await fetch(`${svc.baseUrl}/api/documents/download`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: view.documents[0]!.downloadToken }),
      });
      expect(download.status).to.equal(200);
      expect(
        Buffer.from(await download.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).to.equal('%PDF-');

      const forged = capability.slice(0, 10) + (capability[10] === 'A' ? 'B' : 'A') + capability.slice(11);
      expect(
        (await fetch(`${svc.baseUrl}/api/casework/case-documents`, { headers: { authorization: `Bearer ${forged}` } }))
          .status,
      ).to.equal(401);
      expect((await fetch(`${svc.baseUrl}/api/casework/case-documents`)).status).to.equal(401);
    });

    it('a finished case is read-only, and the citizen reopening the link after the call is sent to the documents page', async () => {
      const formId = scene!.form('meldebescheinigung').id;
      await must(scene!.clerk.socket, 'case:finish', { force: true });
      for (const [who, event, payload] of [
        [scene!.clerk, 'agenda:set', { itemId: 'meldebescheinigung:fee', state: 'skipped' }],
        [scene!.citizen, 'form:change', { formId, field: 'familienname', value: 'Später', baseVersion: 0 }],
        [scene!.clerk, 'idcheck:start', { documentType: 'personalausweis' }],
      ] as const) {
        const reply = await ask(who.socket, event, payload);
        expect(reply.ok, event).to.equal(false);
        expect(JSON.stringify(reply), `${event}: ${JSON.stringify(reply)}`).to.include('case_finished');
      }
      // Still in the room: the join link leads to the call as before.
      const during = await postSession(
        svc.baseUrl,
        signJoinToken(svc.key, { ...scene!.claims.citizen, jti: `${scene!.claims.citizen.jti}-during` }),
      );
      expect(during.status).to.equal(201);
      expect(during.body).not.to.have.property('documentsUrl');
      // The clerk ends the call for good: from now on the citizen's link opens the documents page.
      expect((await request(scene!.clerk.socket, 'room:end', {})).ok).to.equal(true);
      const again = await postSession(
        svc.baseUrl,
        signJoinToken(svc.key, { ...scene!.claims.citizen, jti: `${scene!.claims.citizen.jti}-again` }),
      );
      expect(again.status).to.equal(201);
      expect(String(again.body.documentsUrl)).to.match(/^\/documents#.{20,}$/);
      const clerk = await postSession(
        svc.baseUrl,
        signJoinToken(svc.key, { ...scene!.claims.clerk, jti: `${scene!.claims.clerk.jti}-again` }),
      );
      expect(clerk.body).not.to.have.property('documentsUrl');
    });
  });
}
