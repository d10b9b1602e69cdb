/**
 * The ID check's "stills" mode through the socket (the relay used when no peer-to-peer data channel is
 * available): the clerk asks, the citizen's device answers in chunks, the clerk receives exactly those
 * bytes, and the server keeps nothing of them (no row, no file). Refused: a still nobody asked for, a
 * request of another room, a check that moved on or ended, chunks that do not fit, the clerk sending
 * towards the citizen.
 */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { STILL_CHUNK_BYTES, type StillChunk, type StillRequest } from '../../../video-service/src/contract/casework.ts';
import { request as roomRequest, settle } from '../support.ts';
import { forgedSignature } from '../../support/forge.ts';
import {
  ask,
  caseEvents,
  caseScene,
  closeScene,
  must,
  nextCaseEvent,
  startCaseworkService,
  type CaseworkService,
  type CaseScene,
} from './support.ts';

const code = (reply: { ok: boolean; error?: { code: string } }) => (reply.ok ? 'ok' : reply.error!.code);

/** The still split as the room UI splits it. */
function chunksOf(request: StillRequest, bytes: Buffer): StillChunk[] {
  const header = {
    requestId: request.requestId,
    step: request.step,
    mime: 'image/jpeg' as const,
    width: 1920,
    height: 1080,
    bytes: bytes.length,
    source: 'photo' as const,
  };
  const chunks: StillChunk[] = [];
  for (let seq = 0; seq * STILL_CHUNK_BYTES < bytes.length; seq += 1)
    chunks.push({ ...header, seq, data: bytes.subarray(seq * STILL_CHUNK_BYTES, (seq + 1) * STILL_CHUNK_BYTES) });
  return chunks;
}

/** Every file under `dir` (the SQLite database and its journal included). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('ID check stills relayed through the socket (sqlite)', function () {
  this.timeout(60_000);
  let svc: CaseworkService;
  let scene: CaseScene | undefined;
  let other: CaseScene | undefined;

  before(async () => {
    svc = await startCaseworkService();
  });
  after(async () => svc?.close());
  afterEach(() => {
    closeScene(scene);
    closeScene(other);
  });

  it('forwards the citizen’s still to the clerk byte for byte and stores nothing of it', async () => {
    scene = await caseScene(svc, ['meldebescheinigung']);
    await must(scene.clerk.socket, 'idcheck:start', { documentType: 'personalausweis' });
    await must(scene.clerk.socket, 'idcheck:step', { step: 'back' });
    const asked = nextCaseEvent(scene.citizen.socket, 'idcheck:stillRequested');
    const clerkSaw = caseEvents(scene.clerk.socket);
    const citizenSaw = caseEvents(scene.citizen.socket);
    const request = await must(scene.clerk.socket, 'idcheck:requestStill', {});
    expect(request).to.include({ step: 'back', chunkBytes: STILL_CHUNK_BYTES });
    expect(await asked).to.include({ requestId: request.requestId, step: 'back', clerkId: scene.clerk.id });

    // Random bytes with a marker that can be searched for afterwards.
    const still = Buffer.concat([Buffer.from('VA-STILL-MARKER-'), randomBytes(3 * STILL_CHUNK_BYTES + 1000)]);
    for (const chunk of chunksOf(request, still))
      expect(code(await ask(scene.citizen.socket, 'idcheck:stillChunk', chunk))).to.equal('ok');
    await settle(200);
    const received = clerkSaw.filter((e) => e.event === 'idcheck:stillChunk').map((e) => e.payload as StillChunk);
    expect(received.map((c) => c.seq)).to.deep.equal([0, 1, 2, 3]);
    expect(received[0]).to.include({
      width: 1920,
      height: 1080,
      bytes: still.length,
      mime: 'image/jpeg',
      step: 'back',
    });
    expect(
      Buffer.concat(received.map((c) => Buffer.from(c.data as Uint8Array))).equals(still),
      'the same bytes',
    ).to.equal(true);
    expect(
      citizenSaw.filter((e) => e.event === 'idcheck:stillChunk'),
      'nothing back to the citizen',
    ).to.deep.equal([]);

    for (const file of await filesUnder(svc.dataDir)) {
      expect(
        (await readFile(file)).includes('VA-STILL-MARKER-'),
        `${path.relative(svc.dataDir, file)} holds no part of the still`,
      ).to.equal(false);
    }
  });

  it('answers a second request for the same step at once (a new request id, bytes counted afresh)', async () => {
    scene = await caseScene(svc, ['meldebescheinigung']);
    await must(scene.clerk.socket, 'idcheck:start', { documentType: 'personalausweis' });
    const clerkSaw = caseEvents(scene.clerk.socket);
    const still = randomBytes(STILL_CHUNK_BYTES + 700);
    // The clerk asks again right after the first picture came (blurry): same step, same second.
    const first = await must(scene.clerk.socket, 'idcheck:requestStill', {});
    for (const chunk of chunksOf(first, still))
      expect(code(await ask(scene.citizen.socket, 'idcheck:stillChunk', chunk))).to.equal('ok');
    const second = await must(scene.clerk.socket, 'idcheck:requestStill', {});
    expect(second.requestId, 'a request of its own').to.not.equal(first.requestId);
    for (const chunk of chunksOf(second, still))
      expect(code(await ask(scene.citizen.socket, 'idcheck:stillChunk', chunk)), 'the second still').to.equal('ok');
    await settle(200);
    const relayedFor = (id: string) =>
      clerkSaw.filter((e) => e.event === 'idcheck:stillChunk' && (e.payload as StillChunk).requestId === id).length;
    expect([relayedFor(first.requestId), relayedFor(second.requestId)]).to.deep.equal([2, 2]);
  });

  it('tells the clerk at once that the citizen’s device is taking the still, or why it cannot', async () => {
    scene = await caseScene(svc, ['meldebescheinigung']);
    other = await caseScene(svc, ['meldebescheinigung']);
    await must(scene.clerk.socket, 'idcheck:start', { documentType: 'personalausweis' });
    await must(other.clerk.socket, 'idcheck:start', { documentType: 'personalausweis' });
    const request = await must(scene.clerk.socket, 'idcheck:requestStill', {});
    const clerkSaw = caseEvents(scene.clerk.socket);
    const citizenSaw = caseEvents(scene.citizen.socket);
    const otherClerkSaw = caseEvents(other.clerk.socket);

    expect(
      code(
        await ask(scene.citizen.socket, 'idcheck:stillAnswer', { requestId: request.requestId, phase: 'capturing' }),
      ),
    ).to.equal('ok');
    expect(
      code(
        await ask(scene.citizen.socket, 'idcheck:stillAnswer', {
          requestId: request.requestId,
          phase: 'failed',
          reason: 'camera_off',
        }),
      ),
    ).to.equal('ok');
    // Refused: another room's request, a forged one, a reason nobody defined, the clerk answering.
    expect(
      code(
        await ask(other.citizen.socket, 'idcheck:stillAnswer', {
          requestId: request.requestId,
          phase: 'failed',
          reason: 'camera_off',
        }),
      ),
    ).to.equal('not_found');
    expect(
      code(
        await ask(scene.citizen.socket, 'idcheck:stillAnswer', {
          requestId: forgedSignature(request.requestId),
          phase: 'capturing',
        }),
      ),
    ).to.equal('forbidden');
    expect(
      code(
        await ask(scene.citizen.socket, 'idcheck:stillAnswer', {
          requestId: request.requestId,
          phase: 'failed',
          reason: 'bored',
        }),
      ),
    ).to.equal('invalid_input');
    expect(
      code(await ask(scene.clerk.socket, 'idcheck:stillAnswer', { requestId: request.requestId, phase: 'capturing' })),
    ).to.equal('forbidden');
    await settle(200);

    const answers = clerkSaw.filter((e) => e.event === 'idcheck:stillAnswer').map((e) => e.payload);
    expect(answers).to.deep.equal([
      { requestId: request.requestId, phase: 'capturing' },
      { requestId: request.requestId, phase: 'failed', reason: 'camera_off' },
    ]);
    expect(
      citizenSaw.filter((e) => e.event === 'idcheck:stillAnswer'),
      'nothing back to the citizen',
    ).to.deep.equal([]);
    expect(
      otherClerkSaw.filter((e) => e.event === 'idcheck:stillAnswer'),
      'nothing to another room',
    ).to.deep.equal([]);
  });

  it('refuses a still nobody asked for, another room’s request, chunks that do not fit, and a check that moved on', async () => {
    scene = await caseScene(svc, ['meldebescheinigung']);
    other = await caseScene(svc, ['meldebescheinigung']);
    await must(scene.clerk.socket, 'idcheck:start', { documentType: 'personalausweis' });
    await must(other.clerk.socket, 'idcheck:start', { documentType: 'personalausweis' });
    const clerkSaw = caseEvents(scene.clerk.socket);
    const otherClerkSaw = caseEvents(other.clerk.socket);
    const request = await must(scene.clerk.socket, 'idcheck:requestStill', {});
    const otherRequest = await must(other.clerk.socket, 'idcheck:requestStill', {});
    const [chunk] = chunksOf(request, randomBytes(500));

    expect(
      code(
        await ask(scene.citizen.socket, 'idcheck:stillChunk', {
          ...chunk!,
          requestId: forgedSignature(request.requestId),
        }),
      ),
      'forged request',
    ).to.equal('forbidden');
    expect(
      code(await ask(scene.citizen.socket, 'idcheck:stillChunk', { ...chunk!, requestId: otherRequest.requestId })),
      'room B’s request from room A',
    ).to.equal('not_found');
    expect(code(await ask(other.citizen.socket, 'idcheck:stillChunk', chunk)), 'room A’s request from room B').to.equal(
      'not_found',
    );
    expect(code(await ask(scene.clerk.socket, 'idcheck:stillChunk', chunk)), 'clerk towards the citizen').to.equal(
      'forbidden',
    );
    expect(
      code(await ask(scene.citizen.socket, 'idcheck:stillChunk', { ...chunk!, bytes: 400 })),
      'more than announced',
    ).to.equal('invalid_input');
    expect(
      code(await ask(scene.citizen.socket, 'idcheck:stillChunk', { ...chunk!, bytes: 9 * 1024 * 1024 })),
      'over the size limit',
    ).to.equal('invalid_input');
    expect(
      code(
        await ask(scene.citizen.socket, 'idcheck:stillChunk', { ...chunk!, data: randomBytes(300 * 1024) }, 5000).catch(
          () => ({ ok: false, error: { code: 'dropped' } }),
        ),
      ),
      'over the message limit',
    ).to.be.oneOf(['invalid_input', 'dropped']);
    await settle(200);
    expect(
      clerkSaw.filter((e) => e.event === 'idcheck:stillChunk'),
      'nothing refused reached the clerk',
    ).to.deep.equal([]);
    expect(
      otherClerkSaw.filter((e) => e.event === 'idcheck:stillChunk'),
      'nothing reached room B',
    ).to.deep.equal([]);

    scene.citizen.socket.connect();
    await settle(300);
    // Back in the call with the case open again (a request needs a device of the citizen that can answer).
    expect((await roomRequest(scene.citizen.socket, 'room:join', {})).ok).to.equal(true);
    await must(scene.citizen.socket, 'case:open', {});
    await must(scene.clerk.socket, 'idcheck:step', { step: 'back' });
    expect(code(await ask(scene.citizen.socket, 'idcheck:stillChunk', chunk)), 'the check moved on').to.equal(
      'invalid_state',
    );
    const fresh = await must(scene.clerk.socket, 'idcheck:requestStill', {});
    await must(scene.clerk.socket, 'idcheck:cancel', {});
    expect(
      code(await ask(scene.citizen.socket, 'idcheck:stillChunk', chunksOf(fresh, randomBytes(500))[0])),
      'the check ended',
    ).to.equal('invalid_state');
    expect(code(await ask(scene.clerk.socket, 'idcheck:requestStill', {})), 'no running check').to.equal(
      'invalid_state',
    );
  });

  it('fails a request at once, with a reason, when no device of the citizen has the case open', async () => {
    scene = await caseScene(svc, ['meldebescheinigung']);
    await must(scene.clerk.socket, 'idcheck:start', { documentType: 'personalausweis' });
    scene.citizen.socket.disconnect();
    await settle(300);
    const started = Date.now();
    const reply = await ask(scene.clerk.socket, 'idcheck:requestStill', {});
    expect(Date.now() - started, 'answered within seconds').to.be.lessThan(3000);
    expect(reply.ok).to.equal(false);
    expect(reply.ok ? null : reply.error).to.include({ code: 'invalid_state', reason: 'citizen_absent' });

    // Back in the call (a new connection that opened the case): the same request is answered.
    scene.citizen.socket.connect();
    await settle(300);
    expect((await roomRequest(scene.citizen.socket, 'room:join', {})).ok).to.equal(true);
    await must(scene.citizen.socket, 'case:open', {});
    const asked = nextCaseEvent(scene.citizen.socket, 'idcheck:stillRequested');
    const answered = await must(scene.clerk.socket, 'idcheck:requestStill', {});
    expect((await asked).requestId).to.equal(answered.requestId);
  });

  it('refuses a request after it expired', async () => {
    scene = await caseScene(svc, ['meldebescheinigung']);
    await must(scene.clerk.socket, 'idcheck:start', { documentType: 'reisepass' });
    const request = await must(scene.clerk.socket, 'idcheck:requestStill', {});
    svc.clock.shift(6 * 60_000);
    try {
      expect(
        code(await ask(scene.citizen.socket, 'idcheck:stillChunk', chunksOf(request, randomBytes(500))[0])),
      ).to.equal('forbidden');
    } finally {
      svc.clock.shift(-6 * 60_000);
    }
  });
});
