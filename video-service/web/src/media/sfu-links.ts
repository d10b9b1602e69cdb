/**
 * SFU mode (the snapshot says `media.mode === 'sfu'`): who is in the call is kept here, in the page's
 * initial code; the media work (mediasoup-client, ~40 KB gzipped) is in sfu-engine.ts, imported with a
 * dynamic `import()` only when a room runs the SFU, so it never counts against the join page's budget.
 */
import type {
  MediaSettings,
  MediaState,
  ParticipantInfo,
  PeerInfo,
  SfuProducerInfo,
} from '@virtuelles-amt/video-service/contract/signalling';
import type { RoomState } from '../state.ts';
import type { Store } from '../store.ts';
import type { Outgoing } from './local-devices.ts';
import { blankPeer, mediaPatch, patchPeer, type MediaLinks } from './media-links.ts';
import type { SfuEngine } from './sfu-engine.ts';
import type { SfuRequest } from './sfu-request.ts';

export type { SfuRequest } from './sfu-request.ts';

/** Tries of a restore, 2 s apart (the server itself waits up to 5 s for a worker being replaced). */
const RESTORE_ATTEMPTS = 10;
const RESTORE_RETRY_MS = 2000;

export class SfuLinks implements MediaLinks {
  private readonly store: Store<RoomState>;
  private readonly request: SfuRequest;
  private engine: SfuEngine | null = null;
  private starting = false;
  /** Bumped by closeAll(): an engine that finishes loading after it is dropped. */
  private generation = 0;
  private outgoing: Outgoing = { stream: null, audio: null, video: null };
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(store: Store<RoomState>, request: SfuRequest) {
    this.store = store;
    this.request = request;
  }

  configure(_selfId: string, _media: MediaSettings | null): void {
    // The transports carry their own ICE servers (sfu:createTransport).
  }

  sync(participants: PeerInfo[]): void {
    const peers: RoomState['peers'] = {};
    for (const { media, ...info } of participants) peers[info.id] = { ...blankPeer(info), ...mediaPatch(media) };
    this.store.setState({ peers });
    if (!this.starting) void this.startEngine();
  }

  joined({ media, ...info }: PeerInfo): void {
    this.store.setState(({ peers }) => ({
      peers: { ...peers, [info.id]: { ...blankPeer(info), ...mediaPatch(media) } },
    }));
  }

  left(id: string): ParticipantInfo | undefined {
    const info = this.store.getState().peers[id]?.info;
    this.engine?.drop({ participantId: id });
    this.store.setState(({ peers }) => {
      const { [id]: _gone, ...rest } = peers;
      return { peers: rest };
    });
    return info;
  }

  mediaState(id: string, state: MediaState | undefined): void {
    if (state) patchPeer(this.store, id, mediaPatch(state));
  }

  setOutgoing(outgoing: Outgoing): void {
    this.outgoing = outgoing;
    this.engine?.setOutgoing(outgoing);
  }

  restartIce(): void {
    this.engine?.restartIce();
  }

  viewSize(participantId: string, width: number, height: number): void {
    this.engine?.viewSize(participantId, width, height);
  }

  brokenFor(now: number): number {
    const since = this.engine?.brokenSince ?? null;
    return since === null ? 0 : now - since;
  }

  async stats(): Promise<RTCStatsReport[]> {
    return (await this.engine?.stats()) ?? [];
  }

  closeAll(): void {
    this.dropEngine();
    this.starting = false;
    if (this.store.getState().mediaRestoring) this.store.setState({ mediaRestoring: false });
    if (Object.keys(this.store.getState().peers).length > 0) this.store.setState({ peers: {} });
  }

  /** `sfu:restart`: the room's media is gone on the server; set it up again, keeping the seat and the call. */
  restart(): void {
    if (!this.starting) return; // not in an SFU call (yet): the next sync starts afresh anyway
    this.dropEngine();
    for (const id of Object.keys(this.store.getState().peers)) patchPeer(this.store, id, { stream: null });
    this.store.setState({ mediaRestoring: true });
    void this.startEngine(1);
  }

  /** `sfu:newProducer`: receive it. */
  newProducer(producer: SfuProducerInfo): void {
    void this.engine?.consume(producer.producerId).catch(() => undefined);
  }

  producerClosed(producerId: string): void {
    this.engine?.drop({ producerId });
  }

  consumerClosed(consumerId: string): void {
    this.engine?.drop({ consumerId });
  }

  private dropEngine(): void {
    this.generation += 1;
    clearTimeout(this.retry);
    this.engine?.close();
    this.engine = null;
  }

  /** `attempt`: the number of this try of a restore (0: the first start of the call, not retried). */
  private async startEngine(attempt = 0): Promise<void> {
    this.starting = true;
    const generation = this.generation;
    const restored = () => {
      if (generation === this.generation) this.store.setState({ mediaRestoring: false });
    };
    try {
      const { SfuEngine } = await import('./sfu-engine.ts');
      if (generation !== this.generation) return;
      this.engine = new SfuEngine(this.store, this.request, this.outgoing, undefined, attempt > 0 ? restored : null);
      await this.engine.start();
    } catch (error) {
      console.warn('sfu | start failed', (error as Error).name);
      if (generation !== this.generation) return;
      if (attempt > 0 && attempt < RESTORE_ATTEMPTS) {
        this.engine?.close();
        this.engine = null;
        this.retry = setTimeout(() => {
          if (generation === this.generation) void this.startEngine(attempt + 1);
        }, RESTORE_RETRY_MS);
        return;
      }
      // Given up (or the first start): the reconnect ladder sees a broken call and rejoins.
      if (this.engine) this.engine.brokenSince ??= Date.now();
    }
  }
}
