/**
 * Cross-site request forgery, second line (issue 11, defect 5): behind SameSite=Strict, the video service
 * refuses any state-changing request a browser sends from another site, checked on `Sec-Fetch-Site` and
 * `Origin` (http/same-origin.ts). Uploads authenticated by the session cookie, the logout and the session
 * exchange itself are tried with a foreign origin: each is refused with 403 and changes nothing; the same
 * requests from the service's own origin, and from programs that send neither header, still work.
 */
import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../../support/databases.ts';
import { PNG } from './upload-fixtures.ts';
import { caseScene, closeScene, must, useCaseworkService, type CaseScene, type CaseworkService } from './support.ts';
import { postSession, signJoinToken } from '../support.ts';

const FOREIGN = 'https://evil.example';

for (const { kind, create } of DATABASES) {
  describe(`state-changing requests from another site are refused (${kind})`, function () {
    this.timeout(60_000);
    let database: TestDatabase;
    let svc: CaseworkService;
    let scene: CaseScene | undefined;
    let cookie: string;

    const started = useCaseworkService(create);
    before(() => {
      ({ database, svc } = started);
    });
    beforeEach(async () => {
      scene = await caseScene(svc, ['anmeldung']);
      // The citizen's browser holds the session as a cookie (the exchange sets it), as on the join page.
      const exchange = await postSession(
        svc.baseUrl,
        signJoinToken(svc.key, { ...scene.claims.citizen, jti: `${scene.claims.citizen.jti}-cookie` }),
      );
      expect(exchange.status).to.equal(201);
      cookie = exchange.setCookie!.split(';')[0]!;
    });
    afterEach(() => closeScene(scene));

    const upload = (headers: Record<string, string>) =>
      fetch(`${svc.baseUrl}/api/casework/files`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'image/png', 'x-file-name': 'scan.png', ...headers },
        body: PNG as unknown as BodyInit,
      });
    const fileCount = async () => (await must(scene!.clerk.socket, 'case:open', {})).files.length;

    it('an upload carrying the session cookie from a foreign Origin or a cross-site fetch is refused and stores nothing', async () => {
      const forged: Array<Record<string, string>> = [
        { origin: FOREIGN },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site', origin: 'https://other.city.example' },
      ];
      for (const headers of forged) {
        const res = await upload(headers);
        expect(res.status, JSON.stringify(headers)).to.equal(403);
        expect(await res.json()).to.include({ error: 'forbidden', reason: 'cross_origin' });
      }
      expect(await fileCount()).to.equal(0);
    });

    it("the same upload from the service's own origin, and from a program without Origin, is accepted", async () => {
      const own = new URL(svc.baseUrl).origin;
      expect((await upload({ origin: own, 'sec-fetch-site': 'same-origin' })).status).to.equal(201);
      expect((await upload({})).status).to.equal(201);
      // A same-origin form post under Referrer-Policy: no-referrer says `Origin: null`; Sec-Fetch-Site vouches for it.
      expect((await upload({ origin: 'null', 'sec-fetch-site': 'same-origin' })).status).to.equal(201);
      expect(await fileCount()).to.equal(3);
      // `Origin: null` alone (a sandboxed frame, a page of another site under no-referrer) stays refused.
      expect((await upload({ origin: 'null' })).status).to.equal(403);
      expect((await upload({ origin: 'null', 'sec-fetch-site': 'cross-site' })).status).to.equal(403);
    });

    it("a foreign page can neither end the citizen's session nor plant a session of its own", async () => {
      const logout = await fetch(`${svc.baseUrl}/api/session`, {
        method: 'DELETE',
        headers: { cookie, origin: FOREIGN },
      });
      expect(logout.status).to.equal(403);
      const still = await fetch(`${svc.baseUrl}/api/session`, { headers: { cookie } });
      expect(still.status, 'the session survives the forged logout').to.equal(200);

      const planted = await fetch(`${svc.baseUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: FOREIGN, 'sec-fetch-site': 'cross-site' },
        body: JSON.stringify({
          token: signJoinToken(svc.key, { ...scene!.claims.citizen, jti: `${scene!.claims.citizen.jti}-planted` }),
        }),
      });
      expect(planted.status).to.equal(403);
      expect(planted.headers.get('set-cookie')).to.equal(null);
    });
  });
}
