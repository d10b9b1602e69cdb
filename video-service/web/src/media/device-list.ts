/**
 * The cameras, microphones and loudspeakers of this device (`enumerateDevices`). Labels are only given once
 * the person allowed camera/microphone access, so the list is read again after that and on `devicechange`.
 */

export interface DeviceOption {
  id: string;
  /** Empty when the browser does not tell; the page then numbers the devices. */
  label: string;
}

export interface DeviceLists {
  cameras: DeviceOption[];
  microphones: DeviceOption[];
  /** Empty where the browser cannot choose the output (no `setSinkId`, e.g. Safari on iOS). */
  speakers: DeviceOption[];
}

/** Lists the devices; never throws (an empty list when the browser refuses). */
export async function listDevices(
  devices: MediaDevices | undefined = globalThis.navigator?.mediaDevices,
): Promise<DeviceLists> {
  const lists: DeviceLists = { cameras: [], microphones: [], speakers: [] };
  let found: MediaDeviceInfo[] = [];
  try {
    found = (await devices?.enumerateDevices()) ?? [];
  } catch {
    return lists;
  }
  const canChooseOutput = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
  for (const device of found) {
    // Without permission some browsers list one entry per kind with an empty id: nothing to choose yet.
    if (!device.deviceId) continue;
    const option = { id: device.deviceId, label: device.label };
    if (device.kind === 'videoinput') lists.cameras.push(option);
    else if (device.kind === 'audioinput') lists.microphones.push(option);
    else if (device.kind === 'audiooutput' && canChooseOutput) lists.speakers.push(option);
  }
  return lists;
}
