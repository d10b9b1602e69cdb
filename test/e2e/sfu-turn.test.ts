/**
 * Calls through the SFU over the networks that make direct UDP impossible (issue 15, item 3), in real Chromium:
 *  - relayed through a real coturn with TURN only (TURN_RELAY_ONLY=true: `iceTransportPolicy: 'relay'`, as in
 *    test/e2e/media-turn.test.ts), once over TURN/UDP and once over TURN/TCP (`?transport=tcp`): every peer
 *    connection's selected pair is a relay candidate reached by the right protocol, paired with the SFU's host
 *    candidate, and both pages decode video and receive audio;
 *  - the WebRtcServer's TCP fallback: UDP to the SFU is blocked and no TURN is offered. With no packet filter
 *    in the namespace (no iptables, no netem), "blocked" is staged in the page: an init script removes the SFU's
 *    UDP candidates from every remote description before the browser sees it, so no UDP pair can ever form
 *    (what a firewall that drops UDP leaves, minus the failed checks). Chromium's
 *    `--force-webrtc-ip-handling-policy=disable_non_proxied_udp` would be the browser-side way, but it does not
 *    stop loopback UDP here (tried: the pair stayed host/udp). The browsers then reach the SFU by ICE-TCP
 *    (their active TCP candidates to the WebRtcServer's passive one, same port as UDP), and media flows.
 * Needs a worker (`npm run build:worker`); CI requires one (REQUIRE_MEDIASOUP_WORKER).
 * Screenshots: .test-output/screenshots/sfu-turn-*.png, sfu-ice-tcp-*.png.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startCoturn, type Coturn } from '../support/coturn.ts';
import { requireWorker } from '../video-service/support.ts';
import { screenshot, startRoomService, type RoomService } from './support/room-ui.ts';
import { bothSeeAndHear, settledPairs, sfuEnv, twoParty, type TwoParty } from './support/two-party.ts';

/**
 * Before the page loads: every remote description loses its UDP ICE candidates (`a=candidate:<f> <c> udp …`);
 * `window.__vaUdpCandidatesDropped` counts them, proof the SFU offered UDP and the staging took it away.
 */
async function blockUdpToSfu(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counter = window as unknown as { __vaUdpCandidatesDropped: number };
    counter.__vaUdpCandidatesDropped = 0;
    // The promise form only: mediasoup-client never passes the legacy callbacks.
    const original = RTCPeerConnection.prototype.setRemoteDescription as (
      this: RTCPeerConnection,
      description: RTCSessionDescriptionInit,
    ) => Promise<void>;
    RTCPeerConnection.prototype.setRemoteDescription = function (
      this: RTCPeerConnection,
      description?: RTCSessionDescriptionInit,
    ) {
      if (description?.sdp) {
        const lines = description.sdp.split('\r\n');
        const kept = lines.filter((line) => !/^a=candidate:\S+ \d+ udp /i.test(line));
        counter.__vaUdpCandidatesDropped += lines.length - kept.length;
        description = { type: description.type, sdp: kept.join('\r\n') };
      }
      return original.call(this, description as RTCSessionDescriptionInit);
    } as typeof RTCPeerConnection.prototype.setRemoteDescription;
  });
}

describe('calls through the SFU when direct UDP is impossible: TURN only, and ICE-TCP', function () {
  this.timeout(180_000);
  let coturn: Coturn;
  let service: RoomService | undefined;
  let call: TwoParty | undefined;

  before(async function () {
    await requireWorker(this);
    coturn = await startCoturn();
  });
  afterEach(async () => {
    await call?.close();
    await service?.close();
    call = undefined;
    service = undefined;
  });
  after(async () => {
    await coturn?.stop();
  });

  for (const transport of ['udp', 'tcp'] as const) {
    it(`relayed through coturn over TURN/${transport.toUpperCase()} only: relay pairs to the SFU's host candidate, media both ways`, async () => {
      const allocationsBefore = coturn.allocations();
      service = await startRoomService({
        ...(await sfuEnv()),
        TURN_URLS: transport === 'udp' ? coturn.udpUrl : coturn.tcpUrl,
        TURN_SECRET: coturn.secret,
        TURN_RELAY_ONLY: 'true',
      });
      call = await twoParty(service);
      await bothSeeAndHear(call);
      for (const [who, page] of [
        ['clerk', call.clerk.page],
        ['citizen', call.citizen.page],
      ] as const) {
        const pairs = await settledPairs(page, who);
        console.log(
          `      ${who}: ${pairs.map((p) => `${p.localType}/${p.relayProtocol} → ${p.remoteType}`).join(', ')}`,
        );
        for (const pair of pairs) {
          expect(pair.localType, `${who}: local candidate of the selected pair`).to.equal('relay');
          expect(pair.relayProtocol, `${who}: how the browser reaches coturn`).to.equal(transport);
          expect(pair.remoteType, `${who}: the SFU's candidate`).to.equal('host');
        }
      }
      // Two transports (send, receive) per page, each with its own allocation.
      expect(coturn.allocations() - allocationsBefore, "TURN allocations in coturn's log").to.be.at.least(4);
      await screenshot(call.citizen.page, `sfu-turn-${transport}-citizen`);
    });
  }

  it('with UDP forbidden to the browsers and no TURN, both reach the SFU by ICE-TCP on the WebRtcServer port', async () => {
    const env = await sfuEnv();
    service = await startRoomService(env);
    call = await twoParty(service, { beforeJoin: blockUdpToSfu });
    await bothSeeAndHear(call);
    for (const [who, page] of [
      ['clerk', call.clerk.page],
      ['citizen', call.citizen.page],
    ] as const) {
      const dropped = await page.evaluate(
        () => (window as unknown as { __vaUdpCandidatesDropped: number }).__vaUdpCandidatesDropped,
      );
      expect(dropped, `${who}: UDP candidates of the SFU taken away`).to.be.greaterThan(0);
      const pairs = await settledPairs(page, who);
      console.log(
        `      ${who}: ${pairs.map((p) => `${p.localType}/${p.protocol}/${p.tcpType} → ${p.remoteType}`).join(', ')}`,
      );
      for (const pair of pairs) {
        // An active TCP candidate is announced with the discard port 9; the port the connection really came
        // from is learnt in the checks, so the local side shows as peer-reflexive. Neither side is a relay.
        expect(pair.localType, `${who}: local candidate`).to.be.oneOf(['host', 'prflx']);
        expect(pair.tcpType, `${who}: the browser opens the TCP connection`).to.equal('active');
        expect(pair.remoteType, `${who}: the SFU's (passive) candidate`).to.equal('host');
        expect(pair.protocol, `${who}: protocol of the selected pair`).to.equal('tcp');
      }
    }
    await screenshot(call.clerk.page, 'sfu-ice-tcp-clerk');
  });
});
