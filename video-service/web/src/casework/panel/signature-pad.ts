/**
 * A drawing pad for the signature (its own lazy chunk, loaded only when the citizen chooses to sign by
 * drawing). jSignature was the plan, but it is a jQuery plugin and jQuery is not installed in this
 * project (and jSignature reaches for a global `jQuery`), so this is a small pointer-events canvas that
 * produces what the service accepts for drawn signatures: a PNG (base64), at most 2000 × 1000 px.
 */
export interface SignaturePad {
  /** Whether anything was drawn. */
  readonly empty: boolean;
  clear(): void;
  /** The drawing as PNG, base64 without the data-URL prefix. */
  toPngBase64(): string;
  destroy(): void;
}

/** Turns `canvas` into a pad (mouse, touch, pen); `onChange` is told when it becomes empty or not. */
export function createSignaturePad(canvas: HTMLCanvasElement, onChange: (empty: boolean) => void): SignaturePad {
  const ratio = Math.min(globalThis.devicePixelRatio || 1, 2);
  const box = canvas.getBoundingClientRect();
  canvas.width = Math.min(Math.round(box.width * ratio), 2000);
  canvas.height = Math.min(Math.round(box.height * ratio), 1000);
  const context = canvas.getContext('2d')!;
  context.lineWidth = 2.5 * ratio;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  context.strokeStyle = '#0b1f4d';
  let empty = true;
  let drawing = false;
  const point = (event: PointerEvent): [number, number] => {
    const rect = canvas.getBoundingClientRect();
    return [((event.clientX - rect.left) * canvas.width) / rect.width, ((event.clientY - rect.top) * canvas.height) / rect.height];
  };
  const down = (event: PointerEvent): void => {
    event.preventDefault();
    canvas.setPointerCapture?.(event.pointerId);
    drawing = true;
    const [x, y] = point(event);
    context.beginPath();
    context.moveTo(x, y);
    context.lineTo(x + 0.1, y + 0.1);
    context.stroke();
  };
  const move = (event: PointerEvent): void => {
    if (!drawing) return;
    const [x, y] = point(event);
    context.lineTo(x, y);
    context.stroke();
    if (empty) {
      empty = false;
      onChange(false);
    }
  };
  const up = (): void => {
    drawing = false;
  };
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  canvas.style.touchAction = 'none';
  return {
    get empty() {
      return empty;
    },
    clear() {
      context.clearRect(0, 0, canvas.width, canvas.height);
      empty = true;
      onChange(true);
    },
    toPngBase64: () => canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, ''),
    destroy() {
      canvas.removeEventListener('pointerdown', down);
      canvas.removeEventListener('pointermove', move);
      canvas.removeEventListener('pointerup', up);
      canvas.removeEventListener('pointercancel', up);
    },
  };
}
