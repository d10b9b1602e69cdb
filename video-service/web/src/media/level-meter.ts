/**
 * Microphone level for the meter before joining (Web Audio AnalyserNode): the root mean square of the
 * samples, ten times a second, scaled so normal speech fills most of the meter.
 */

/** Calls `onLevel(0..1)` about every 100 ms until the returned function is called. */
export function watchLevel(track: MediaStreamTrack, onLevel: (level: number) => void): () => void {
  let context: AudioContext;
  try {
    context = new AudioContext();
  } catch {
    return () => undefined;
  }
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  // A context made before any click may start suspended (autoplay rules): wake it on the first input.
  const wake = (): void => void context.resume().catch(() => undefined);
  wake();
  addEventListener('pointerdown', wake, { once: true });
  addEventListener('keydown', wake, { once: true });
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const sample of samples) sum += sample * sample;
    onLevel(Math.min(1, Math.sqrt(sum / samples.length) * 5));
  }, 100);
  return () => {
    clearInterval(timer);
    removeEventListener('pointerdown', wake);
    removeEventListener('keydown', wake);
    source.disconnect();
    void context.close();
  };
}
