/**
 * POST/GET/DELETE /api/session: which join tokens are refused and why (the reason the join page explains),
 * what a successful exchange gives (201, cookie flags), and that the session then works for reloads and the
 * socket.io handshake. Keys are made here; the JWKS comes from a real local HTTP server or a JWKS_FILE.
 */
import { expect } from 'chai';
import { createHash, createHmac } from 'node:crypto';
import { openDatabase } from '../../video-service/src/persistence/database.ts';
import { createRootLogger } from '../../video-service/src/log.ts';
import {
  connectSocket,
  createSigningKey,
  joinClaims,
  postSession,
  signJoinToken,
  startJwksServer,
  startVideoService,
  type JwksServer,
  type SigningKey,
  type StartedVideoService,
} from './support.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function unsignedToken(claims: object, kid: string): string {
  return `${b64({ alg: 'none', typ: 'JWT', kid })}.${b64(claims)}.`;
}

function hs256Token(claims: object, kid: string, secret: string): string {
  const head = `${b64({ alg: 'HS256', typ: 'JWT', kid })}.${b64(claims)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

describe('session API: join tokens are exchanged for sessions', function () {
  this.timeout(20_000);
  let key: SigningKey;
  let jwks: JwksServer;
  let video: StartedVideoService;

  before(async () => {
    key = createSigningKey('connector-1');
    jwks = await startJwksServer([key]);
    video = await startVideoService({ jwksUrl: jwks.url });
  });

  after(async () => {
    await video?.close();
    await jwks?.close();
  });

  describe('refuses tokens it must not trust', () => {
    const refused = async (token: string, reason: string) => {
      const res = await postSession(video.baseUrl, token);
      expect(res.status, JSON.stringify(res.body)).to.equal(401);
      expect(res.body.error).to.equal(reason);
      expect(res.body.message).to.be.a('string').and.not.equal('');
      expect(res.setCookie, 'no cookie on refusal').to.equal(null);
      return res.body;
    };

    it('a token whose payload was changed after signing is invalid', async () => {
      const [head, , sig] = signJoinToken(key).split('.');
      const forged = `${head}.${b64(joinClaims({ role: 'clerk' }))}.${sig}`;
      await refused(forged, 'invalid');
    });

    it('a token with a damaged signature is invalid', async () => {
      const token = signJoinToken(key);
      const sig = token.split('.')[2]!;
      const flipped = `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
      await refused(token.replace(/[^.]+$/, flipped), 'invalid');
    });

    it('an expired token is refused as expired', async () => {
      await refused(signJoinToken(key, joinClaims({ nbf: now() - 7200, exp: now() - 120 })), 'expired');
    });

    it('a token before its nbf is refused as not_yet_valid and says when the room opens', async () => {
      const nbf = now() + 900;
      const body = await refused(signJoinToken(key, joinClaims({ nbf, exp: nbf + 3600 })), 'not_yet_valid');
      expect(body.opensAt).to.equal(new Date(nbf * 1000).toISOString());
    });

    it("a genuine early token learns only its appointment's public facts (start, opening, zone, language), never a session", async () => {
      const nbf = now() + 900;
      const claims = joinClaims({ nbf, exp: nbf + 3600 });
      claims.appt.locale = 'en';
      const body = await refused(signJoinToken(key, claims), 'not_yet_valid');
      expect(body.appointment).to.deep.equal({
        start: claims.appt.start,
        opensAt: new Date(nbf * 1000).toISOString(),
        tz: 'Europe/Berlin',
        locale: 'en',
      });
      expect(body).to.not.have.any.keys('sessionToken', 'participant', 'room', 'role');
      expect(JSON.stringify(body)).to.not.include(claims.name).and.not.include(claims.appt.title);
    });

    it('an early token is still checked for everything but nbf: forged, foreign-key, foreign-audience and expired ones get their own refusal and no appointment', async () => {
      const nbf = now() + 900;
      const [head, , sig] = signJoinToken(key, joinClaims({ nbf, exp: nbf + 3600 })).split('.');
      const forged = await refused(
        `${head}.${b64(joinClaims({ nbf, exp: nbf + 3600, role: 'clerk' }))}.${sig}`,
        'invalid',
      );
      const foreignKey = await refused(
        signJoinToken(createSigningKey(), joinClaims({ nbf, exp: nbf + 3600 }), key.kid),
        'invalid',
      );
      const audience = await refused(
        signJoinToken(key, { ...joinClaims({ nbf, exp: nbf + 3600 }), aud: 'someone-else' }),
        'invalid',
      );
      // nbf ahead and exp behind (a broken issuer): still expired.
      const expired = await refused(signJoinToken(key, joinClaims({ nbf, exp: now() - 120 })), 'expired');
      for (const body of [forged, foreignKey, audience, expired])
        expect(body).to.not.have.any.keys('appointment', 'opensAt');
    });

    it('a token within the 30 s clock tolerance of its nbf opens a session', async () => {
      const res = await postSession(video.baseUrl, signJoinToken(key, joinClaims({ nbf: now() + 20 })));
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
    });

    it('a token for another audience is invalid', async () => {
      await refused(signJoinToken(key, { ...joinClaims(), aud: 'someone-else' }), 'invalid');
    });

    it('an unsigned token (alg none) is invalid', async () => {
      await refused(unsignedToken(joinClaims(), key.kid), 'invalid');
    });

    it('an HS256 token keyed with the public key (PEM or JWK) is invalid', async () => {
      const pem = key.publicKey.export({ format: 'pem', type: 'spki' }).toString();
      await refused(hs256Token(joinClaims(), key.kid, pem), 'invalid');
      await refused(hs256Token(joinClaims(), key.kid, JSON.stringify(key.jwk)), 'invalid');
    });

    it('a token naming an unknown kid is invalid', async () => {
      await refused(signJoinToken(createSigningKey('nobody-knows-me')), 'invalid');
    });

    it('a token signed by a foreign key is invalid, even under a trusted kid', async () => {
      const foreign = createSigningKey();
      await refused(signJoinToken(foreign, joinClaims(), key.kid), 'invalid');
    });

    it('a correctly signed token with claims outside the contract is invalid', async () => {
      await refused(signJoinToken(key, joinClaims({ room: 'Room With Spaces' })), 'invalid');
      await refused(signJoinToken(key, { ...joinClaims(), role: 'admin' }), 'invalid');
      const { appt: _dropped, ...withoutAppointment } = joinClaims();
      await refused(signJoinToken(key, withoutAppointment), 'invalid');
    });

    it('a token whose jti was revoked is refused as revoked', async () => {
      const claims = joinClaims();
      const db = await openDatabase(video.config.databaseUrl, createRootLogger('silent'));
      try {
        await db.revokedTokens.revoke(claims.jti, new Date());
      } finally {
        await db.close();
      }
      await refused(signJoinToken(key, claims), 'revoked');
    });

    it('a body that is not a token answers 400, a wrong content type 415', async () => {
      const empty = await fetch(`${video.baseUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(empty.status).to.equal(400);
      expect((await empty.json()).error).to.equal('invalid_input');
      const form = await fetch(`${video.baseUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'token=x',
      });
      expect(form.status).to.equal(415);
      expect((await postSession(video.baseUrl, 'not-a-jwt')).body.error).to.equal('invalid');
    });
  });

  describe('accepts a valid token', () => {
    it('answers 201 with the session and an HttpOnly, SameSite=Strict cookie', async () => {
      const claims = joinClaims();
      const before = Date.now();
      const res = await postSession(video.baseUrl, signJoinToken(key, claims));
      const after = Date.now();
      expect(res.status).to.equal(201);
      expect(res.body).to.include({ room: claims.room, role: 'citizen' });
      expect(res.body.participant).to.deep.equal({ id: claims.sub, name: claims.name });
      expect(res.body.appointment).to.deep.equal(claims.appt);
      const sessionToken = res.body.sessionToken as string;
      expect(sessionToken).to.match(/^[A-Za-z0-9_-]{43}$/);
      // Thirty minutes from the moment the service answered, however long the request took (ms in the ISO string).
      const expiresAt = Date.parse(res.body.expiresAt as string);
      expect(expiresAt).to.be.within(before + 30 * 60_000 - 1, after + 30 * 60_000);
      const cookie = res.setCookie!;
      expect(cookie).to.match(new RegExp(`^va_session=${sessionToken};`));
      expect(cookie)
        .to.match(/; HttpOnly/i)
        .and.match(/; SameSite=Strict/i)
        .and.match(/; Path=\//);
      expect(cookie, 'not Secure over plain http').to.not.match(/; Secure/i);
    });

    it("names the privacy statement: by default the service's own /privacy page, which answers in the chosen language", async () => {
      const res = await postSession(video.baseUrl, signJoinToken(key));
      expect(res.body.privacyUrl).to.equal('/privacy');
      const page = await fetch(`${video.baseUrl}/privacy?lang=en`);
      expect(page.status).to.equal(200);
      const html = await page.text();
      expect(html).to.include('<html lang="en"').and.include('Privacy in the video appointment');
    });

    it('accepts a token expired less than 30 seconds ago (clock tolerance)', async () => {
      const res = await postSession(
        video.baseUrl,
        signJoinToken(key, joinClaims({ nbf: now() - 3600, exp: now() - 10 })),
      );
      expect(res.status).to.equal(201);
    });

    it('the session works for GET /api/session (bearer or cookie) and renews it once the expiry moves by a minute', async () => {
      const claims = joinClaims();
      const first = await postSession(video.baseUrl, signJoinToken(key, claims));
      const sessionToken = first.body.sessionToken as string;
      const expiryNow = async () => {
        const res = await fetch(`${video.baseUrl}/api/session`, {
          headers: { authorization: `Bearer ${sessionToken}` },
        });
        expect(res.status).to.equal(200);
        return (await res.json()) as Record<string, unknown>;
      };
      // Used again at once: the expiry would move by milliseconds, so nothing is written.
      expect((await expiryNow()).expiresAt, 'unchanged right after opening').to.equal(first.body.expiresAt);
      // Idle for 5 minutes (the stored expiry 5 minutes earlier): the next use slides it forward again.
      const db = await openDatabase(video.config.databaseUrl, createRootLogger('silent'));
      const id = createHash('sha256').update(sessionToken).digest('hex');
      try {
        await db.sessions.setExpiry(id, new Date(Date.parse(first.body.expiresAt as string) - 5 * 60_000));
      } finally {
        await db.close();
      }
      const renewed = await expiryNow();
      expect(renewed.participant).to.deep.equal({ id: claims.sub, name: claims.name });
      expect(Date.parse(renewed.expiresAt as string)).to.be.at.least(Date.parse(first.body.expiresAt as string));
      const byBearer = await fetch(`${video.baseUrl}/api/session`, {
        headers: { authorization: `Bearer ${sessionToken}` },
      });
      expect(byBearer.headers.get('cache-control')).to.equal('no-store');
      const byCookie = await fetch(`${video.baseUrl}/api/session`, {
        headers: { cookie: `va_session=${sessionToken}` },
      });
      expect(byCookie.status).to.equal(200);
      const nothing = await fetch(`${video.baseUrl}/api/session`);
      expect(nothing.status).to.equal(401);
      expect((await nothing.json()).error).to.equal('invalid');
    });

    it('the session opens the socket.io handshake (auth or cookie); DELETE ends it', async () => {
      const { body } = await postSession(video.baseUrl, signJoinToken(key));
      const sessionToken = body.sessionToken as string;
      const byAuth = await connectSocket(video.baseUrl, { session: sessionToken });
      expect(byAuth.connected).to.equal(true);
      byAuth.close();
      const byCookie = await connectSocket(video.baseUrl, { cookie: `va_session=${sessionToken}` });
      expect(byCookie.connected).to.equal(true);
      byCookie.close();

      const del = await fetch(`${video.baseUrl}/api/session`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${sessionToken}` },
      });
      expect(del.status).to.equal(204);
      expect(del.headers.get('set-cookie')).to.match(/^va_session=;/);
      const after = await fetch(`${video.baseUrl}/api/session`, {
        headers: { authorization: `Bearer ${sessionToken}` },
      });
      expect(after.status).to.equal(401);
      const refused = await connectSocket(video.baseUrl, { session: sessionToken }).then(
        () => 'connected',
        (error: Error) => error.message,
      );
      expect(refused).to.equal('invalid');
    });

    it('a socket without any session is refused as unauthorized', async () => {
      const refused = await connectSocket(video.baseUrl).then(
        () => 'connected',
        (error: Error) => error.message,
      );
      expect(refused).to.equal('unauthorized');
    });

    it('a session outlives its token: a reload after the token expired still works', async () => {
      // A token already 5 s past its expiry (inside the 30 s clock tolerance) still opens a session; every use
      // below happens after the token's `exp`, so nothing has to wait for it to run out.
      const exp = now() - 5;
      const res = await postSession(video.baseUrl, signJoinToken(key, joinClaims({ nbf: now() - 60, exp })));
      expect(res.status).to.equal(201);
      expect(Date.parse(res.body.expiresAt as string)).to.be.greaterThan(exp * 1000);
      expect(Date.now(), 'the token has expired').to.be.greaterThan(exp * 1000);
      const reload = await fetch(`${video.baseUrl}/api/session`, {
        headers: { authorization: `Bearer ${res.body.sessionToken}` },
      });
      expect(reload.status).to.equal(200);
      const socket = await connectSocket(video.baseUrl, { session: res.body.sessionToken as string });
      expect(socket.connected).to.equal(true);
      socket.close();
    });
  });

  describe('key rotation', () => {
    it('a token signed with a newly published key is accepted after one JWKS reload; made-up kids do not hammer the JWKS', async () => {
      const rotated = await startJwksServer([key]);
      const service = await startVideoService({ jwksUrl: rotated.url });
      try {
        const fetchesAtStart = rotated.requests;
        expect(fetchesAtStart, 'keys loaded at start').to.equal(1);
        const next = createSigningKey('connector-2');
        rotated.setKeys([key, next]);
        const res = await postSession(service.baseUrl, signJoinToken(next));
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        expect(rotated.requests).to.equal(fetchesAtStart + 1);

        for (const kid of ['garbage-1', 'garbage-2', 'garbage-3']) {
          expect((await postSession(service.baseUrl, signJoinToken(createSigningKey(kid)))).body.error).to.equal(
            'invalid',
          );
        }
        expect(rotated.requests, 'no reload within 10 s of the last one').to.equal(fetchesAtStart + 1);
      } finally {
        await service.close();
        await rotated.close();
      }
    });

    it('trusts keys from a JWKS_FILE, and only issuers listed in TRUSTED_ISSUERS', async () => {
      const service = await startVideoService({ keys: [key], env: { TRUSTED_ISSUERS: 'test-connector, other' } });
      try {
        expect((await postSession(service.baseUrl, signJoinToken(key))).status).to.equal(201);
        const stranger = await postSession(service.baseUrl, signJoinToken(key, joinClaims({ iss: 'somebody-else' })));
        expect(stranger.status).to.equal(401);
        expect(stranger.body.error).to.equal('invalid');
      } finally {
        await service.close();
      }
    });
  });

  describe('session lifetime', () => {
    it('slides with use but never beyond the token exp plus 2 hours', async () => {
      const service = await startVideoService({ keys: [key], env: { SESSION_TTL_MINUTES: '1440' } });
      try {
        const exp = now() + 600;
        const res = await postSession(service.baseUrl, signJoinToken(key, joinClaims({ exp })));
        expect(res.body.expiresAt).to.equal(new Date((exp + 7200) * 1000).toISOString());
      } finally {
        await service.close();
      }
    });

    it('answers 401 expired for a session past its expiry', async () => {
      const service = await startVideoService({ keys: [key], env: { SESSION_TTL_MINUTES: '1' } });
      try {
        const res = await postSession(service.baseUrl, signJoinToken(key));
        const db = await openDatabase(service.config.databaseUrl, createRootLogger('silent'));
        try {
          const id = createHash('sha256')
            .update(res.body.sessionToken as string)
            .digest('hex');
          await db.sessions.setExpiry(id, new Date(Date.now() - 1000));
        } finally {
          await db.close();
        }
        const reload = await fetch(`${service.baseUrl}/api/session`, {
          headers: { authorization: `Bearer ${res.body.sessionToken}` },
        });
        expect(reload.status).to.equal(401);
        expect((await reload.json()).error).to.equal('expired');
      } finally {
        await service.close();
      }
    });
  });
});
