/**
 * Re-renders wait while the page sets up a peer connection (docs/signalling.md "Join latency").
 *
 * At the moment two people meet, each step of the connection set-up (offer, answer, candidates, the ICE
 * checks, DTLS) completes as a task on this page's main thread, and so does every re-render the room's
 * notifications cause at the same moment (the call view appearing, the waiting list emptying, a new tile). A
 * re-render that runs first delays the step, and with it both pictures. So Preact's render queue is held while
 * media/peer-link.ts sets a connection up and runs once it is connected — one render for everything that
 * changed, before the first video frame arrives. A hold never lasts longer than `MAX_HOLD_MS`.
 */
import { options } from 'preact';

/** The longest the UI waits for one step (a slow phone, a peer that never answers). */
export const MAX_HOLD_MS = 150;

let holds = 0;
let held: (() => void) | null = null;
const soon = (task: () => void): void => void Promise.resolve().then(task);

/** Routes Preact's render queue through the gate (once, before the first render). */
export function installRenderGate(): void {
  // Checked when the queued render runs, not when it is queued: a render queued just before a step began
  // (the snapshot that admits us, then our offer in the same task) waits too.
  options.debounceRendering = (render) => soon(() => (holds > 0 ? (held = render) : render()));
}

/** Holds re-renders until the returned function is called (or `MAX_HOLD_MS` passed); safe to call twice. */
export function holdRenders(): () => void {
  holds += 1;
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    clearTimeout(timer);
    holds -= 1;
    if (holds > 0 || !held) return;
    const render = held;
    held = null;
    soon(render);
  };
  const timer = setTimeout(release, MAX_HOLD_MS);
  return release;
}
