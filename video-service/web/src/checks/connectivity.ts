/**
 * The checks before joining: can this browser hold a video call at all, does the signalling connection to
 * the video service work (WebSocket, or the slower long-polling fallback), and can WebRTC reach the TURN
 * relays (a relay candidate). The check's own connection asks the service for short-lived TURN credentials
 * (`media:probe`, also before admission: they open no path to anyone, docs/signalling.md "Connectivity
 * check"), so a citizen behind a strict firewall learns it on the device-check page, not when admitted.
 * Without any ICE server configured the network path is checked on entering (`later`).
 */
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  IceServerInfo,
  MediaProbe,
  ServerToClientEvents,
} from '@virtuelles-amt/video-service/contract/signalling';

/** `later`: cannot be checked before entering (the service has no ICE servers to offer). */
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
  else if (typeof scope.RTCPeerConnection !== 'function' || !scope.navigator?.mediaDevices?.getUserMedia)
    advice.push('no_webrtc');
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

/** What the check's connection found: the signalling result and, when connected, the check's ICE servers. */
export interface ConnectionProbe {
  signalling: CheckStatus;
  /** The `media:probe` answer; null when not connected or refused. */
  media: MediaProbe | null;
}

/**
 * Opens a throw-away socket.io connection with the session (or none: then the service's refusal of the
 * handshake counts as reached): `ok` over WebSocket, `warn` when only
 * long-polling gets through (a proxy blocks WebSockets: it works, slower), `fail` otherwise. Once connected
 * it asks for the check's ICE servers (`media:probe`).
 */
export async function probeConnection(
  session: string | null,
  baseUrl?: string,
  timeoutMs = 6000,
): Promise<ConnectionProbe> {
  const direct = await handshake(session, ['websocket'], baseUrl, timeoutMs);
  if (direct.connected) return { signalling: 'ok', media: direct.media };
  const polling = await handshake(session, ['polling'], baseUrl, timeoutMs);
  return { signalling: polling.connected ? 'warn' : 'fail', media: polling.media };
}

type CheckSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

function handshake(
  session: string | null,
  transports: string[],
  baseUrl: string | undefined,
  timeoutMs: number,
): Promise<{ connected: boolean; media: MediaProbe | null }> {
  const options = { transports, reconnection: false, forceNew: true, timeout: timeoutMs, auth: { session } };
  const socket: CheckSocket = baseUrl ? io(baseUrl, options) : io(options);
  return new Promise((resolve) => {
    const done = (connected: boolean, media: MediaProbe | null = null): void => {
      socket.disconnect();
      resolve({ connected, media });
    };
    socket.once('connect', () => {
      socket
        .timeout(timeoutMs)
        .emit('media:probe', {}, (error, reply) => done(true, !error && reply.ok ? reply.data : null));
    });
    // Without a session (the early page, before the room opens) the service refuses the handshake: that
    // refusal came over this transport, so the connection itself works.
    socket.once('connect_error', (error) => done(session === null && error.message === 'unauthorized'));
  });
}

/**
 * Gathers ICE candidates. With TURN servers `ok` needs a relay candidate; without one it is `warn` (calls may
 * still work directly) — or `fail` when calls go through relays only (`iceTransportPolicy: 'relay'`). With
 * STUN only, any candidate is `ok`; none at all is `fail`. Without any ICE server nothing is tried (`later`).
 * The peer connection only gathers: it gets no remote description and never connects to anyone.
 */
export async function checkIce(
  iceServers: IceServerInfo[] = [],
  timeoutMs = 5000,
  policy: RTCIceTransportPolicy = 'all',
): Promise<CheckStatus> {
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
  if (wantsRelay) return types.has('relay') ? 'ok' : policy === 'relay' || types.size === 0 ? 'fail' : 'warn';
  return types.size > 0 ? 'ok' : 'fail';
}
