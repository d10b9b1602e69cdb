/**
 * The client's reconnect ladder (DESIGN.md "Rooms"): socket.io reconnects by itself (first rung); a broken
 * media path gets an ICE restart (second rung: PeerLink after a short wait, and here on every network
 * change: `online`, Network Information `change`); when a connection stays broken, or the signalling
 * connection no longer answers after a network change, the page re-joins from scratch (third rung: a new
 * socket connection, a fresh snapshot, new peer connections on both sides).
 */

export interface LadderSteps {
  /** ICE restart on every media connection. */
  restartIce(): void;
  /** Whether the signalling connection answers a request within a few seconds. */
  signallingAlive(): Promise<boolean>;
  /** A new signalling connection now (full re-join), skipping socket.io's backoff. */
  rejoin(): void;
  /** How long the longest-broken media connection has been broken (ms). */
  brokenFor(now: number): number;
  /** The device lost (true) or regained (false) its network. */
  offline(offline: boolean): void;
}

/** A media connection broken this long, despite ICE restarts, leads to a full re-join. */
export const FULL_REJOIN_AFTER_MS = 15_000;
const REJOIN_COOLDOWN_MS = 30_000;
const CHECK_EVERY_MS = 2000;

interface NetworkInformationLike extends EventTarget {
  type?: string;
}

export class ReconnectLadder {
  private readonly steps: LadderSteps;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastRejoin = 0;
  private readonly onOnline = (): void => {
    this.steps.offline(false);
    void this.networkChanged();
  };
  private readonly onOffline = (): void => this.steps.offline(true);
  private readonly onChange = (): void => void this.networkChanged();

  constructor(steps: LadderSteps) {
    this.steps = steps;
  }

  start(): void {
    if (this.timer !== undefined) return;
    globalThis.addEventListener?.('online', this.onOnline);
    globalThis.addEventListener?.('offline', this.onOffline);
    network()?.addEventListener('change', this.onChange);
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
  }

  stop(): void {
    globalThis.removeEventListener?.('online', this.onOnline);
    globalThis.removeEventListener?.('offline', this.onOffline);
    network()?.removeEventListener('change', this.onChange);
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Another network (or the same one back): new ICE candidates, and a new socket if the old one is dead. */
  async networkChanged(): Promise<void> {
    this.steps.restartIce();
    if (!(await this.steps.signallingAlive())) this.rejoin();
  }

  private check(): void {
    if (this.steps.brokenFor(Date.now()) > FULL_REJOIN_AFTER_MS) this.rejoin();
  }

  private rejoin(): void {
    const now = Date.now();
    if (now - this.lastRejoin < REJOIN_COOLDOWN_MS) return;
    this.lastRejoin = now;
    this.steps.rejoin();
  }
}

function network(): NetworkInformationLike | undefined {
  return (globalThis.navigator as { connection?: NetworkInformationLike } | undefined)?.connection;
}
