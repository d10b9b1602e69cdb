/**
 * Issue 13, item 2 ("after a call the clerk is back in the list"): the clerk's session answer names their
 * workplace (CLERK_WORKPLACE_URL, default /clerk next to the connector), the citizen's never does, and in
 * Chromium the clerk's screen after ending the call links back to it.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import {
  createSigningKey,
  joinClaims,
  postSession,
  signJoinToken,
  startVideoService,
  type StartedVideoService,
} from './support.ts';
import { loadConfig } from '../../video-service/src/config.ts';

describe('the way back to the clerk’s workplace', function () {
  this.timeout(30_000);
  const key = createSigningKey();
  let video: StartedVideoService;

  before(async () => {
    video = await startVideoService({ keys: [key], env: { CLERK_WORKPLACE_URL: 'https://termine.amt.example/clerk' } });
  });
  after(async () => video?.close());

  it('is in the clerk’s session answer and never in the citizen’s', async () => {
    const room = `appt-${randomUUID()}`;
    const clerk = await postSession(
      video.baseUrl,
      signJoinToken(key, joinClaims({ room, sub: `clerk-${room}`, role: 'clerk' })),
    );
    const citizen = await postSession(video.baseUrl, signJoinToken(key, joinClaims({ room, sub: `citizen-${room}` })));
    expect(clerk.status).to.equal(201);
    expect(clerk.body.workplaceUrl).to.equal('https://termine.amt.example/clerk');
    expect(citizen.status).to.equal(201);
    expect(citizen.body, 'not for citizens').to.not.have.property('workplaceUrl');
  });

  it('defaults to /clerk next to the connector, and to none without one', () => {
    expect(
      loadConfig({ CONNECTOR_JWKS_URL: 'https://termine.amt.example/.well-known/jwks.json' }).workplaceUrl,
    ).to.equal('https://termine.amt.example/clerk');
    expect(loadConfig({ JWKS_FILE: '/tmp/jwks.json' }).workplaceUrl).to.equal(undefined);
  });
});
