/**
 * The checks before joining: can this browser hold a video call at all, does the signalling connection to
 * the video service work (WebSocket, or the slower long-polling fallback), and — when TURN servers are
 * known — can WebRTC reach them (a relay candidate). The service hands out ICE servers only after
 * admission (docs/signalling.md: nothing of the room before admission, not even a peer connection), so a
 * fresh page says the network path is checked on entering (`later`); a tab that already holds the room's
 * media settings checks the relay.
 */
import { io } from 'socket.io-client';
import type { IceServerInfo } from '../../../src/contract/signalling.ts';

/** `later`: cannot be checked before admission (no ICE servers yet). */
export type CheckStatus = 'pending' | 'ok' | 'warn' | 'fail' | 'later';

/**
 * Browser problems the page explains. `no_webrtc` and `insecure` make a call impossible; `embedded` (the
 * page inside a frame; iOS Safari gives the camera only to the top-level page) and `in_app` (a mail or
 * social app's built-in browser) get advice, the person may still try.
 */
export type BrowserAdvice = 'no_webrtc' | 'insecure' | 'embedded' | 'in_app';

const IN_APP_BROWSER = /FBAN|FBAV|Instagram|Line\/|GSA\/|MicroMessenger|; wv\)/;

export function browserAdvice(scope: typeof globalThis = globalThis): BrowserAdvice[] {
  const advice: BrowserAdvice[] = [];
  if (scope.isSecureContext === false) advice.push('insecure');
  else if (typeof scope.RTCPeerConnection !== 'function' || !scope.navigator?.mediaDevices?.getUserMedia) advice.push('no_webrtc');
  try {
    if (scope.top !== scope.self) advice.push('embedded');
  } catch {
    advice.push('embedded');
  }
  if (IN_APP_BROWSER.test(scope.navigator?.userAgent ?? '')) advice.push('in_app');
  return advice;
}

/** True when no call is possible in this browser. */
export function callImpossible(advice: BrowserAdvice[]): boolean {
  return advice.includes('no_webrtc') || advice.includes('insecure');
}

/**
 * Opens a throw-away socket.io connection with the session: `ok` over WebSocket, `warn` when only
 * long-polling gets through (a proxy blocks WebSockets: it works, slower), `fail` otherwise.
 */
export async function checkSignalling(session: string | null, baseUrl?: string, timeoutMs = 6000): Promise<CheckStatus> {
  if (await handshake(session, ['websocket'], baseUrl, timeoutMs)) return 'ok';
  return (await handshake(session, ['polling'], baseUrl, timeoutMs)) ? 'warn' : 'fail';
}

function handshake(session: string | null, transports: string[], baseUrl: string | undefined, timeoutMs: number): Promise<boolean> {
  const options = { transports, reconnection: false, forceNew: true, timeout: timeoutMs, auth: { session } };
  const socket = baseUrl ? io(baseUrl, options) : io(options);
  return new Promise((resolve) => {
    const done = (ok: boolean): void => {
      socket.disconnect();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('connect_error', () => done(false));
  });
}

/**
 * Gathers ICE candidates: with TURN servers `ok` needs a relay candidate (`warn` without one: calls may
 * fail behind strict firewalls); with STUN only, any candidate is `ok`; none at all is `fail`. Without any
 * ICE server nothing is tried (`later`).
 */
export async function checkIce(iceServers: IceServerInfo[] = [], timeoutMs = 5000): Promise<CheckStatus> {
  if (iceServers.length === 0) return 'later';
  if (typeof RTCPeerConnection !== 'function') return 'fail';
  const wantsRelay = iceServers.some((server) => server.urls.some((url) => /^turns?:/.test(url)));
  const pc = new RTCPeerConnection({ iceServers: iceServers.map((server) => ({ ...server })) });
  const types = new Set<string>();
  try {
    pc.createDataChannel('check');
    const gathered = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      pc.onicecandidate = ({ candidate }) => {
        if (candidate) types.add(candidate.type ?? 'host');
        if (!candidate || (wantsRelay ? types.has('relay') : types.size > 0)) {
          clearTimeout(timer);
          resolve();
        }
      };
    });
    await pc.setLocalDescription(await pc.createOffer());
    await gathered;
  } catch {
    return 'fail';
  } finally {
    pc.close();
  }
  if (wantsRelay) return types.has('relay') ? 'ok' : 'warn';
  return types.size > 0 ? 'ok' : 'fail';
}
