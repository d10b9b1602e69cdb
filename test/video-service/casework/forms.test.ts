/**
 * Co-filled forms through the socket API, on SQLite and MariaDB: validation on the server, who may edit
 * which field, conditional fields, person groups, concurrent edits that converge visibly, reload, freezing.
 */
import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../../support/databases.ts';
import type { FieldUpdate } from '../../../video-service/src/contract/casework.ts';
import { request, settle } from '../support.ts';
import { fillForm } from './fill.ts';
import {
  again,
  ask,
  caseScene,
  closeScene,
  enter,
  must,
  nextCaseEvent,
  useCaseworkService,
  type CaseworkService,
  type CaseScene,
} from './support.ts';

for (const { kind, create } of DATABASES) {
  describe(`casework forms (${kind})`, function () {
    this.timeout(60_000);
    let database: TestDatabase;
    let svc: CaseworkService;
    let scene: CaseScene | undefined;

    const started = useCaseworkService(create);
    before(() => {
      ({ database, svc } = started);
    });
    beforeEach(async () => {
      scene = await caseScene(svc, ['anmeldung']);
    });
    afterEach(() => closeScene(scene));

    const change = (who: 'citizen' | 'clerk', field: string, value: unknown, baseVersion = 0) =>
      ask(scene![who].socket, 'form:change', { formId: scene!.form('anmeldung').id, field, value, baseVersion });

    it('prefills the applicant from the booking and shows the agenda of the booked service', () => {
      const form = scene!.form('anmeldung');
      expect(form.fields['personen']?.value).to.deep.equal(['p1']);
      expect(form.fields['personen.p1.familienname']?.value).to.equal('Mustermann');
      expect(form.fields['personen.p1.vornamen']?.value).to.equal('Erika');
      expect(form.fields['personen.p1.familienname']?.by).to.equal('system');
      expect(scene!.clerkCase.agenda.services.map((s) => s.code)).to.deep.equal(['anmeldung']);
      expect(scene!.clerkCase.agenda.services[0]!.items.map((i) => i.kind)).to.deep.equal([
        'form',
        'document',
        'document',
      ]);
    });

    it('refuses unknown fields, wrong types, overlong text, control characters and options that are not offered', async () => {
      const refusals = await Promise.all([
        change('citizen', 'no_such_field', 'x'),
        change('citizen', 'einzugsdatum', true),
        change('citizen', 'wohnungsstatus', 'palast'),
        change('citizen', 'neue_wohnung.street', 'x'.repeat(101)),
        change('citizen', 'neue_wohnung.street', 'Haupt\u0000straße'),
        change('citizen', 'neue_wohnung.country', 'DE'),
        change('citizen', 'personen', ['../x']),
        change('citizen', 'zuzug_ausland', 'yes'),
      ]);
      for (const reply of refusals) {
        expect(reply.ok).to.equal(false);
        if (!reply.ok) expect(reply.error.code).to.equal('invalid_input');
      }
      const fresh = await must(scene!.citizen.socket, 'case:open', {});
      expect(fresh.forms[0]!.version).to.equal(scene!.form('anmeldung').version);
    });

    it('checks German postcodes (5 digits) and real calendar dates at the field', async () => {
      const issuesAfter = async (field: string, value: string) => {
        const reply = await change('citizen', field, value);
        if (!reply.ok) throw new Error(reply.error.message);
        return reply.data.issues[field] ?? [];
      };
      expect(await issuesAfter('neue_wohnung.postcode', '6611')).to.deep.equal(['invalid_postcode']);
      expect(await issuesAfter('neue_wohnung.postcode', '66111')).to.deep.equal([]);
      expect(await issuesAfter('einzugsdatum', '2023-02-29')).to.deep.equal(['invalid_date']);
      expect(await issuesAfter('einzugsdatum', '2024-04-31')).to.deep.equal(['invalid_date']);
      expect(await issuesAfter('einzugsdatum', '2024-02-29')).to.deep.equal([]);
      expect(await issuesAfter('personen.p1.geburtsdatum', '2099-01-01')).to.deep.equal(['date_in_future']);
      expect(await issuesAfter('personen.p1.geburtsdatum', '1980-02-29')).to.deep.equal([]);
      expect(await issuesAfter('telefon', '12')).to.deep.equal(['invalid_phone']);
    });

    it('lets each side edit only its own fields and never a guest', async () => {
      const citizenOnClerkField = await change('citizen', 'wohnungsgeberbestaetigung', true);
      const clerkOnCitizenField = await change('clerk', 'erklaerung', true);
      expect(citizenOnClerkField.ok === false && citizenOnClerkField.error.code).to.equal('forbidden');
      expect(clerkOnCitizenField.ok === false && clerkOnCitizenField.error.code).to.equal('forbidden');
      expect((await change('clerk', 'wohnungsgeberbestaetigung', true)).ok).to.equal(true);
      expect((await change('citizen', 'erklaerung', true)).ok).to.equal(true);
      expect((await change('clerk', 'einzugsdatum', '2025-01-15')).ok).to.equal(true);

      const guest = await enter(
        svc,
        again(scene!.claims.citizen, { sub: `guest-${scene!.room}`, role: 'guest', name: 'Dolmetscherin' }),
      );
      try {
        const admitted = await request(scene!.clerk.socket, 'lobby:admit', { participantId: guest.id });
        expect(admitted.ok).to.equal(true);
        const opened = await must(guest.socket, 'case:open', {});
        expect(opened.documents).to.deep.equal([]);
        const byGuest = await ask(guest.socket, 'form:change', {
          formId: scene!.form('anmeldung').id,
          field: 'einzugsdatum',
          value: '2025-01-01',
          baseVersion: 0,
        });
        expect(byGuest.ok === false && byGuest.error.code).to.equal('forbidden');
      } finally {
        guest.socket.close();
      }
    });

    it('accepts a conditional field only while it is shown', async () => {
      const hidden = await change('citizen', 'hauptwohnung.street', 'Nebenweg');
      expect(hidden.ok === false && hidden.error.code).to.equal('invalid_state');
      const shown = await change('citizen', 'wohnungsstatus', 'neben');
      expect(shown.ok && shown.data.issues['hauptwohnung.street']).to.deep.equal(['required']);
      const now = await change('citizen', 'hauptwohnung.street', 'Nebenweg');
      expect(now.ok && now.data.issues['hauptwohnung.street']).to.equal(undefined);
      const back = await change('citizen', 'wohnungsstatus', 'haupt');
      expect(back.ok && Object.keys(back.data.issues).some((p) => p.startsWith('hauptwohnung'))).to.equal(false);
    });

    it('adds and removes persons; a removed person takes their fields along', async () => {
      const added = await change('citizen', 'personen', ['p1', 'k2']);
      expect(added.ok && added.data.issues['personen.k2.familienname']).to.deep.equal(['required']);
      expect((await change('clerk', 'personen.k2.familienname', 'Mustermann')).ok).to.equal(true);
      const removed = await change('citizen', 'personen', ['p1'], 100);
      expect(removed.ok && removed.data.removed).to.deep.equal(['personen.k2.familienname']);
      const fresh = await must(scene!.clerk.socket, 'case:open', {});
      expect(fresh.forms[0]!.fields['personen.k2.familienname']).to.equal(undefined);
      const unknownItem = await change('citizen', 'personen.zz.familienname', 'X');
      expect(unknownItem.ok === false && unknownItem.error.code).to.equal('invalid_state');
    });

    it('shows each change and who is editing which field to the other side at once', async () => {
      const form = scene!.form('anmeldung');
      const presence = nextCaseEvent(scene!.clerk.socket, 'form:presence');
      await must(scene!.citizen.socket, 'form:focus', { formId: form.id, field: 'neue_wohnung.city' });
      expect(await presence).to.include({
        formId: form.id,
        participantId: scene!.citizen.id,
        field: 'neue_wohnung.city',
        role: 'citizen',
      });
      const seen = nextCaseEvent(scene!.clerk.socket, 'form:field');
      const ack = await must(scene!.citizen.socket, 'form:change', {
        formId: form.id,
        field: 'neue_wohnung.city',
        value: 'Saarbrücken',
        baseVersion: 0,
      });
      expect(await seen).to.deep.equal(ack);
      const left = nextCaseEvent(scene!.clerk.socket, 'form:presence');
      scene!.citizen.socket.close();
      expect(await left).to.include({ participantId: scene!.citizen.id, field: null });
    });

    it('resolves two edits of one field the same way on both sides and shows the conflict', async () => {
      const form = scene!.form('anmeldung');
      const clerkSaw: FieldUpdate[] = [];
      const citizenSaw: FieldUpdate[] = [];
      scene!.clerk.socket.on('form:field' as never, (u: FieldUpdate) => {
        clerkSaw.push(u);
      });
      scene!.citizen.socket.on('form:field' as never, (u: FieldUpdate) => {
        citizenSaw.push(u);
      });
      const [fromClerk, fromCitizen] = await Promise.all([
        must(scene!.clerk.socket, 'form:change', {
          formId: form.id,
          field: 'einzugsdatum',
          value: '2025-03-01',
          baseVersion: 0,
        }),
        must(scene!.citizen.socket, 'form:change', {
          formId: form.id,
          field: 'einzugsdatum',
          value: '2025-04-01',
          baseVersion: 0,
        }),
      ]);
      await settle(300);
      const latest = (updates: FieldUpdate[]) =>
        updates.filter((u) => u.field === 'einzugsdatum').sort((a, b) => b.version - a.version)[0]!;
      const clerkView = latest([fromClerk, ...clerkSaw]);
      const citizenView = latest([fromCitizen, ...citizenSaw]);
      expect(clerkView).to.deep.equal(citizenView);
      const [first, second] = [fromClerk, fromCitizen].sort((a, b) => a.version - b.version);
      expect(second!.version).to.be.greaterThan(first!.version);
      expect(clerkView.value).to.equal(second!.value);
      expect(clerkView.conflict).to.deep.equal({ overwrittenBy: first!.by, overwrittenValue: first!.value });
      const fresh = await must(scene!.citizen.socket, 'case:open', {});
      expect(fresh.forms[0]!.fields['einzugsdatum']).to.include({
        value: second!.value,
        version: second!.version,
        by: second!.by,
      });
    });

    it('keeps every accepted change across a reload', async () => {
      const form = scene!.form('anmeldung');
      let base = 0;
      for (const [field, value] of [
        ['neue_wohnung.street', 'Hauptstraße'],
        ['neue_wohnung.postcode', '66111'],
        ['wohnungsstatus', 'alleinige'],
        ['zuzug_ausland', true],
      ] as const) {
        base = (await must(scene!.citizen.socket, 'form:change', { formId: form.id, field, value, baseVersion: base }))
          .version;
      }
      scene!.citizen.socket.close();
      const reloaded = await enter(svc, again(scene!.claims.citizen));
      scene!.citizen = reloaded;
      const reopened = await must(reloaded.socket, 'case:open', {});
      const fields = reopened.forms[0]!.fields;
      expect(fields['neue_wohnung.street']?.value).to.equal('Hauptstraße');
      expect(fields['neue_wohnung.postcode']?.value).to.equal('66111');
      expect(fields['wohnungsstatus']?.value).to.equal('alleinige');
      expect(fields['zuzug_ausland']?.value).to.equal(true);
      expect(reopened.forms[0]!.version).to.equal(base);
    });

    it('refuses to freeze a form with open issues, and refuses every change once frozen', async () => {
      const form = scene!.form('anmeldung');
      const early = await ask(scene!.clerk.socket, 'form:freeze', { formId: form.id });
      expect(early.ok === false && early.error.code).to.equal('invalid_state');
      expect(await fillForm(scene!, form)).to.deep.equal({});
      const byCitizen = await ask(scene!.citizen.socket, 'form:freeze', { formId: form.id });
      expect(byCitizen.ok === false && byCitizen.error.code).to.equal('forbidden');
      const status = nextCaseEvent(scene!.citizen.socket, 'form:status');
      const document = await must(scene!.clerk.socket, 'form:freeze', { formId: form.id });
      expect(await status).to.deep.equal({ formId: form.id, status: 'frozen', documentId: document.id });
      expect(document.status).to.equal('awaiting_signature');
      expect(document.dataHash).to.match(/^[0-9a-f]{64}$/);
      for (const who of ['citizen', 'clerk'] as const) {
        const reply = await change(who, 'neue_wohnung.city', 'Anderswo', 999);
        expect(reply.ok === false && reply.error.code).to.equal('invalid_state');
      }
      const twice = await ask(scene!.clerk.socket, 'form:freeze', { formId: form.id });
      expect(twice.ok === false && twice.error.code).to.equal('invalid_state');
      const review = await fetch(`${svc.baseUrl}${document.reviewUrl}`, {
        headers: { authorization: `Bearer ${scene!.citizen.sessionToken}` },
      });
      expect(review.status).to.equal(200);
      expect(review.headers.get('content-type')).to.equal('application/pdf');
      expect(
        Buffer.from(await review.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).to.equal('%PDF-');
    });
  });
}
