/**
 * Contrast of the profile's colour as WCAG 2.1 defines it (relative luminance, success criterion 1.4.3). The
 * primary colour carries white text (header bars, buttons) and is the colour of links and the office's name on
 * the pages' light backgrounds, so it must reach 4.5:1 against the darkest of those (CHECK_BACKGROUND;
 * white text on it then reads too). The start is refused otherwise, so a city cannot configure pages its
 * citizens cannot read (docs/adr/0180-brand-read-once-png-contrast-at-start.md).
 */

/** The darkest light background the pages put primary-coloured text on (the connector's status box). */
export const CHECK_BACKGROUND = '#eef4fa';

/** WCAG 2.1 AA for normal text. */
export const AA_CONTRAST = 4.5;

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** Relative luminance of `#rrggbb` (WCAG 2.1, with its 0.03928 threshold). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, 1 … 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `#rrggbb` mixed with black by `amount` (0 … 1): the hover shade of a button. */
export function darken(hex: string, amount: number): string {
  return `#${channels(hex)
    .map((c) =>
      Math.round(c * (1 - amount))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/**
 * The contrast problem of `primary` (field `field`) in words, with a darker shade of it that passes, or null
 * when it passes AA as text on the pages' light backgrounds and under white text.
 */
export function contrastProblem(primary: string, field = 'colours.primary'): string | null {
  const passes = (c: string) => contrastRatio(c, CHECK_BACKGROUND) >= AA_CONTRAST;
  if (passes(primary)) return null;
  let shade = primary;
  for (let step = 1; !passes(shade); step += 1) shade = darken(primary, step / 50);
  const white = contrastRatio(primary, '#ffffff').toFixed(2);
  const light = contrastRatio(primary, CHECK_BACKGROUND).toFixed(2);
  return `${field} ${primary} is too light: ${white}:1 against white text, ${light}:1 as text on the pages' light background ${CHECK_BACKGROUND}; WCAG 2.1 AA asks at least 4.5:1 — a darker shade such as ${shade} would do`;
}
