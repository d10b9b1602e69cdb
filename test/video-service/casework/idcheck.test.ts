/**
 * The ID check (a visual check by the clerk), on SQLite and MariaDB: the clerk leads through the steps of
 * the document type and the citizen gets guidance only; security questions come from booking facts in the
 * clerk's token or a list the clerk picks from — never from what the citizen sees, and their expected
 * answers never reach the citizen's socket; "verified" needs the whole checklist; only the last four characters of the number are accepted;
 * the result lands in the hash-chained audit log and on the sealed document's audit page.
 */
import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../../support/databases.ts';
import type { IdCheckView } from '../../../video-service/src/contract/casework.ts';
import { openSession, request, settle, signJoinToken } from '../support.ts';
import {
  again as again_,
  ask,
  caseEvents,
  caseScene,
  closeScene,
  must,
  nextCaseEvent,
  useCaseworkService,
  type CaseworkService,
  type CaseScene,
} from './support.ts';

/** What the booking system knows of the citizen and the room never shows them (the clerk's token, `appt.verify`). */
const FACTS = { birthDate: '1980-02-29', postcode: '69117', email: 'erika.m@example.org' };

for (const { kind, create } of DATABASES) {
  describe(`casework ID check (${kind})`, function () {
    this.timeout(60_000);
    let database: TestDatabase;
    let svc: CaseworkService;
    let scene: CaseScene | undefined;

    const started = useCaseworkService(create);
    before(() => {
      ({ database, svc } = started);
    });
    beforeEach(async () => {
      scene = await caseScene(svc, ['meldebescheinigung'], { verify: FACTS, verifyInCitizenToken: true });
    });
    afterEach(() => closeScene(scene));

    const code = (reply: { ok: boolean; error?: { code: string } }) => (reply.ok ? 'ok' : reply.error!.code);

    it('guides the citizen through the steps the clerk chooses, without showing them the checklist or the answers', async () => {
      const form = scene!.form('meldebescheinigung');
      // What the citizen types into the form is on their own screen: it makes no security question.
      await must(scene!.citizen.socket, 'form:change', {
        formId: form.id,
        field: 'geburtsdatum',
        value: '1975-05-05',
        baseVersion: 0,
      });
      const citizenView = nextCaseEvent(scene!.citizen.socket, 'idcheck:state');
      const started = await must(scene!.clerk.socket, 'idcheck:start', { documentType: 'personalausweis' });
      expect(started).to.include({ status: 'in_progress', step: 'front', suggestBackCamera: true });
      expect(started.steps).to.deep.equal(['front', 'back', 'tilt', 'review']);
      expect(
        started.questions!.map((q) => q.id),
        'only booking facts, never the booked time or services',
      ).to.deep.equal(['birth_date', 'postcode', 'email']);
      expect(started.questions!.find((q) => q.id === 'birth_date')!.expected).to.equal('29.02.1980');
      expect(started.questions!.find((q) => q.id === 'email')!.expected).to.equal(FACTS.email);
      expect(started.pickableQuestions!.map((q) => q.id)).to.include('doc_birth_place');
      const seen = await citizenView;
      expect(seen.guidance.de).to.match(/Vorderseite/);
      expect(seen).not.to.have.property('questions');
      expect(seen).not.to.have.property('checklist');
      expect(seen).not.to.have.property('result');

      const tilt = nextCaseEvent(scene!.citizen.socket, 'idcheck:state');
      await must(scene!.clerk.socket, 'idcheck:step', { step: 'tilt' });
      expect((await tilt).guidance.en).to.match(/hologram/);
      const passportOnly = await must(scene!.clerk.socket, 'idcheck:start', { documentType: 'reisepass' });
      expect(passportOnly.steps).to.deep.equal(['front', 'tilt', 'review']);
      expect(code(await ask(scene!.clerk.socket, 'idcheck:step', { step: 'back' }))).to.equal('invalid_input');
      const reopened = await must(scene!.citizen.socket, 'case:open', {});
      expect(reopened.idCheck).to.include({ id: passportOnly.id, documentType: 'reisepass', step: 'front' });
      expect(reopened.idCheck).not.to.have.property('questions');
    });

    it('never sends the questions’ expected answers to the citizen’s socket or session, even when their token carried them', async () => {
      const citizenSaw = caseEvents(scene!.citizen.socket);
      await must(scene!.clerk.socket, 'idcheck:start', { documentType: 'personalausweis' });
      const picked = await must(scene!.clerk.socket, 'idcheck:ask', { questionId: 'doc_birth_place' });
      expect(picked.questions!.find((q) => q.id === 'doc_birth_place')).to.include({ expected: '', answer: null });
      const again = await must(scene!.clerk.socket, 'idcheck:ask', { questionId: 'doc_birth_place' });
      expect(
        again.questions!.filter((q) => q.id === 'doc_birth_place'),
        'asked once',
      ).to.have.length(1);
      expect(code(await ask(scene!.clerk.socket, 'idcheck:ask', { questionId: 'favourite_colour' }))).to.equal(
        'not_found',
      );
      await must(scene!.clerk.socket, 'idcheck:answer', { questionId: 'email', answer: 'correct' });
      await must(scene!.clerk.socket, 'idcheck:step', { step: 'back' });
      const reopened = await must(scene!.citizen.socket, 'case:open', {});
      const session = await openSession(svc.baseUrl, signJoinToken(svc.key, again_(scene!.claims.citizen)));
      const rejoined = await request(scene!.citizen.socket, 'room:join', {});
      await settle(200);
      expect(
        citizenSaw.filter((e) => e.event === 'idcheck:state').length,
        'the citizen followed the check',
      ).to.be.greaterThan(1);
      const everything = JSON.stringify([citizenSaw, reopened, session, rejoined]);
      for (const secret of [
        '29.02.1980',
        '1980-02-29',
        FACTS.postcode!,
        FACTS.email!,
        'Wo sind Sie geboren',
        'Where were you born',
      ]) {
        expect(everything, `the citizen received "${secret}"`).not.to.include(secret);
      }
      expect(everything).not.to.include('"verify"');
      expect(everything).not.to.include('"questions"');
    });

    it('lets only the clerk run it', async () => {
      expect(code(await ask(scene!.citizen.socket, 'idcheck:start', { documentType: 'personalausweis' }))).to.equal(
        'forbidden',
      );
      await must(scene!.clerk.socket, 'idcheck:start', { documentType: 'personalausweis' });
      for (const [event, payload] of [
        ['idcheck:step', { step: 'back' }],
        ['idcheck:checklist', { item: 'photoMatches', value: true }],
        ['idcheck:answer', { questionId: 'postcode', answer: 'correct' }],
        ['idcheck:ask', { questionId: 'doc_birth_place' }],
        ['idcheck:complete', { verified: true, numberLast4: '1234' }],
        ['idcheck:cancel', {}],
      ] as const) {
        expect(code(await ask(scene!.citizen.socket, event, payload)), event).to.equal('forbidden');
      }
    });

    it('records "verified" only with the whole checklist and only the last four characters of the number', async () => {
      await must(scene!.clerk.socket, 'idcheck:start', { documentType: 'personalausweis' });
      expect(
        code(await ask(scene!.clerk.socket, 'idcheck:complete', { verified: true, numberLast4: '4Y7Z' })),
      ).to.equal('invalid_state');
      await must(scene!.clerk.socket, 'idcheck:step', { step: 'review' });
      await must(scene!.clerk.socket, 'idcheck:checklist', { item: 'photoMatches', value: true });
      await must(scene!.clerk.socket, 'idcheck:checklist', { item: 'documentValid', value: true });
      await must(scene!.clerk.socket, 'idcheck:checklist', { item: 'nameAndBirthDateMatch', value: true });
      expect(
        code(await ask(scene!.clerk.socket, 'idcheck:complete', { verified: true, numberLast4: '4Y7Z' })),
      ).to.equal('invalid_state');
      await must(scene!.clerk.socket, 'idcheck:checklist', { item: 'securityFeatureSeen', value: true });
      await must(scene!.clerk.socket, 'idcheck:answer', { questionId: 'postcode', answer: 'correct' });
      expect(
        code(await ask(scene!.clerk.socket, 'idcheck:complete', { verified: true, numberLast4: 'L01X00T47' })),
      ).to.equal('invalid_input');
      expect(
        code(await ask(scene!.clerk.socket, 'idcheck:complete', { verified: true, numberLast4: '4y-7' })),
      ).to.equal('invalid_input');
      const citizenSees = nextCaseEvent(scene!.citizen.socket, 'idcheck:state');
      const done = await must(scene!.clerk.socket, 'idcheck:complete', { verified: true, numberLast4: 't47z' });
      expect(done.status).to.equal('verified');
      expect(done.result).to.include({
        verified: true,
        documentType: 'personalausweis',
        numberLast4: 'T47Z',
        clerk: scene!.clerk.id,
      });
      expect((await citizenSees) as IdCheckView)
        .to.include({ status: 'verified' })
        .and.not.have.property('result');
      expect(code(await ask(scene!.clerk.socket, 'idcheck:step', { step: 'front' }))).to.equal('invalid_state');

      const [rows] = await svc.service.db.sequelize.query(
        "SELECT personal_json FROM case_audit_log WHERE kind = 'idcheck.completed' AND room = ?",
        { replacements: [scene!.room] },
      );
      const personal = JSON.parse((rows as Array<{ personal_json: string }>)[0]!.personal_json) as Record<
        string,
        unknown
      >;
      expect(personal).to.include({
        verified: true,
        documentType: 'personalausweis',
        numberLast4: 'T47Z',
        clerk: scene!.clerk.id,
      });
      const [all] = await svc.service.db.sequelize.query('SELECT * FROM case_id_checks WHERE room = ?', {
        replacements: [scene!.room],
      });
      expect(JSON.stringify(all)).not.to.include('L01X00T47');
    });
  });
}
