/**
 * The plug-ins' client (ui-plugins/src/client/va-client.ts) against a real connector, in Node (fetch and streams
 * are the browser's APIs here too): it loads the day, follows the live channel with the bearer token, and when
 * the token expires it says so, asks getToken() again and carries on live — with the changes it missed meanwhile.
 */
import { expect } from 'chai';
import { issuePluginToken } from '../../connector/src/tokens/plugin-token.ts';
import { VaClient } from '../../ui-plugins/src/client/va-client.ts';
import type { VaState } from '../../ui-plugins/src/client/types.ts';
import { newSecret } from '../support/standard-webhooks.ts';
import { citizenWaiting, postRoomEvent } from '../connector/clerk-workplace-support.ts';
import { makeGenericPayload, postGenericWebhook, startConnector, type StartedConnector } from '../connector/support.ts';

describe('ui-plugins VaClient against the connector', function () {
  this.timeout(60_000);
  let c: StartedConnector;
  let client: VaClient | undefined;
  const eventsSecret = newSecret();

  before(async () => {
    c = await startConnector({
      env: { VIDEO_EVENTS_WEBHOOK_SECRET: eventsSecret, JOIN_LINKS: 'short' },
      connectorOptions: { liveHeartbeatMs: 300 },
    });
  });
  after(async () => {
    client?.close();
    client?.close();
    await c?.close();
  });

  const tokenFor = (ttlSeconds: number) =>
    issuePluginToken(c.connector.signingKey, {
      issuer: c.connector.publicUrl,
      clerk: { id: 'anna', name: 'Anna', desks: ['buergeramt-mitte'] },
      ttlSeconds,
    }).token;
  async function book(services: string[]) {
    const res = await postGenericWebhook(
      c.baseUrl,
      c.webhookSecret,
      makeGenericPayload({ appointment: { services } }, 5),
    );
    return { appointmentId: res.body.appointmentId as string, roomId: res.body.roomId as string };
  }
  function until(predicate: (s: VaState) => boolean, timeoutMs = 10_000): Promise<VaState> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const s = client!.getState();
        if (predicate(s)) {
          clearTimeout(timer);
          off();
          resolve(s);
        }
      };
      const timer = setTimeout(() => {
        off();
        reject(
          new Error(
            `state not reached: ${JSON.stringify({ ...client!.getState(), rows: client!.getState().rows.map((r) => [r.id, r.status]) })}`,
          ),
        );
      }, timeoutMs);
      const off = client!.subscribe(check);
      check();
    });
  }

  it('goes live, counts a waiting citizen, renews an expired token and catches up on what changed meanwhile', async () => {
    const first = await book(['anmeldung']);
    const second = await book(['ummeldung']);
    const other = await book(['kfz-zulassung']);
    let calls = 0;
    let unauthorized = 0;
    client = new VaClient({
      connectorUrl: `${c.baseUrl}/`,
      // The first token lives 1 s (+5 s clock tolerance); the next ones an hour.
      getToken: async () => (++calls === 1 ? tokenFor(1) : tokenFor(3600)),
      onUnauthorized: () => unauthorized++,
    });
    client.start();
    client.start();
    const live = await until((s) => s.connection === 'live' && s.rows.some((r) => r.id === first.appointmentId));
    expect(live.rows.map((r) => r.id))
      .to.include(second.appointmentId)
      .and.not.include(other.appointmentId);
    expect(live.me?.id).to.equal('anna');
    expect(live.waiting).to.equal(0);

    await postRoomEvent(c.baseUrl, eventsSecret, citizenWaiting(first.roomId, first.appointmentId));
    await until((s) => s.waiting === 1);

    // The short token expires: signed_out, then getToken() is asked again and the client is live once more.
    await until((s) => s.connection === 'unauthorized', 15_000);
    expect(unauthorized).to.equal(1);
    await postRoomEvent(c.baseUrl, eventsSecret, citizenWaiting(second.roomId, second.appointmentId));
    const back = await until((s) => s.connection === 'live' && s.waiting === 2, 20_000);
    expect(back.rows.find((r) => r.id === second.appointmentId)?.status).to.equal('waiting');
    expect(calls).to.be.greaterThan(1);
    expect(back.rows.some((r) => r.id === other.appointmentId)).to.equal(false);
  });

  it('takeNext() gives the waiting citizen to the clerk, and null when nobody is left', async () => {
    const taken = await client!.takeNext('buergeramt-mitte');
    expect(taken?.mine).to.equal(true);
    expect(client!.getState().rows.find((r) => r.id === taken!.id)?.mine).to.equal(true);
    await client!.takeNext('buergeramt-mitte');
    expect(await client!.takeNext('buergeramt-mitte')).to.equal(null);
  });
});
