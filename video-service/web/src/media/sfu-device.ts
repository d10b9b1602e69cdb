/**
 * The mediasoup-client Device of the SFU engine, with fewer throw-away peer connections than
 * mediasoup-client makes by itself (issue 15: each page created and closed two peer connections before the
 * two that carried media).
 *
 * Why there were two: `Device.load()` asks its handler for the browser's native RTP capabilities twice,
 * `recvonly` and `sendonly`, and Chrome111's handler answers each by creating an RTCPeerConnection, adding
 * transceivers and reading the codecs out of an offer. Here:
 * - only the `recvonly` probe makes a connection; what the browser can *send* is those capabilities
 *   narrowed to the codecs and header extensions `RTCRtpSender.getCapabilities()` lists (a static call, no
 *   connection), so payload types and extension ids stay the ones the browser's offers use;
 * - the answer is kept for the tab (memory and `sessionStorage`, keyed by the user agent): a reload, a
 *   re-join or a new engine after `sfu:restart` makes no probe at all;
 * - the probe starts with the engine, alongside the `sfu:capabilities` request, not after its answer.
 * Browsers other than Chromium keep mediasoup-client's own handlers unchanged.
 */
import { Device, detectDevice, type types } from 'mediasoup-client';
import { Chrome111 } from 'mediasoup-client/handlers/Chrome111';

type Direction = 'sendonly' | 'recvonly';
type Capabilities = types.RtpCapabilities;

const STORAGE_KEY = 'va.sfu.nativeRtpCapabilities';

let remembered: { userAgent: string; recv: Capabilities } | null = null;
let probing: Promise<Capabilities> | null = null;

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage blocked (privacy settings): probe once per page instead
  }
}

function userAgent(): string {
  return globalThis.navigator?.userAgent ?? '';
}

function stored(): Capabilities | null {
  if (remembered?.userAgent === userAgent()) return remembered.recv;
  try {
    const raw = storage()?.getItem(STORAGE_KEY);
    const parsed = raw ? (JSON.parse(raw) as { userAgent?: string; recv?: Capabilities }) : null;
    if (parsed?.userAgent === userAgent() && parsed.recv?.codecs) {
      remembered = { userAgent: userAgent(), recv: parsed.recv };
      return parsed.recv;
    }
  } catch {
    // A damaged entry is probed again and overwritten.
  }
  return null;
}

function remember(recv: Capabilities): void {
  remembered = { userAgent: userAgent(), recv };
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(remembered));
  } catch {
    // Full or blocked storage: the memory copy serves this page.
  }
}

/** The `recvonly` capabilities: remembered, or one probe (shared by concurrent callers). */
function receiveCapabilities(base: types.HandlerFactory): Promise<Capabilities> {
  const known = stored();
  if (known) return Promise.resolve(structuredClone(known));
  probing ??= base.getNativeRtpCapabilities({ direction: 'recvonly' }).then(
    (recv) => {
      remember(recv);
      probing = null;
      return recv;
    },
    (error: unknown) => {
      probing = null;
      throw error;
    },
  );
  return probing.then((recv) => structuredClone(recv));
}

/** Format parameters that tell codecs of one MIME type apart (H264 profiles, VP9 profiles). */
const DISTINGUISHING = ['profile-level-id', 'packetization-mode', 'profile-id'];

function fmtpOf(line: string | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of (line ?? '').split(';')) {
    const [key, value] = pair.split('=');
    if (key && value !== undefined) result[key.trim()] = value.trim();
  }
  return result;
}

function sameCodec(codec: types.RtpCodecCapability, native: RTCRtpCodec): boolean {
  if (codec.mimeType.toLowerCase() !== native.mimeType.toLowerCase() || codec.clockRate !== native.clockRate)
    return false;
  const fmtp = fmtpOf(native.sdpFmtpLine);
  const parameters = (codec.parameters ?? {}) as Record<string, unknown>;
  return DISTINGUISHING.every(
    (key) =>
      fmtp[key] === undefined ||
      parameters[key] === undefined ||
      String(parameters[key]).toLowerCase() === fmtp[key]!.toLowerCase(),
  );
}

/**
 * What the browser can send, from what it can receive: the codecs `RTCRtpSender.getCapabilities()` lists
 * (RTX kept for the codecs kept) and the header extensions it lists. Null when the static API is missing.
 */
export function sendCapabilitiesFrom(recv: Capabilities): Capabilities | null {
  const sender = globalThis.RTCRtpSender as typeof RTCRtpSender | undefined;
  if (typeof sender?.getCapabilities !== 'function') return null;
  const audio = sender.getCapabilities('audio');
  const video = sender.getCapabilities('video');
  if (!audio || !video) return null;
  const natives = { audio, video };
  const kept = (recv.codecs ?? []).filter(
    (codec) =>
      codec.mimeType.toLowerCase().endsWith('/rtx') ||
      natives[codec.kind].codecs.some((native) => sameCodec(codec, native)),
  );
  const payloads = new Set(
    kept.filter((c) => !c.mimeType.toLowerCase().endsWith('/rtx')).map((c) => c.preferredPayloadType),
  );
  const codecs = kept.filter(
    (codec) => !codec.mimeType.toLowerCase().endsWith('/rtx') || payloads.has(Number(codec.parameters?.apt)),
  );
  const headerExtensions = (recv.headerExtensions ?? []).filter((extension) =>
    natives[extension.kind].headerExtensions.some((native) => native.uri === extension.uri),
  );
  return { codecs, headerExtensions };
}

/** Chrome111's handler with the probes described in the file's comment. */
function chromeFactory(): types.HandlerFactory {
  const base = Chrome111.createFactory({});
  const recv = receiveCapabilities(base);
  // Started now (with the engine), awaited only inside Device.load(); a failure surfaces there.
  recv.catch(() => undefined);
  return {
    name: base.name,
    factory: base.factory,
    async getNativeRtpCapabilities({ direction }: { direction: Direction }): Promise<Capabilities> {
      const capabilities = await recv;
      if (direction === 'recvonly') return structuredClone(capabilities);
      return sendCapabilitiesFrom(capabilities) ?? base.getNativeRtpCapabilities({ direction });
    },
  };
}

/**
 * The browser's Device. Chromium (and a user agent mediasoup-client does not recognise, such as
 * HeadlessChrome) gets the Chrome111 handler with the probes above; other browsers mediasoup's own.
 */
export function browserDevice(): Device {
  let detected: string | undefined;
  try {
    detected = detectDevice();
  } catch {
    detected = undefined;
  }
  if (detected === undefined || detected === 'Chrome111') return new Device({ handlerFactory: chromeFactory() });
  return new Device();
}
