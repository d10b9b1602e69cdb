/**
 * Concurrent signing on SQLite and MariaDB (issue 11, defect 1): the right TAN confirmed several times at
 * once (double taps, a retrying client, a second connection through another service process on the same
 * database) seals the document exactly once and the other replies say `already_signed`; right guesses never count as wrong tries; the
 * `attemptsLeft` of concurrent wrong guesses count down without gaps or repeats; a drawn signature racing
 * TANs still wins or loses as a whole.
 */
import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../../support/databases.ts';
import { connectSocket, request, type RoomClient } from '../support.ts';
import { frozenDocument } from './fill.ts';
import { PNG_SIGNATURE } from './signatures.ts';
import {
  ask,
  caseScene,
  closeScene,
  must,
  startCaseworkService,
  type CaseworkService,
  type CaseScene,
} from './support.ts';

type AnyReply = { ok: boolean; error?: { code: string; reason?: string; attemptsLeft?: number } };
const outcome = (reply: AnyReply) =>
  reply.ok
    ? 'sealed'
    : `${reply.error!.reason ?? reply.error!.code}${reply.error!.attemptsLeft === undefined ? '' : `:${reply.error!.attemptsLeft}`}`;
const wrongOf = (tan: string) => String((Number(tan) + 1) % 1_000_000).padStart(6, '0');

for (const { kind, create } of DATABASES) {
  describe(`casework signing, concurrent confirmations (${kind})`, function () {
    this.timeout(120_000);
    let database: TestDatabase;
    let svc: CaseworkService;
    let second: CaseworkService;
    let scene: CaseScene | undefined;
    const extraSockets: RoomClient[] = [];

    before(async () => {
      database = await create();
      svc = await startCaseworkService({ database });
      // A second process of the service on the same database (the video service scales out this way).
      second = await startCaseworkService({ database });
    });
    after(async () => {
      await second?.close();
      await svc?.close();
      await database?.drop();
    });
    afterEach(() => {
      closeScene(scene);
      for (const socket of extraSockets.splice(0)) socket.close();
    });

    /** A second connection of the citizen (same session) through `on`, joined to the room. (Through the same
     * process it would take the citizen's seat from the first one: single seat.) */
    async function citizenTab(on: CaseworkService): Promise<RoomClient> {
      const socket = await connectSocket(on.baseUrl, { session: scene!.citizen.sessionToken });
      extraSockets.push(socket);
      const joined = await request(socket, 'room:join', {});
      if (!joined.ok) throw new Error(`room:join failed: ${joined.error.message}`);
      return socket;
    }

    async function documentStatus(): Promise<{ status: string; signatureMethod: string | null }> {
      const snapshot = await must(scene!.clerk.socket, 'case:open', {});
      const document = snapshot.documents[0]!;
      return { status: document.status, signatureMethod: document.signatureMethod ?? null };
    }

    it('seals once when the right TAN is confirmed eight times at once, over two processes', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const document = await frozenDocument(scene, 'meldebescheinigung');
      const tan = (await must(scene.citizen.socket, 'sign:requestTan', { documentId: document.id, channel: 'hidden' }))
        .tan!;
      const tabs = [scene.citizen.socket, await citizenTab(second)];
      const replies = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          ask(tabs[i % tabs.length]!, 'sign:confirmTan', { documentId: document.id, tan }),
        ),
      );
      const outcomes = replies.map(outcome).sort();
      expect(outcomes).to.deep.equal([
        'already_signed',
        'already_signed',
        'already_signed',
        'already_signed',
        'already_signed',
        'already_signed',
        'already_signed',
        'sealed',
      ]);
      expect(await documentStatus()).to.deep.equal({ status: 'sealed', signatureMethod: 'tan' });
    });

    it('counts only the wrong guesses among concurrent tries, with exact attemptsLeft', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const document = await frozenDocument(scene, 'meldebescheinigung');
      const tan = (await must(scene.citizen.socket, 'sign:requestTan', { documentId: document.id, channel: 'hidden' }))
        .tan!;
      const tab = await citizenTab(second);
      const guesses = [tan, wrongOf(tan), tan, tan, wrongOf(tan), tan];
      const replies = await Promise.all(
        guesses.map((guess, i) =>
          ask(i % 2 ? tab : scene!.citizen.socket, 'sign:confirmTan', { documentId: document.id, tan: guess }),
        ),
      );
      const right = replies
        .filter((_, i) => guesses[i] === tan)
        .map(outcome)
        .sort();
      const wrong = replies
        .filter((_, i) => guesses[i] !== tan)
        .map(outcome)
        .sort();
      // The right guesses: one seals, the rest find it signed; none is ever called wrong or locked.
      expect(right).to.deep.equal(['already_signed', 'already_signed', 'already_signed', 'sealed']);
      // A wrong guess judged before the right one counts (2 left, then 1); one judged after finds it signed.
      const counted = wrong.filter((o) => o.startsWith('tan_wrong'));
      expect(counted).to.deep.equal(['tan_wrong:2', 'tan_wrong:1'].slice(0, counted.length).sort());
      expect(wrong.filter((o) => !o.startsWith('tan_wrong')).every((o) => o === 'already_signed')).to.equal(true);
      expect(await documentStatus()).to.deep.equal({ status: 'sealed', signatureMethod: 'tan' });
    });

    it('gives five concurrent wrong guesses 2, 1 and 0 tries left and locks the TAN for the rest', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const document = await frozenDocument(scene, 'meldebescheinigung');
      const tan = (await must(scene.citizen.socket, 'sign:requestTan', { documentId: document.id, channel: 'hidden' }))
        .tan!;
      const tab = await citizenTab(second);
      const replies = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          ask(i % 2 ? tab : scene!.citizen.socket, 'sign:confirmTan', { documentId: document.id, tan: wrongOf(tan) }),
        ),
      );
      expect(replies.map(outcome).sort()).to.deep.equal([
        'tan_locked',
        'tan_locked',
        'tan_wrong:0',
        'tan_wrong:1',
        'tan_wrong:2',
      ]);
      expect(outcome(await ask(scene.citizen.socket, 'sign:confirmTan', { documentId: document.id, tan }))).to.equal(
        'tan_locked',
      );
      expect(await documentStatus()).to.deep.equal({ status: 'awaiting_signature', signatureMethod: null });
      const fresh = await must(scene.citizen.socket, 'sign:requestTan', { documentId: document.id, channel: 'hidden' });
      expect(
        outcome(await ask(scene.citizen.socket, 'sign:confirmTan', { documentId: document.id, tan: fresh.tan })),
      ).to.equal('sealed');
    });

    it('seals once when drawn signatures race four right TANs', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const document = await frozenDocument(scene, 'meldebescheinigung');
      const tan = (await must(scene.citizen.socket, 'sign:requestTan', { documentId: document.id, channel: 'hidden' }))
        .tan!;
      const tab = await citizenTab(second);
      const replies = await Promise.all([
        ask(scene.citizen.socket, 'sign:confirmTan', { documentId: document.id, tan }),
        ask(tab, 'sign:draw', { documentId: document.id, signature: { format: 'png', data: PNG_SIGNATURE } }),
        ask(tab, 'sign:confirmTan', { documentId: document.id, tan }),
        ask(scene.citizen.socket, 'sign:draw', {
          documentId: document.id,
          signature: { format: 'png', data: PNG_SIGNATURE },
        }),
        ask(scene.citizen.socket, 'sign:confirmTan', { documentId: document.id, tan }),
        ask(tab, 'sign:confirmTan', { documentId: document.id, tan }),
      ]);
      expect(replies.map(outcome).sort()).to.deep.equal([
        'already_signed',
        'already_signed',
        'already_signed',
        'already_signed',
        'already_signed',
        'sealed',
      ]);
      const winner = replies.findIndex((r) => r.ok);
      const { status, signatureMethod } = await documentStatus();
      expect(status).to.equal('sealed');
      expect(signatureMethod).to.equal(winner === 1 || winner === 3 ? 'drawn' : 'tan');
    });
  });
}
