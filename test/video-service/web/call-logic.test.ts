/**
 * The room UI's call logic that runs without a browser: the connection-quality judgement from WebRTC
 * statistics, the reconnect ladder's decisions, the chat list, and the clerk's actions as requests.
 */
import { expect } from 'chai';
import { mock } from 'node:test';
import type { ChatMessage } from '../../../video-service/src/contract/signalling.ts';
import { Chat } from '../../../video-service/web/src/call/chat.ts';
import { ClerkActions } from '../../../video-service/web/src/call/clerk-actions.ts';
import { assessQuality } from '../../../video-service/web/src/media/quality.ts';
import {
  FULL_REJOIN_AFTER_MS,
  ReconnectLadder,
  type LadderSteps,
} from '../../../video-service/web/src/net/reconnect-ladder.ts';
import { initialState, type RoomState } from '../../../video-service/web/src/state.ts';
import { createStore } from '../../../video-service/web/src/store.ts';

/** An RTCStatsReport stand-in: a map of stats by id. */
function report(...stats: Array<Record<string, unknown>>): RTCStatsReport {
  return new Map(
    stats.map((stat, index) => [String(stat.id ?? `s${index}`), { id: `s${index}`, ...stat }]),
  ) as unknown as RTCStatsReport;
}

const pair = (rtt: number, bitrate: number) => [
  { type: 'transport', id: 't', selectedCandidatePairId: 'p' },
  {
    type: 'candidate-pair',
    id: 'p',
    state: 'succeeded',
    nominated: true,
    currentRoundTripTime: rtt,
    availableOutgoingBitrate: bitrate,
  },
  { type: 'outbound-rtp', id: 'o', kind: 'video' },
];

describe('room UI: connection quality from getStats', () => {
  it('is unknown until a candidate pair works', () => {
    expect(assessQuality([report({ type: 'inbound-rtp', packetsLost: 0, packetsReceived: 10 })], null)).to.equal(null);
  });

  it('calls a fast, loss-free connection good and reports its numbers', () => {
    const result = assessQuality([report(...pair(0.04, 1_500_000))], null)!;
    expect(result.report).to.deep.equal({ level: 'good', rttMs: 40, packetLoss: 0, bitrateKbps: 1500 });
  });

  it('calls it fair on a slow round trip or little bandwidth, poor on heavy loss', () => {
    expect(assessQuality([report(...pair(0.45, 1_500_000))], null)!.report.level).to.equal('fair');
    expect(assessQuality([report(...pair(0.05, 200_000))], null)!.report.level).to.equal('fair');
    const first = assessQuality(
      [report(...pair(0.05, 1_500_000), { type: 'inbound-rtp', id: 'i', packetsLost: 0, packetsReceived: 1000 })],
      null,
    )!;
    const second = assessQuality(
      [report(...pair(0.05, 1_500_000), { type: 'inbound-rtp', id: 'i', packetsLost: 150, packetsReceived: 1850 })],
      first.sample,
    )!;
    expect(second.report.level).to.equal('poor');
    expect(second.report.packetLoss).to.be.closeTo(0.15, 0.001);
  });

  it('counts the loss the other side reports for what we send, and the worst connection', () => {
    const lossy = report(...pair(0.05, 1_500_000), { type: 'remote-inbound-rtp', id: 'r', fractionLost: 0.05 });
    const fine = report(...pair(0.02, 2_000_000));
    expect(assessQuality([fine, lossy], null)!.report.level).to.equal('fair');
  });
});

describe('room UI: reconnect ladder', function () {
  this.timeout(10_000);

  function steps(overrides: Partial<LadderSteps> = {}): LadderSteps & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      restartIce: () => calls.push('restartIce'),
      signallingAlive: async () => true,
      rejoin: () => calls.push('rejoin'),
      brokenFor: () => 0,
      offline: (offline) => calls.push(offline ? 'offline' : 'online'),
      ...overrides,
    };
  }

  it('restarts ICE after a network change and keeps a signalling connection that still answers', async () => {
    const s = steps();
    await new ReconnectLadder(s).networkChanged();
    expect(s.calls).to.deep.equal(['restartIce']);
  });

  it('re-joins when the signalling connection no longer answers after a network change', async () => {
    const s = steps({ signallingAlive: async () => false });
    await new ReconnectLadder(s).networkChanged();
    expect(s.calls).to.deep.equal(['restartIce', 'rejoin']);
  });

  it('re-joins once when a media connection stays broken despite ICE restarts', async () => {
    const s = steps({ brokenFor: () => FULL_REJOIN_AFTER_MS + 1 });
    const ladder = new ReconnectLadder(s);
    // Node's mock timers stand in for setInterval and Date: two checks (4 s) go by without waiting for them.
    mock.timers.enable({ apis: ['setInterval', 'Date'], now: 1_000_000 });
    try {
      ladder.start();
      mock.timers.tick(4500);
    } finally {
      ladder.stop();
      mock.timers.reset();
    }
    expect(
      s.calls.filter((call) => call === 'rejoin'),
      'one re-join, then a cool-down',
    ).to.have.length(1);
  });

  it('leaves healthy connections alone', async () => {
    const s = steps({ brokenFor: () => FULL_REJOIN_AFTER_MS - 1000 });
    const ladder = new ReconnectLadder(s);
    mock.timers.enable({ apis: ['setInterval', 'Date'], now: 1_000_000 });
    try {
      ladder.start();
      mock.timers.tick(10_000);
    } finally {
      ladder.stop();
      mock.timers.reset();
    }
    expect(s.calls).to.deep.equal([]);
  });
});

describe('room UI: chat and clerk actions', () => {
  const message = (id: string, text: string): ChatMessage => ({
    id,
    from: { id: 'clerk-1', role: 'clerk', name: 'Max' },
    text,
    sentAt: new Date().toISOString(),
  });

  it('keeps each message once, counts unread ones while closed and announces them', async () => {
    const store = createStore<RoomState>(initialState('de'));
    const announced: string[] = [];
    let reply: ChatMessage = message('m3', 'Danke');
    const posted: string[] = [];
    const chat = new Chat(
      store,
      (key, params) => announced.push(`${key}:${params.text}`),
      async (text) => {
        posted.push(text);
        return reply;
      },
    );
    chat.reset([message('m1', 'Hallo')]);
    chat.received(message('m2', 'Ausweis bitte'));
    chat.received(message('m2', 'Ausweis bitte'));
    expect(store.getState().chat.map((m) => m.id)).to.deep.equal(['m1', 'm2']);
    expect(store.getState().chatUnread).to.equal(1);
    expect(announced).to.deep.equal(['announceChatMessage:Ausweis bitte']);
    chat.toggle(true);
    expect(store.getState().chatUnread).to.equal(0);
    expect(await chat.send('   ')).to.equal(false);
    expect(await chat.send(' Danke ')).to.equal(true);
    expect(posted, 'trimmed, empty ones not sent').to.deep.equal(['Danke']);
    expect(store.getState().chat.at(-1)?.text).to.equal('Danke');
    reply = message('m3', 'Danke');
    expect(await chat.send('Danke')).to.equal(true);
    expect(
      store.getState().chat.filter((m) => m.id === 'm3'),
      'the same stored message once',
    ).to.have.length(1);
  });

  it('turns clerk actions into requests and shows a notice when one fails', async () => {
    const store = createStore<RoomState>(initialState('de'));
    const sent: Array<[string, unknown]> = [];
    const actions = new ClerkActions(store, (async (event: string, payload: unknown) => {
      sent.push([event, payload]);
      if (event === 'lobby:return') throw new Error('forbidden');
      return null;
    }) as never);
    expect(await actions.reject('citizen-1', '  Bitte neu buchen. ')).to.equal(true);
    expect(await actions.reject('citizen-2', '   ')).to.equal(true);
    expect(await actions.message('citizen-1', '   ')).to.equal(false);
    expect(await actions.returnToLobby('citizen-1')).to.equal(false);
    expect(sent).to.deep.equal([
      ['lobby:reject', { participantId: 'citizen-1', message: 'Bitte neu buchen.' }],
      ['lobby:reject', { participantId: 'citizen-2' }],
      ['lobby:return', { participantId: 'citizen-1' }],
    ]);
    expect(store.getState().notice).to.equal('noticeReturnFailed');
    expect(store.getState().admitting, 'no request left pending').to.deep.equal([]);
  });
});
