/**
 * Runs the checks of the page before joining and keeps their results in the store (`checks`): browser
 * support, the signalling connection, ICE candidate gathering with the check's TURN credentials
 * (`media:probe`), and the loudspeaker test on request. While the person waits, the result goes to the clerks
 * (`lobby:network`), so that they see who may have trouble with picture and sound before admitting them.
 */
import type { IceServerInfo, NetworkCheck } from '@virtuelles-amt/video-service/contract/signalling';
import { playTestTone } from '../media/speaker-test.ts';
import type { PreJoinChecks as ChecksState, RoomState } from '../state.ts';
import type { Store } from '../store.ts';
import { browserAdvice, checkIce, probeConnection } from './connectivity.ts';

export interface PreJoinCheckOptions {
  sessionToken(): string | null;
  baseUrl: string;
  /** ICE servers this tab already knows (from an earlier admission): used when the service gives none for the check. */
  iceServers(): IceServerInfo[];
  /** Sends the check's result to the clerks (`lobby:network`). */
  report(network: NetworkCheck): void;
}

export class PreJoinChecks {
  private readonly store: Store<RoomState>;
  private readonly options: PreJoinCheckOptions;
  private running: Promise<void> | null = null;
  private ran = false;
  /** What this seat in the lobby last told the clerks. */
  private reported: NetworkCheck | null = null;

  constructor(store: Store<RoomState>, options: PreJoinCheckOptions) {
    this.store = store;
    this.options = options;
    store.subscribe((state) => this.report(state));
  }

  /** Before a waiting snapshot: a new seat (after a reload or reconnect) has told the clerks nothing yet. */
  reseat(): void {
    this.reported = null;
  }

  /** Runs (again) every connection check; the browser check is immediate. */
  run(): Promise<void> {
    this.ran = true;
    this.running ??= this.check().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Runs the checks unless this page ran them already (the waiting room after a reload skipped the device check). */
  ensure(): Promise<void> {
    return this.ran ? (this.running ?? Promise.resolve()) : this.run();
  }

  /** Plays the test chime through the chosen loudspeaker. */
  async testSpeaker(): Promise<void> {
    if (this.store.getState().checks.speakerTest === 'playing') return;
    this.set({ speakerTest: 'playing' });
    try {
      await playTestTone(this.store.getState().speakerId);
      this.set({ speakerTest: 'done' });
    } catch {
      this.set({ speakerTest: 'failed' });
    }
  }

  private async check(): Promise<void> {
    const advice = browserAdvice();
    this.set({ advice, signalling: 'pending', media: 'pending' });
    const { sessionToken, baseUrl, iceServers } = this.options;
    const { signalling, media: probe } = await probeConnection(sessionToken(), baseUrl || undefined);
    this.set({ signalling });
    const servers = probe && probe.iceServers.length > 0 ? probe.iceServers : iceServers();
    this.set({ media: await checkIce(servers, undefined, probe?.iceTransportPolicy) });
  }

  /** Tells the clerks each new finished network result while waiting (not `pending` or `later`). */
  private report({ screen, checks: { media } }: RoomState): void {
    if (screen !== 'waiting' || media === 'pending' || media === 'later' || media === this.reported) return;
    this.reported = media;
    this.options.report(media);
  }

  private set(changes: Partial<ChecksState>): void {
    this.store.setState(({ checks }) => ({ checks: { ...checks, ...changes } }));
  }
}
