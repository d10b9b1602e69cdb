/**
 * Whether the call's media is still being set up: someone's picture is not showing yet although their
 * camera is on and their connection has not failed. Work that is not needed to see each other — loading
 * the casework panel's chunk, drawing it, following the room's changes in it — waits meanwhile, because on
 * a phone or a busy laptop it competes with the connection set-up for the page's main thread (measured:
 * the answer and the first frame came tens of milliseconds later; docs/signalling.md "Join latency").
 * It never waits longer than `MEDIA_SETTLE_MAX_MS` for one set-up.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { RemotePeerState } from '../state.ts';

/** The longest deferred work waits for a set-up (a camera that never sends, a slow network). */
export const MEDIA_SETTLE_MAX_MS = 3000;

export interface MediaSettling {
  /** A connection is being set up right now (at most `MEDIA_SETTLE_MAX_MS`). */
  settling: boolean;
  /** Became true the first time nothing was settling, and stays true. */
  settledOnce: boolean;
  /** Call when a `<video>` shows the first picture of `stream` (a stable function). */
  pictured(stream: MediaStream): void;
}

export function useMediaSettling(peers: RemotePeerState[]): MediaSettling {
  const shown = useRef(new WeakSet<MediaStream>());
  const [, redraw] = useState(0);
  const pictured = useCallback((stream: MediaStream) => {
    if (shown.current.has(stream)) return;
    shown.current.add(stream);
    redraw((n) => n + 1);
  }, []);
  const unsettled = peers.some((peer) => !peerSettled(peer, shown.current));
  const [overdue, setOverdue] = useState(false);
  useEffect(() => {
    setOverdue(false);
    if (!unsettled) return;
    const timer = setTimeout(() => setOverdue(true), MEDIA_SETTLE_MAX_MS);
    return () => clearTimeout(timer);
  }, [unsettled]);
  const settling = unsettled && !overdue;
  const [settledOnce, setSettledOnce] = useState(!settling);
  useEffect(() => {
    if (!settling && !settledOnce) setSettledOnce(true);
  }, [settling, settledOnce]);
  return { settling, settledOnce: settledOnce || !settling, pictured };
}

function peerSettled(peer: RemotePeerState, shown: WeakSet<MediaStream>): boolean {
  if (peer.connection === 'failed' || (peer.stream !== null && shown.has(peer.stream))) return true;
  return !peer.video && peer.connection === 'connected';
}
