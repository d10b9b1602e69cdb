/**
 * The admin API for the connector over real HTTP: only ES256 service tokens with `aud: video-service-admin`
 * from a trusted key pass; closing a room tells everyone and refuses later joins; revoking tokens refuses
 * their links and ends the live sessions made from them; deleting a room's data removes chat and admissions.
 * Everything is idempotent.
 */
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';
import { createSqliteDatabase } from '../support/databases.ts';
import {
  connectSocket,
  createSigningKey,
  joinClaims,
  nextEvent,
  postSession,
  request,
  signAdminToken,
  signJoinToken,
} from './support.ts';
import { useRoomFixture } from './room-fixture.ts';

describe('admin API', function () {
  this.timeout(30_000);
  const f = useRoomFixture(createSqliteDatabase);

  function call(method: string, path: string, token: string | undefined, body?: unknown) {
    return fetch(`${f.video.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  it('refuses requests without a valid service token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const stranger = createSigningKey(f.key.kid);
    const { privateKey: rsa } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const refused = {
      'no token': undefined,
      'a join token': signJoinToken(f.key, joinClaims()),
      'wrong audience': signAdminToken(f.key, { aud: 'video-service' }),
      'audience list with the join audience': signAdminToken(f.key, { aud: ['video-service', 'video-service-admin'] }),
      expired: signAdminToken(f.key, { iat: now - 600, exp: now - 300 }),
      'lives longer than an hour': signAdminToken(f.key, { exp: now + 7200 }),
      'no exp': jwt.sign({ iss: 'x', aud: 'video-service-admin', iat: now }, f.key.privateKey, {
        algorithm: 'ES256',
        keyid: f.key.kid,
      }),
      'untrusted key with a known kid': signAdminToken(stranger),
      'unknown kid': signAdminToken(f.key, {}, 'nobody'),
      HS256: jwt.sign({ iss: 'x', aud: 'video-service-admin' }, 'secret', {
        algorithm: 'HS256',
        keyid: f.key.kid,
        expiresIn: 60,
      }),
      RS256: jwt.sign({ iss: 'x', aud: 'video-service-admin' }, rsa, {
        algorithm: 'RS256',
        keyid: f.key.kid,
        expiresIn: 60,
      }),
      'not a token': 'garbage',
    };
    for (const [why, token] of Object.entries(refused)) {
      const res = await call('POST', '/admin/rooms/appt-x/close', token);
      expect(res.status, why).to.equal(401);
      expect(await res.json(), why).to.deep.include({ error: 'invalid' });
    }
    const ok = await call('POST', '/admin/rooms/appt-x/close', signAdminToken(f.key));
    expect(ok.status).to.equal(200);
    expect(ok.headers.get('cache-control')).to.equal('no-store');
  });

  it('closing a room sends room:closed to everyone, disconnects them and refuses later joins; closing again changes nothing', async () => {
    const { tokens, clerk, citizen } = await f.admitted();
    const closed = [nextEvent(clerk.socket, 'room:closed'), nextEvent(citizen.socket, 'room:closed')];
    const res = await call('POST', `/admin/rooms/${tokens.room}/close`, signAdminToken(f.key));
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { room: string; closedAt: string; reason: string };
    expect(body).to.include({ room: tokens.room, reason: 'closed' });
    for (const c of closed) expect(await c).to.deep.equal({ reason: 'closed' });

    const again = await call('POST', `/admin/rooms/${tokens.room}/close`, signAdminToken(f.key));
    expect(await again.json(), 'idempotent').to.deep.equal(body);

    const back = await f.connectWith(tokens.citizen);
    const reply = await request(back.socket, 'room:join', {});
    expect(reply.ok === false && reply.error).to.deep.include({ code: 'invalid_state', reason: 'room_closed' });

    const badRoom = await call('POST', '/admin/rooms/Not%20A%20Room/close', signAdminToken(f.key));
    expect(badRoom.status).to.equal(400);
  });

  it('revoking tokens refuses their links, ends live sessions made from them, and is idempotent', async () => {
    const room = `appt-${crypto.randomUUID()}`;
    const citizenClaims = joinClaims({ room, sub: `citizen-${room}` });
    const clerkClaims = joinClaims({ room, sub: `clerk-${room}`, role: 'clerk', name: 'Max Beispiel' });
    const citizenToken = signJoinToken(f.key, citizenClaims);
    const clerk = await f.connectWith(signJoinToken(f.key, clerkClaims));
    await f.join(clerk.socket);
    const citizen = await f.connectWith(citizenToken);
    await f.join(citizen.socket);

    const closed = nextEvent(citizen.socket, 'room:closed');
    const gone = new Promise<string>((resolve) => citizen.socket.once('disconnect', resolve));
    const lobby = nextEvent(clerk.socket, 'lobby:changed');
    const res = await call('POST', '/admin/tokens/revoke', signAdminToken(f.key), {
      jtis: [citizenClaims.jti, 'never-issued'],
    });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ revoked: 2, sessionsEnded: 1 });
    expect(await closed).to.deep.equal({ reason: 'revoked' });
    expect(await gone).to.equal('io server disconnect');
    expect((await lobby).waiting[0], 'the clerk sees the citizen drop').to.include({ connected: false });

    const exchange = await postSession(f.video.baseUrl, citizenToken);
    expect(exchange.status).to.equal(401);
    expect(exchange.body).to.include({ error: 'revoked' });
    const reconnect = await connectSocket(f.video.baseUrl, { session: citizen.sessionToken }).then(
      () => 'connected',
      (error: Error) => error.message,
    );
    expect(reconnect).to.equal('revoked');
    expect(clerk.socket.connected, 'the clerk is not affected').to.equal(true);

    const again = await call('POST', '/admin/tokens/revoke', signAdminToken(f.key), { jtis: [citizenClaims.jti] });
    expect(await again.json()).to.deep.equal({ revoked: 1, sessionsEnded: 1 });

    for (const body of [{}, { jtis: [] }, { jtis: 'x' }, { jtis: ['a'.repeat(129)] }]) {
      const bad = await call('POST', '/admin/tokens/revoke', signAdminToken(f.key), body);
      expect(bad.status, JSON.stringify(body)).to.equal(400);
    }
  });

  it("deleting a room's data removes chat and admissions but keeps it closed", async () => {
    const { tokens, citizen } = await f.admitted();
    await request(citizen.socket, 'chat:send', { text: 'Meine Steuer-ID ist …' });
    const res = await call('DELETE', `/admin/rooms/${tokens.room}`, signAdminToken(f.key));
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ room: tokens.room, deleted: true });

    const db = f.video.service.db;
    expect(await db.chat.history(tokens.room, 10)).to.deep.equal([]);
    expect(await db.admissions.isAdmitted(tokens.room, tokens.citizenId)).to.equal(false);
    expect((await db.rooms.get(tokens.room))?.closedAt).to.be.instanceOf(Date);
    const exchange = await postSession(f.video.baseUrl, tokens.citizen);
    expect(exchange.status, 'the link still works for the page, which then learns the room is closed').to.equal(201);
    const again = await f.connectWith(tokens.citizen);
    const reply = await request(again.socket, 'room:join', {});
    expect(reply.ok === false && reply.error.reason).to.equal('room_closed');
  });
});
