/**
 * One SQLite file, many writers at once (issue 11, defect 2): the connector's admin calls for cancelled
 * appointments (revoke the links, close the room, delete its data) arrive while casework writes run in other
 * rooms (forms filled, frozen, signed and sealed) and people join. None of them may fail because another
 * transaction holds the database for a moment: no admin call answers 500, no casework request fails.
 */
import { expect } from 'chai';
import { createSqliteDatabase, type TestDatabase } from '../support/databases.ts';
import { frozenDocument, fillForm } from './casework/fill.ts';
import { PNG_SIGNATURE } from './casework/signatures.ts';
import {
  caseScene,
  closeScene,
  must,
  startCaseworkService,
  type CaseScene,
  type CaseworkService,
} from './casework/support.ts';
import { openSession, signAdminToken, signJoinToken } from './support.ts';

describe('SQLite under concurrent writers (admin calls during casework)', function () {
  this.timeout(180_000);
  let database: TestDatabase;
  let svc: CaseworkService;
  const scenes: CaseScene[] = [];
  const logs: string[] = [];

  before(async () => {
    database = await createSqliteDatabase();
    svc = await startCaseworkService({ database, logs });
  });
  after(async () => {
    for (const scene of scenes) closeScene(scene);
    await svc?.close();
    await database?.drop();
  });

  function admin(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${svc.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${signAdminToken(svc.key)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /** A whole errand in one room: fill, freeze, sign (sealing appends to the audit chain), then more edits. */
  async function errand(scene: CaseScene): Promise<string> {
    const document = await frozenDocument(scene, 'meldebescheinigung');
    const sealed = await must(scene.citizen.socket, 'sign:draw', {
      documentId: document.id,
      signature: { format: 'png', data: PNG_SIGNATURE },
    });
    await fillForm(scene, scene.form('fuehrungszeugnis'));
    return sealed.status;
  }

  /** What the connector does when an appointment is cancelled: revoke both links, close the room, delete its data. */
  async function cancel(scene: CaseScene): Promise<number[]> {
    const statuses: number[] = [];
    const calls = [
      () => admin('POST', '/admin/tokens/revoke', { jtis: [scene.claims.citizen.jti, scene.claims.clerk.jti] }),
      () => admin('POST', `/admin/rooms/${scene.room}/close`),
      () => admin('DELETE', `/admin/rooms/${scene.room}`),
    ];
    // All at once, and then once more in order (a retrying connector), as happens when two jobs overlap.
    statuses.push(...(await Promise.all(calls.map((call) => call()))).map((r) => r.status));
    for (const call of calls) statuses.push((await call()).status);
    return statuses;
  }

  it('answers every admin call and every casework request while both write', async () => {
    for (let i = 0; i < 6; i += 1) scenes.push(await caseScene(svc, ['meldebescheinigung', 'fuehrungszeugnis']));
    const working = scenes.slice(0, 3);
    const cancelled = scenes.slice(3);
    // More links of the cancelled rooms being opened meanwhile (session rows are written too).
    const opening = cancelled.map((scene) =>
      openSession(
        svc.baseUrl,
        signJoinToken(svc.key, { ...scene.claims.citizen, jti: `${scene.claims.citizen.jti}-b` }),
      ).catch(() => null),
    );
    const [errands, cancels] = await Promise.all([
      Promise.allSettled(working.map(errand)),
      Promise.all(cancelled.map(cancel)),
      Promise.all(opening),
    ]);
    expect(errands.map((e) => (e.status === 'fulfilled' ? e.value : String(e.reason)))).to.deep.equal([
      'sealed',
      'sealed',
      'sealed',
    ]);
    expect(
      cancels.flat().filter((status) => status !== 200),
      JSON.stringify(cancels),
    ).to.deep.equal([]);
    expect(logs.join('\n')).not.to.match(/SQLITE_BUSY|database is locked/);
  });
});
