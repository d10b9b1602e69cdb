/**
 * Casework authorisation through the socket and HTTP interfaces: a participant of room A can read and
 * change nothing of room B (ids of B are simply not found, B's notifications never reach A), waiting
 * participants get nothing at all, and every casework request has its matrix of who may send it.
 */
import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../../support/databases.ts';
import type {
  CaseworkClientToServerEvents,
  DocumentInfo,
  StillRequest,
} from '../../../video-service/src/contract/casework.ts';
import { request, settle, type RoomClient } from '../support.ts';
import { frozenDocument } from './fill.ts';
import { PNG_SIGNATURE } from './signatures.ts';
import { pdf } from './upload-fixtures.ts';
import {
  ask,
  caseEvents,
  caseScene,
  closeScene,
  enter,
  must,
  roomClaims,
  startCaseworkService,
  withSession,
  type CaseworkService,
  type CaseScene,
  type Participant,
} from './support.ts';

const NO_PAYMENT = '00000000-0000-4000-8000-000000000000';
const code = (reply: { ok: boolean; error?: { code: string } }) => (reply.ok ? 'ok' : reply.error!.code);

for (const { kind, create } of DATABASES) {
  describe(`casework isolation between rooms (${kind})`, function () {
    this.timeout(60_000);
    let database: TestDatabase;
    let svc: CaseworkService;
    let a: CaseScene | undefined;
    let b: CaseScene | undefined;

    before(async () => {
      database = await create();
      svc = await startCaseworkService({ database });
    });
    after(async () => {
      closeScene(a);
      closeScene(b);
      await svc?.close();
      await database?.drop();
    });

    it('lets a participant of room A read and change nothing of room B', async () => {
      a = await caseScene(svc, ['meldebescheinigung']);
      b = await caseScene(svc, ['meldebescheinigung']);
      const seenByA = [...caseEvents(a.citizen.socket), ...caseEvents(a.clerk.socket)];
      const bFrozen = await frozenDocument(b, 'meldebescheinigung');
      const bSealed = await must(b.citizen.socket, 'sign:draw', {
        documentId: bFrozen.id,
        signature: { format: 'png', data: PNG_SIGNATURE },
      });
      const bFile = (await (
        await withSession(svc, b.citizen, '/api/casework/files', {
          method: 'POST',
          body: (await pdf()) as unknown as BodyInit,
        })
      ).json()) as { id: string; downloadUrl: string };
      const bForm = b.form('meldebescheinigung').id;

      const attempts: Array<[RoomClient, keyof CaseworkClientToServerEvents, unknown]> = [
        [a.citizen.socket, 'form:change', { formId: bForm, field: 'familienname', value: 'X', baseVersion: 0 }],
        [a.citizen.socket, 'form:focus', { formId: bForm, field: 'familienname' }],
        [a.clerk.socket, 'form:freeze', { formId: bForm }],
        [a.citizen.socket, 'sign:draw', { documentId: bFrozen.id, signature: { format: 'png', data: PNG_SIGNATURE } }],
        [a.citizen.socket, 'sign:requestTan', { documentId: bFrozen.id, channel: 'hidden' }],
        [a.citizen.socket, 'document:link', { documentId: bSealed.id }],
        [a.clerk.socket, 'document:link', { documentId: bSealed.id }],
      ];
      for (const [socket, event, payload] of attempts)
        expect(code(await ask(socket, event, payload)), event).to.equal('not_found');
      for (const who of [a.citizen, a.clerk]) {
        for (const url of [bSealed.downloadUrl!, bSealed.reviewUrl, bFile.downloadUrl]) {
          expect((await withSession(svc, who, url)).status, url).to.equal(404);
        }
      }
      await settle(200);
      const leaked = JSON.stringify(seenByA);
      for (const secret of [b.room, bForm, bFrozen.id, bFile.id]) expect(leaked).not.to.include(secret);
      expect((await must(a.citizen.socket, 'case:open', {})).documents).to.deep.equal([]);
      expect((await must(b.citizen.socket, 'case:open', {})).forms[0]!.fields['familienname']!.value).to.equal(
        'Mustermann',
      );
    });

    it('gives a waiting participant nothing, and stops everything for someone sent back to the lobby', async () => {
      a = await caseScene(svc, ['meldebescheinigung']);
      const claims = roomClaims(['meldebescheinigung'], { room: a.room });
      const waiting = await enter(svc, { ...claims.citizen, sub: `citizen2-${a.room}` });
      const events = caseEvents(waiting.socket);
      try {
        expect(code(await ask(waiting.socket, 'case:open', {}))).to.equal('forbidden');
        expect(
          code(
            await ask(waiting.socket, 'form:change', {
              formId: a.form('meldebescheinigung').id,
              field: 'familienname',
              value: 'X',
              baseVersion: 0,
            }),
          ),
        ).to.equal('forbidden');
        expect(
          (
            await withSession(svc, waiting, '/api/casework/files', {
              method: 'POST',
              body: (await pdf()) as unknown as BodyInit,
            })
          ).status,
        ).to.equal(403);
        await must(a.clerk.socket, 'agenda:set', { itemId: 'meldebescheinigung:doc:0', state: 'done' });
        await must(a.citizen.socket, 'form:change', {
          formId: a.form('meldebescheinigung').id,
          field: 'anzahl',
          value: '2',
          baseVersion: 0,
        });

        const returned = await request(a.clerk.socket, 'lobby:return', { participantId: a.citizen.id });
        expect(returned.ok).to.equal(true);
        const afterReturn = caseEvents(a.citizen.socket);
        await must(a.clerk.socket, 'agenda:set', { itemId: 'meldebescheinigung:doc:0', state: 'open' });
        await settle(300);
        expect(afterReturn.filter((e) => e.event.startsWith('case:') || e.event.startsWith('form:'))).to.deep.equal([]);
        expect(code(await ask(a.citizen.socket, 'case:open', {}))).to.equal('forbidden');
        expect(events.filter((e) => !['room:snapshot', 'lobby:changed'].includes(e.event))).to.deep.equal([]);
      } finally {
        waiting.socket.close();
      }
    });
  });
}

describe('casework authorisation matrix (sqlite)', function () {
  this.timeout(180_000);
  type Who = 'clerk' | 'citizen' | 'guest' | 'citizenWaiting' | 'guestWaiting' | 'foreignClerk';
  type Outcome = 'ok' | 'forbidden' | 'not_found' | 'invalid_state';
  let svc: CaseworkService;
  before(async () => {
    svc = await startCaseworkService();
  });
  after(async () => svc?.close());

  interface Stage {
    scene: CaseScene;
    people: Record<Who, Participant>;
    frozen: DocumentInfo;
    sealed: DocumentInfo;
    tan: string;
    still: StillRequest;
  }

  async function stage(): Promise<Stage> {
    const scene = await caseScene(svc, ['meldebescheinigung', 'fuehrungszeugnis', 'lebensbescheinigung']);
    const claims = roomClaims([], { room: scene.room });
    const guest = await enter(svc, { ...claims.citizen, sub: `guest-${scene.room}`, role: 'guest' });
    expect((await request(scene.clerk.socket, 'lobby:admit', { participantId: guest.id })).ok).to.equal(true);
    await must(guest.socket, 'case:open', {});
    const citizenWaiting = await enter(svc, { ...claims.citizen, sub: `citizen2-${scene.room}` });
    const guestWaiting = await enter(svc, { ...claims.citizen, sub: `guest2-${scene.room}`, role: 'guest' });
    const foreign = roomClaims(['meldebescheinigung']);
    const foreignClerk = await enter(svc, foreign.clerk);
    const sealedDraft = await frozenDocument(scene, 'meldebescheinigung');
    const sealed = await must(scene.citizen.socket, 'sign:draw', {
      documentId: sealedDraft.id,
      signature: { format: 'png', data: PNG_SIGNATURE },
    });
    const frozen = await frozenDocument(scene, 'fuehrungszeugnis');
    const { tan } = await must(scene.citizen.socket, 'sign:requestTan', { documentId: frozen.id, channel: 'hidden' });
    await must(scene.clerk.socket, 'idcheck:start', { documentType: 'personalausweis' });
    await must(scene.clerk.socket, 'idcheck:ask', { questionId: 'doc_birth_place' });
    await must(scene.clerk.socket, 'idcheck:step', { step: 'review' });
    const still = await must(scene.clerk.socket, 'idcheck:requestStill', {});
    return {
      scene,
      people: { clerk: scene.clerk, citizen: scene.citizen, guest, citizenWaiting, guestWaiting, foreignClerk },
      frozen,
      sealed,
      tan: tan!,
      still,
    };
  }

  const row = (clerk: Outcome, citizen: Outcome, guest: Outcome, foreignClerk: Outcome) =>
    ({ clerk, citizen, guest, citizenWaiting: 'forbidden', guestWaiting: 'forbidden', foreignClerk }) as Record<
      Who,
      Outcome
    >;
  const clerkOnly = row('ok', 'forbidden', 'forbidden', 'not_found');
  const citizenOnly = row('forbidden', 'ok', 'forbidden', 'forbidden');

  const MATRIX: Record<
    keyof CaseworkClientToServerEvents,
    { row: Record<Who, Outcome>; payload: (s: Stage) => unknown }
  > = {
    'case:open': { row: row('ok', 'ok', 'ok', 'ok'), payload: () => ({}) },
    'agenda:set': { row: clerkOnly, payload: () => ({ itemId: 'fuehrungszeugnis:fee', state: 'done' }) },
    'form:change': {
      row: row('ok', 'ok', 'forbidden', 'not_found'),
      payload: (s) => ({
        formId: s.scene.form('lebensbescheinigung').id,
        field: 'familienname',
        value: 'Neu',
        baseVersion: 0,
      }),
    },
    'form:focus': {
      row: row('ok', 'ok', 'ok', 'not_found'),
      payload: (s) => ({ formId: s.scene.form('lebensbescheinigung').id, field: 'familienname' }),
    },
    // The clerk may freeze, but this form still has open issues.
    'form:freeze': {
      row: row('invalid_state', 'forbidden', 'forbidden', 'not_found'),
      payload: (s) => ({ formId: s.scene.form('lebensbescheinigung').id }),
    },
    'idcheck:start': { row: clerkOnly, payload: () => ({ documentType: 'reisepass' }) },
    'idcheck:step': { row: clerkOnly, payload: () => ({ step: 'front' }) },
    'idcheck:checklist': { row: clerkOnly, payload: () => ({ item: 'photoMatches', value: true }) },
    'idcheck:ask': { row: clerkOnly, payload: () => ({ questionId: 'doc_expiry' }) },
    'idcheck:answer': { row: clerkOnly, payload: () => ({ questionId: 'doc_birth_place', answer: 'correct' }) },
    'idcheck:complete': { row: clerkOnly, payload: () => ({ verified: false, numberLast4: null }) },
    'idcheck:cancel': { row: clerkOnly, payload: () => ({}) },
    'idcheck:requestStill': { row: clerkOnly, payload: () => ({}) },
    // Only the citizen's device answers a request, and only towards the clerks (never clerk → citizen).
    'idcheck:stillChunk': {
      row: citizenOnly,
      payload: (s) => ({
        requestId: s.still.requestId,
        step: s.still.step,
        mime: 'image/jpeg',
        width: 4,
        height: 3,
        bytes: 64,
        source: 'frame',
        seq: 0,
        data: Buffer.alloc(64, 7),
      }),
    },
    'idcheck:stillAnswer': {
      row: citizenOnly,
      payload: (s) => ({ requestId: s.still.requestId, phase: 'failed', reason: 'camera_off' }),
    },
    'sign:draw': {
      row: citizenOnly,
      payload: (s) => ({ documentId: s.frozen.id, signature: { format: 'png', data: PNG_SIGNATURE } }),
    },
    'sign:requestTan': { row: citizenOnly, payload: (s) => ({ documentId: s.frozen.id, channel: 'hidden' }) },
    'sign:confirmTan': { row: citizenOnly, payload: (s) => ({ documentId: s.frozen.id, tan: s.tan }) },
    // Leaving the signing of a sealed document: a no-op for the citizen, refused for everyone else.
    'sign:presence': { row: citizenOnly, payload: (s) => ({ documentId: s.sealed.id, open: false }) },
    'document:link': { row: row('ok', 'ok', 'forbidden', 'not_found'), payload: (s) => ({ documentId: s.sealed.id }) },
    'case:finish': { row: clerkOnly, payload: () => ({}) },
    'case:documentsLink': { row: row('ok', 'ok', 'forbidden', 'not_found'), payload: () => ({}) },
    // This service has no event receiver, so nobody could send the mail: refused as such, after authorisation.
    'case:mailDocumentsLink': {
      row: row('invalid_state', 'invalid_state', 'forbidden', 'not_found'),
      payload: () => ({}),
    },
    // Payments (issue 12): ids of another room, or none at all, are not found; guests see nothing of the fees.
    'fees:get': { row: row('ok', 'ok', 'forbidden', 'not_found'), payload: () => ({}) },
    'fees:adjust': {
      row: clerkOnly,
      payload: () => ({ service: 'meldebescheinigung', kind: 'waive', reason: 'Gebührenbefreiung (Sozialleistung)' }),
    },
    'payment:request': { row: clerkOnly, payload: () => ({}) },
    'payment:cancel': {
      row: row('not_found', 'forbidden', 'forbidden', 'not_found'),
      payload: () => ({ paymentId: NO_PAYMENT }),
    },
    'payment:start': {
      row: row('forbidden', 'not_found', 'forbidden', 'forbidden'),
      payload: () => ({ paymentId: NO_PAYMENT, method: 'sandbox' }),
    },
    'payment:refresh': {
      row: row('not_found', 'not_found', 'forbidden', 'not_found'),
      payload: () => ({ paymentId: NO_PAYMENT }),
    },
  };

  // Callers who must fail go first, so a success cannot change what the others meet.
  const ORDER: Who[] = ['citizenWaiting', 'guestWaiting', 'foreignClerk', 'guest', 'citizen', 'clerk'];

  for (const [event, { row: expected, payload }] of Object.entries(MATRIX) as Array<
    [keyof CaseworkClientToServerEvents, (typeof MATRIX)[keyof CaseworkClientToServerEvents]]
  >) {
    it(`${event}: ${ORDER.map((w) => `${w} ${expected[w]}`).join(', ')}`, async () => {
      const s = await stage();
      try {
        const inRoom = [s.people.clerk, s.people.citizen, s.people.guest].map((p) => caseEvents(p.socket));
        const ordered = [...ORDER].sort((x, y) => Number(expected[x] === 'ok') - Number(expected[y] === 'ok'));
        for (const who of ordered) {
          const before = inRoom.map((e) => e.length);
          const reply = await ask(s.people[who].socket, event, payload(s));
          expect(code(reply), who).to.equal(expected[who]);
          if (who === 'foreignClerk' || expected[who] !== 'ok') {
            await settle(50);
            expect(
              inRoom.map((e) => e.length),
              `${who} reached the room`,
            ).to.deep.equal(before);
          }
        }
      } finally {
        for (const p of Object.values(s.people)) p.socket.close();
      }
    });
  }
});
