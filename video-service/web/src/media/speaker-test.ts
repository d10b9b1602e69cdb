/**
 * Loudspeaker test: a short, soft two-note chime through the chosen output (`setSinkId` where the browser
 * has it), so the person knows they will hear the clerk before the call starts.
 */

/** Plays the chime; rejects when the browser cannot play it. Call from a click (autoplay rules). */
export async function playTestTone(sinkId: string | null, durationMs = 900): Promise<void> {
  const context = new AudioContext();
  try {
    const destination = context.createMediaStreamDestination();
    const gain = context.createGain();
    gain.connect(destination);
    const start = context.currentTime;
    const seconds = durationMs / 1000;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.25, start + 0.04);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + seconds);
    for (const [frequency, offset] of [
      [660, 0],
      [880, seconds / 2],
    ] as const) {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start(start + offset);
      oscillator.stop(start + (offset === 0 ? seconds / 2 : seconds));
    }
    const audio = new Audio();
    audio.srcObject = destination.stream;
    if (sinkId && typeof audio.setSinkId === 'function') await audio.setSinkId(sinkId);
    await context.resume();
    await audio.play();
    await new Promise((resolve) => setTimeout(resolve, durationMs + 100));
    audio.pause();
    audio.srcObject = null;
  } finally {
    void context.close();
  }
}
