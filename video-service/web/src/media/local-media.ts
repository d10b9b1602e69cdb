/**
 * Camera and microphone of this device. Asks for both; when one is missing or busy, falls back to the
 * other, so a citizen without a camera can still talk. Errors are classified so the page can explain them
 * (https://w3c.github.io/mediacapture-main/#dom-mediadevices-getusermedia lists the error names).
 */

/** Why camera or microphone are (partly) unavailable. */
export type DeviceProblem =
  /** The person or the browser's settings refused access. */
  | 'denied'
  /** No camera or no microphone found. */
  | 'not_found'
  /** Another application holds the device. */
  | 'in_use'
  /** The page is not served over HTTPS, so browsers hide the devices. */
  | 'insecure'
  | 'failed';

export interface AcquiredMedia {
  stream: MediaStream | null;
  /** Set when at least one of camera and microphone could not be used. */
  problem: DeviceProblem | null;
}

/**
 * VGA by default: the first picture arrives sooner and weak devices keep up (measured on a 2-core machine:
 * 720p roughly doubled the time from "connected" to the first frame). WebRTC adapts the resolution to the
 * bandwidth anyway; a sharp still for the ID check is a separate, full-resolution capture.
 */
const VIDEO: MediaTrackConstraints = { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } };

/** Which camera and microphone to open (absent: the browser's default, the front camera). */
export interface DeviceChoice {
  cameraId?: string | null;
  microphoneId?: string | null;
  /** `environment` = the back camera of a phone (to show an ID card). */
  facingMode?: 'user' | 'environment';
}

/** getUserMedia constraints for one kind of device. */
export function constraintsFor(kind: 'audio' | 'video', choice: DeviceChoice = {}): MediaTrackConstraints | true {
  if (kind === 'audio') return choice.microphoneId ? { deviceId: { exact: choice.microphoneId } } : true;
  const { facingMode: _front, ...size } = VIDEO;
  if (choice.cameraId) return { ...size, deviceId: { exact: choice.cameraId } };
  return choice.facingMode ? { ...size, facingMode: { exact: choice.facingMode } } : VIDEO;
}

/** Maps a getUserMedia rejection to a problem the page explains. */
export function classifyMediaError(error: unknown): DeviceProblem {
  switch ((error as { name?: unknown } | null)?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return 'not_found';
    case 'NotReadableError':
    case 'AbortError':
    case 'TrackStartError':
      return 'in_use';
    default:
      return 'failed';
  }
}

/**
 * Opens camera and microphone. Never throws: without any device the stream is null and `problem` says why.
 * @param devices defaults to `navigator.mediaDevices` (absent on plain-HTTP pages other than localhost).
 */
export async function acquireLocalMedia(
  devices: MediaDevices | undefined = globalThis.navigator?.mediaDevices,
  choice: DeviceChoice = {},
): Promise<AcquiredMedia> {
  if (!devices?.getUserMedia)
    return { stream: null, problem: globalThis.isSecureContext === false ? 'insecure' : 'failed' };
  const audio = constraintsFor('audio', choice);
  const video = constraintsFor('video', choice);
  try {
    return { stream: await devices.getUserMedia({ audio, video }), problem: null };
  } catch (error) {
    const problem = classifyMediaError(error);
    if (problem === 'denied') return { stream: null, problem };
    for (const constraints of [{ audio }, { video }]) {
      try {
        return { stream: await devices.getUserMedia(constraints), problem };
      } catch {
        // try the other device on its own
      }
    }
    return { stream: null, problem };
  }
}

/** Stops every track (turns the camera light off). */
export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
