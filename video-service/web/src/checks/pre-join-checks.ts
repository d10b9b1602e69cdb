/**
 * Runs the checks of the page before joining and keeps their results in the store (`checks`): browser
 * support, the signalling connection, ICE candidate gathering, and the loudspeaker test on request.
 */
import type { IceServerInfo } from '../../../src/contract/signalling.ts';
import { playTestTone } from '../media/speaker-test.ts';
import type { PreJoinChecks as ChecksState, RoomState } from '../state.ts';
import type { Store } from '../store.ts';
import { browserAdvice, checkIce, checkSignalling } from './connectivity.ts';

export interface PreJoinCheckOptions {
  sessionToken(): string | null;
  baseUrl: string;
  /** ICE servers this tab already knows (from an earlier admission), for the relay check. */
  iceServers(): IceServerInfo[];
}

export class PreJoinChecks {
  private readonly store: Store<RoomState>;
  private readonly options: PreJoinCheckOptions;
  private running: Promise<void> | null = null;

  constructor(store: Store<RoomState>, options: PreJoinCheckOptions) {
    this.store = store;
    this.options = options;
  }

  /** Runs (again) every connection check; the browser check is immediate. */
  run(): Promise<void> {
    this.running ??= this.check().finally(() => {
      this.running = null;
    });
    return this.running;
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
    await Promise.all([
      checkSignalling(sessionToken(), baseUrl || undefined).then((signalling) => this.set({ signalling })),
      checkIce(iceServers()).then((media) => this.set({ media })),
    ]);
  }

  private set(changes: Partial<ChecksState>): void {
    this.store.setState(({ checks }) => ({ checks: { ...checks, ...changes } }));
  }
}
