/**
 * Telling the clerk that someone started waiting, also while the tab is in the background: a short beep
 * (WebAudio, no sound file), a browser notification (permission asked on a click, as browsers require), and
 * the count of waiting citizens in the tab title, "(2) Arbeitsplatz". The notification names the time and
 * the services, never the citizen: it may show on a locked screen.
 */
let audio: AudioContext | null = null;

/** Call from a click: asks for the notification permission and unlocks audio. */
export async function enableAlerts(): Promise<NotificationPermission | 'unsupported'> {
  try {
    audio ??= new AudioContext();
    await audio.resume();
  } catch {
    audio = null;
  }
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission === 'default' ? Notification.requestPermission() : Notification.permission;
}

export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Two short tones (about 0.3 s). Silent when audio was never unlocked by a click. */
export function beep(): void {
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.18, 1320],
  ] as const) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.14);
    osc.connect(gain).connect(audio.destination);
    osc.start(start + offset);
    osc.stop(start + offset + 0.15);
  }
}

/** A system notification (when permitted); a click brings the workplace tab forward. */
export function notify(title: string, body: string, tag: string): void {
  if (notificationPermission() !== 'granted') return;
  try {
    const n = new Notification(title, { body, tag, lang: document.documentElement.lang });
    n.onclick = () => {
      window.focus();
      n.close();
    };
  } catch {
    // Some mobile browsers allow notifications only from a service worker; the title and the sound remain.
  }
}

export function setTitleCount(base: string, waiting: number): void {
  document.title = waiting > 0 ? `(${waiting}) ${base}` : base;
}
