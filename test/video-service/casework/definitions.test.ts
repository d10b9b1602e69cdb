/**
 * The eleven official forms and the service catalogue, through the running service: each booked service
 * becomes agenda items with its form; every form can be filled in completely (by whoever may edit each
 * field), frozen, signed and verified; the agenda follows the clerk and the sealing.
 */
import { expect } from 'chai';
import { FORM_DEFINITIONS } from '../../../video-service/src/casework/forms/definitions/index.ts';
import type { VerifyResult } from '../../../video-service/src/contract/casework.ts';
import { fillForm } from './fill.ts';
import { SVG_SIGNATURE } from './signatures.ts';
import {
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

const SERVICES = [
  'anmeldung',
  'ummeldung',
  'abmeldung-ausland',
  'abmeldung-nebenwohnung',
  'verlustanzeige-ausweis',
  'uebermittlungssperren',
  'meldebescheinigung',
  'fuehrungszeugnis',
  'gewerbezentralregisterauszug',
  'untersuchungsberechtigungsschein',
  'lebensbescheinigung',
];

describe('casework forms of the eleven services', function () {
  this.timeout(120_000);
  let svc: CaseworkService;
  let scene: CaseScene | undefined;

  before(async () => {
    svc = await startCaseworkService();
  });
  after(async () => {
    closeScene(scene);
    await svc?.close();
  });

  it('has a form definition for every service, with German and English labels throughout', () => {
    expect([...FORM_DEFINITIONS.keys()].sort()).to.deep.equal([...SERVICES].sort());
    for (const definition of FORM_DEFINITIONS.values()) {
      const labels = definition.sections.flatMap((s) => [
        s.title,
        ...s.fields.flatMap((f) => [f.label, ...(f.type === 'persons' ? f.fields.map((g) => g.label) : [])]),
      ]);
      for (const label of [definition.title, ...labels]) {
        expect(label.de.trim(), definition.id).to.not.equal('');
        expect(label.en.trim(), definition.id).to.not.equal('');
      }
      expect(definition.legalBasis, definition.id).to.be.a('string');
    }
  });

  it('turns several booked services into one agenda, and names unknown ones', async () => {
    scene = await caseScene(svc, ['fuehrungszeugnis', 'meldebescheinigung', 'hundesteuer']);
    const { agenda } = scene.clerkCase;
    expect(agenda.services.map((s) => s.code)).to.deep.equal(['fuehrungszeugnis', 'meldebescheinigung']);
    expect(agenda.unknownServices).to.deep.equal(['hundesteuer']);
    expect(agenda.totalFeeCents).to.equal(1300 + 500);
    const fz = agenda.services[0]!;
    expect(fz.items.map((i) => i.id)).to.deep.equal([
      'fuehrungszeugnis:form',
      'fuehrungszeugnis:doc:0',
      'fuehrungszeugnis:doc:1',
      'fuehrungszeugnis:fee',
    ]);
    expect(fz.items[0]!.formId).to.equal(scene.form('fuehrungszeugnis').id);
    expect(fz.items[3]).to.include({ kind: 'fee', feeCents: 1300, state: 'open' });
    expect(fz.items[1]!.label.de).to.equal('Personalausweis oder Reisepass');

    const citizenSees = nextCaseEvent(scene.citizen.socket, 'case:agenda');
    const item = await must(scene.clerk.socket, 'agenda:set', { itemId: 'fuehrungszeugnis:doc:0', state: 'done' });
    expect(item).to.include({ state: 'done', updatedBy: scene.clerk.id });
    expect((await citizenSees).services[0]!.items[1]!.state).to.equal('done');
    expect(
      (await ask(scene.citizen.socket, 'agenda:set', { itemId: 'fuehrungszeugnis:doc:0', state: 'open' })).ok,
    ).to.equal(false);
    expect((await ask(scene.clerk.socket, 'agenda:set', { itemId: 'hundesteuer:fee', state: 'done' })).ok).to.equal(
      false,
    );
    const reopened = await must(scene.citizen.socket, 'case:open', {});
    expect(reopened.agenda.services[0]!.items[1]!.state).to.equal('done');
    closeScene(scene);
  });

  for (const service of SERVICES) {
    it(`${service}: fills in completely, freezes, signs and verifies`, async () => {
      scene = await caseScene(svc, [service]);
      const form = scene.form(service);
      expect(form.issues, 'an empty form has issues').to.not.deep.equal({});
      expect(await fillForm(scene, form)).to.deep.equal({});
      const frozen = await must(scene.clerk.socket, 'form:freeze', { formId: form.id });
      const sealed = await must(scene.citizen.socket, 'sign:draw', {
        documentId: frozen.id,
        signature: { format: 'svg', data: SVG_SIGNATURE },
      });
      const pdf = Buffer.from(await (await withSession(svc, scene.citizen, sealed.downloadUrl!)).arrayBuffer());
      const verdict = (await (
        await fetch(`${svc.baseUrl}/api/documents/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/pdf' },
          body: pdf as unknown as BodyInit,
        })
      ).json()) as VerifyResult;
      expect(verdict).to.include({ valid: true });
      expect(verdict.document!.form).to.equal(service);
      const agenda = (await must(scene.clerk.socket, 'case:open', {})).agenda;
      expect(agenda.services[0]!.items.find((i) => i.kind === 'form')!.state).to.equal('done');
      closeScene(scene);
    });
  }
});
