/**
 * Signing on SQLite and MariaDB: by drawing (PNG or SVG) and by TAN (Hidden-TAN, SMS-TAN through the dev
 * outbox), and every refusal: signing twice, the clerk signing, malicious signature images, three wrong
 * TANs, an expired TAN, a TAN of another document, a used or replaced TAN. TANs never reach the logs.
 */
import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DATABASES, type TestDatabase } from '../../support/databases.ts';
import { frozenDocument } from './fill.ts';
import { BAD_SIGNATURES, PNG_SIGNATURE, SVG_SIGNATURE } from './signatures.ts';
import { connectSocket, request } from '../support.ts';
import {
  ask,
  caseEvents,
  caseScene,
  closeScene,
  must,
  until,
  useCaseworkService,
  withSession,
  type CaseworkService,
  type CaseScene,
} from './support.ts';

for (const { kind, create } of DATABASES) {
  describe(`casework signing (${kind})`, function () {
    this.timeout(90_000);
    let database: TestDatabase;
    let svc: CaseworkService;
    let scene: CaseScene | undefined;
    const logs: string[] = [];

    const started = useCaseworkService(create, { logs });
    before(() => {
      ({ database, svc } = started);
    });
    afterEach(() => closeScene(scene));

    const code = (reply: { ok: boolean; error?: { code: string } }) => (reply.ok ? 'ok' : reply.error!.code);
    /** The machine-readable part of a refusal (what the room UI matches on). */
    const refusal = (reply: { ok: boolean; error?: { reason?: string; attemptsLeft?: number } }) =>
      reply.ok
        ? null
        : {
            reason: reply.error!.reason,
            ...(reply.error!.attemptsLeft === undefined ? {} : { attemptsLeft: reply.error!.attemptsLeft }),
          };

    it('seals a document signed by drawing, once; signing it again is refused', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const document = await frozenDocument(scene, 'meldebescheinigung');
      const clerkSaw = caseEvents(scene.clerk.socket);
      const sealed = await must(scene.citizen.socket, 'sign:draw', {
        documentId: document.id,
        signature: { format: 'png', data: PNG_SIGNATURE },
      });
      expect(sealed).to.include({
        id: document.id,
        status: 'sealed',
        signatureMethod: 'drawn',
        dataHash: document.dataHash,
      });
      expect(sealed.pdfSha256).to.match(/^[0-9a-f]{64}$/);
      const pdf = await withSession(svc, scene.citizen, sealed.downloadUrl!);
      expect(pdf.status).to.equal(200);
      expect(pdf.headers.get('content-disposition')).to.match(/^attachment;/);
      // The clerk's notification may still be on its way: wait for it, not for a fixed pause.
      await until('the clerk sees the sealed document', async () =>
        clerkSaw.some((e) => e.event === 'document:updated' && (e.payload as { status: string }).status === 'sealed'),
      );

      const again = await ask(scene.citizen.socket, 'sign:draw', {
        documentId: document.id,
        signature: { format: 'svg', data: SVG_SIGNATURE },
      });
      expect(code(again)).to.equal('invalid_state');
      expect(refusal(again)).to.deep.equal({ reason: 'already_signed' });
      expect(sealed.downloadUrl).to.equal(`/api/casework/documents/${document.id}/pdf`);
      const byTan = await ask(scene.citizen.socket, 'sign:requestTan', { documentId: document.id, channel: 'hidden' });
      expect(code(byTan)).to.equal('invalid_state');
      expect(refusal(byTan)).to.deep.equal({ reason: 'already_signed' });
      const reopened = await must(scene.clerk.socket, 'case:open', {});
      expect(reopened.documents[0]).to.include({ status: 'sealed', pdfSha256: sealed.pdfSha256 });
      expect(reopened.forms[0]!.status).to.equal('sealed');
      expect(reopened.agenda.services[0]!.items.find((i) => i.kind === 'form')!.state).to.equal('done');
    });

    it('tells the clerks (not the citizen themselves) when the citizen opens and leaves the signing; only for a document awaiting signature', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const document = await frozenDocument(scene, 'meldebescheinigung');
      const clerkSaw = caseEvents(scene.clerk.socket);
      const citizenSaw = caseEvents(scene.citizen.socket);
      expect(await must(scene.citizen.socket, 'sign:presence', { documentId: document.id, open: true })).to.equal(null);
      await until('the clerk hears the signing opened', async () =>
        clerkSaw.find((e) => e.event === 'sign:presence' && (e.payload as { open: boolean }).open === true),
      );
      expect(clerkSaw.find((e) => e.event === 'sign:presence')!.payload).to.deep.equal({
        documentId: document.id,
        participantId: scene.citizen.id,
        open: true,
      });
      await must(scene.citizen.socket, 'sign:presence', { documentId: document.id, open: false });
      await until('the clerk hears it closed', async () =>
        clerkSaw.find((e) => e.event === 'sign:presence' && (e.payload as { open: boolean }).open === false),
      );
      expect(
        citizenSaw.some((e) => e.event === 'sign:presence'),
        'the citizen is not told about themselves',
      ).to.equal(false);

      const byClerk = await ask(scene.clerk.socket, 'sign:presence', { documentId: document.id, open: true });
      expect(code(byClerk)).to.equal('forbidden');
      const unknown = await ask(scene.citizen.socket, 'sign:presence', {
        documentId: '00000000-0000-4000-8000-000000000000',
        open: true,
      });
      expect(code(unknown)).to.equal('not_found');
      await must(scene.citizen.socket, 'sign:draw', {
        documentId: document.id,
        signature: { format: 'png', data: PNG_SIGNATURE },
      });
      const sealedOpen = await ask(scene.citizen.socket, 'sign:presence', { documentId: document.id, open: true });
      expect(code(sealedOpen)).to.equal('invalid_state');
      expect(refusal(sealedOpen)).to.deep.equal({ reason: 'already_signed' });
    });

    it("closes the signing for the clerks when the citizen's connection drops or leaves the room, but not while another connection of theirs has it open", async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const document = await frozenDocument(scene, 'meldebescheinigung');
      const clerkSaw = caseEvents(scene.clerk.socket);
      const heard = (open: boolean) =>
        clerkSaw.filter((e) => e.event === 'sign:presence' && (e.payload as { open: boolean }).open === open);
      const closed = { documentId: document.id, participantId: scene.citizen.id, open: false };

      // The connection drops with the signing open: the clerk hears it closed (the same event as a closed box).
      await must(scene.citizen.socket, 'sign:presence', { documentId: document.id, open: true });
      await until('the clerk hears the signing opened', async () => heard(true).length === 1);
      scene.citizen.socket.disconnect();
      await until('the clerk hears it closed after the drop', async () => heard(false).length === 1);
      expect(heard(false)[0]!.payload).to.deep.equal(closed);

      // Back (the page re-announces), then leaving the room on purpose: closed again.
      scene.citizen.socket.connect();
      await until('the citizen is connected again', async () => scene!.citizen.socket.connected);
      expect((await request(scene.citizen.socket, 'room:join', {})).ok).to.equal(true);
      await must(scene.citizen.socket, 'sign:presence', { documentId: document.id, open: true });
      await until('the clerk hears the re-announced signing', async () => heard(true).length === 2);
      expect((await request(scene.citizen.socket, 'room:leave', {})).ok).to.equal(true);
      await until('the clerk hears it closed after leaving', async () => heard(false).length === 2);
      expect(heard(false)[1]!.payload).to.deep.equal(closed);

      // A new connection announces before the old one is gone (a reconnect the server has not noticed yet):
      // the old one's clean-up must not close what the new one has open.
      expect((await request(scene.citizen.socket, 'room:join', {})).ok).to.equal(true);
      await must(scene.citizen.socket, 'sign:presence', { documentId: document.id, open: true });
      const second = await connectSocket(svc.baseUrl, { session: scene.citizen.sessionToken });
      try {
        await must(second, 'sign:presence', { documentId: document.id, open: true });
        await until('the clerk hears both connections open', async () => heard(true).length === 4);
        scene.citizen.socket.disconnect();
        await until(
          'the server saw the first connection go',
          async () => clerkSaw.filter((e) => e.event === 'peer:left').length === 3,
        );
        // An event sent after the drop's clean-up: once the clerk hears it, a wrong "closed" would have come first.
        await must(second, 'sign:presence', { documentId: document.id, open: true });
        await until('the clerk hears the later announcement', async () => heard(true).length === 5);
        expect(heard(false), 'still open on the second connection').to.have.length(2);
        second.disconnect();
        await until('the clerk hears it closed when the last connection drops', async () => heard(false).length === 3);
      } finally {
        second.close();
      }
    });

    it('seals only one of two signatures sent at the same moment', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const document = await frozenDocument(scene, 'meldebescheinigung');
      const { tan } = await must(scene.citizen.socket, 'sign:requestTan', {
        documentId: document.id,
        channel: 'hidden',
      });
      const replies = await Promise.all([
        ask(scene.citizen.socket, 'sign:draw', {
          documentId: document.id,
          signature: { format: 'svg', data: SVG_SIGNATURE },
        }),
        ask(scene.citizen.socket, 'sign:confirmTan', { documentId: document.id, tan }),
        ask(scene.citizen.socket, 'sign:draw', {
          documentId: document.id,
          signature: { format: 'png', data: PNG_SIGNATURE },
        }),
      ]);
      expect(replies.filter((r) => r.ok)).to.have.length(1);
      expect(replies.filter((r) => !r.ok).map(code)).to.deep.equal(['invalid_state', 'invalid_state']);
      expect(replies.filter((r) => !r.ok).map(refusal)).to.deep.equal([
        { reason: 'already_signed' },
        { reason: 'already_signed' },
      ]);
    });

    it('lets only the citizen sign, and only with a drawing from the signing panel', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const document = await frozenDocument(scene, 'meldebescheinigung');
      expect(
        code(
          await ask(scene.clerk.socket, 'sign:draw', {
            documentId: document.id,
            signature: { format: 'svg', data: SVG_SIGNATURE },
          }),
        ),
      ).to.equal('forbidden');
      expect(
        code(await ask(scene.clerk.socket, 'sign:requestTan', { documentId: document.id, channel: 'hidden' })),
      ).to.equal('forbidden');
      for (const [name, data] of Object.entries(BAD_SIGNATURES)) {
        const format = name.startsWith('svg') ? 'svg' : 'png';
        const reply = await ask(scene.citizen.socket, 'sign:draw', {
          documentId: document.id,
          signature: { format, data },
        });
        expect(code(reply), name).to.equal('invalid_input');
      }
      const manyStrokes = SVG_SIGNATURE.replace(
        '</svg>',
        `${'<path fill="none" stroke="#000000" d="M 1 1 l 2 2"/>'.repeat(4200)}</svg>`,
      );
      expect(manyStrokes.length).to.be.within(200 * 1024, 250 * 1024);
      const tooBig = await ask(scene.citizen.socket, 'sign:draw', {
        documentId: document.id,
        signature: { format: 'svg', data: manyStrokes },
      });
      expect(code(tooBig)).to.equal('invalid_input');
      const still = await must(scene.citizen.socket, 'case:open', {});
      expect(still.documents[0]!.status).to.equal('awaiting_signature');
      const svgSigned = await must(scene.citizen.socket, 'sign:draw', {
        documentId: document.id,
        signature: { format: 'svg', data: SVG_SIGNATURE },
      });
      expect(svgSigned.status).to.equal('sealed');
    });

    it('reveals a Hidden-TAN only to the citizen who asks, and accepts it once', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const document = await frozenDocument(scene, 'meldebescheinigung');
      const clerkSaw = caseEvents(scene.clerk.socket);
      const issued = await must(scene.citizen.socket, 'sign:requestTan', {
        documentId: document.id,
        channel: 'hidden',
      });
      expect(issued.tan).to.match(/^\d{6}$/);
      expect(issued.attemptsLeft).to.equal(3);
      expect(new Date(issued.expiresAt).getTime() - svc.clock.now().getTime()).to.be.within(290_000, 300_000);
      const sealed = await must(scene.citizen.socket, 'sign:confirmTan', { documentId: document.id, tan: issued.tan });
      expect(sealed).to.include({ status: 'sealed', signatureMethod: 'tan' });
      expect(JSON.stringify(clerkSaw)).not.to.include(`"tan":"${issued.tan}"`);
      expect(clerkSaw.some((e) => /"tan":/.test(JSON.stringify(e.payload)))).to.equal(false);
      const twice = await ask(scene.citizen.socket, 'sign:confirmTan', { documentId: document.id, tan: issued.tan });
      expect(code(twice)).to.equal('invalid_state');
      expect(refusal(twice)).to.deep.equal({ reason: 'already_signed' });
      expect(logs.join('\n')).not.to.include(issued.tan!);
    });

    it('locks a TAN after three wrong tries', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const document = await frozenDocument(scene, 'meldebescheinigung');
      const { tan } = await must(scene.citizen.socket, 'sign:requestTan', {
        documentId: document.id,
        channel: 'hidden',
      });
      const wrong = String((Number(tan) + 1) % 1_000_000).padStart(6, '0');
      const tries = [];
      for (let i = 0; i < 3; i += 1)
        tries.push(await ask(scene.citizen.socket, 'sign:confirmTan', { documentId: document.id, tan: wrong }));
      expect(tries.map(code)).to.deep.equal(['invalid_input', 'invalid_input', 'invalid_input']);
      expect(tries.map(refusal)).to.deep.equal([
        { reason: 'tan_wrong', attemptsLeft: 2 },
        { reason: 'tan_wrong', attemptsLeft: 1 },
        { reason: 'tan_wrong', attemptsLeft: 0 },
      ]);
      const right = await ask(scene.citizen.socket, 'sign:confirmTan', { documentId: document.id, tan });
      expect(code(right)).to.equal('invalid_state');
      expect(refusal(right)).to.deep.equal({ reason: 'tan_locked' });
      const still = await must(scene.clerk.socket, 'case:open', {});
      expect(still.documents[0]!.status).to.equal('awaiting_signature');
      const fresh = await must(scene.citizen.socket, 'sign:requestTan', { documentId: document.id, channel: 'hidden' });
      expect(
        (await must(scene.citizen.socket, 'sign:confirmTan', { documentId: document.id, tan: fresh.tan })).status,
      ).to.equal('sealed');
    });

    it('refuses an expired TAN', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const document = await frozenDocument(scene, 'meldebescheinigung');
      const { tan } = await must(scene.citizen.socket, 'sign:requestTan', {
        documentId: document.id,
        channel: 'hidden',
      });
      svc.clock.shift(5 * 60_000 + 1000);
      const late = await ask(scene.citizen.socket, 'sign:confirmTan', { documentId: document.id, tan });
      expect(code(late)).to.equal('invalid_state');
      expect(refusal(late)).to.deep.equal({ reason: 'tan_expired' });
    });

    it('refuses a TAN of another document, and a TAN replaced by a newer one', async () => {
      scene = await caseScene(svc, ['meldebescheinigung', 'fuehrungszeugnis']);
      const first = await frozenDocument(scene, 'meldebescheinigung');
      const second = await frozenDocument(scene, 'fuehrungszeugnis');
      const forFirst = await must(scene.citizen.socket, 'sign:requestTan', { documentId: first.id, channel: 'hidden' });
      expect(
        refusal(await ask(scene.citizen.socket, 'sign:confirmTan', { documentId: second.id, tan: forFirst.tan })),
        'no TAN for the second yet',
      ).to.deep.equal({ reason: 'tan_missing' });
      const forSecond = await must(scene.citizen.socket, 'sign:requestTan', {
        documentId: second.id,
        channel: 'hidden',
      });
      if (forSecond.tan !== forFirst.tan) {
        expect(
          refusal(await ask(scene.citizen.socket, 'sign:confirmTan', { documentId: second.id, tan: forFirst.tan })),
          'the first document’s TAN',
        ).to.deep.equal({ reason: 'tan_other_document', attemptsLeft: 2 });
      }
      const replacement = await must(scene.citizen.socket, 'sign:requestTan', {
        documentId: first.id,
        channel: 'hidden',
      });
      if (replacement.tan !== forFirst.tan) {
        expect(
          refusal(await ask(scene.citizen.socket, 'sign:confirmTan', { documentId: first.id, tan: forFirst.tan })),
        ).to.deep.equal({ reason: 'tan_wrong', attemptsLeft: 2 });
      }
      expect(
        (await must(scene.citizen.socket, 'sign:confirmTan', { documentId: first.id, tan: replacement.tan })).status,
      ).to.equal('sealed');
    });

    it('sends an SMS-TAN through the SMS gateway to the phone number in the form', async () => {
      scene = await caseScene(svc, ['fuehrungszeugnis']);
      const document = await frozenDocument(scene, 'fuehrungszeugnis', { telefon: '+49 170 1234567' });
      // Offered: the gateway is configured and the form has the number (masked in the document's view).
      expect(document.smsTanTo).to.equal('+49 ••• ••• 67');
      expect(scene.citizenCase.signing.tanChannels).to.include('sms');
      const issued = await must(scene.citizen.socket, 'sign:requestTan', { documentId: document.id, channel: 'sms' });
      expect(issued.tan).to.equal(undefined);
      expect(issued.sentTo).to.equal('+49 ••• ••• 67');
      const outbox = path.join(svc.dataDir, 'casework', 'sms-outbox', scene.room);
      const files = (await readdir(outbox)).sort();
      const message = JSON.parse(await readFile(path.join(outbox, files.at(-1)!), 'utf8')) as {
        to: string;
        text: string;
      };
      expect(message.to).to.equal('+491701234567');
      const tan = /(\d{6})/.exec(message.text)![1]!;
      const sealed = await must(scene.citizen.socket, 'sign:confirmTan', { documentId: document.id, tan });
      expect(sealed.signatureMethod).to.equal('tan');
      expect(sealed, 'no SMS offer once sealed').to.not.have.property('smsTanTo');
      expect(logs.join('\n')).not.to.include(tan);
    });
  });
}
