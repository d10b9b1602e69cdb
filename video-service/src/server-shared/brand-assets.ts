/**
 * The city's face as both services serve it (server side; no framework): a tiny stylesheet of CSS custom
 * properties (`--va-brand`, `--va-on-brand`, `--va-brand-accent`) that every page links before its own, and
 * the logo as a file. Both paths carry a hash of their content, so they are cached for good and a new profile
 * (a restart) is fetched at once; `/brand/logo.png` is the stable name for others (e.g. a booking system's page).
 * The colours travel as CSS, not as JavaScript: the room's page before the call keeps its budget.
 */
import { createHash } from 'node:crypto';
import { profileText, type Brand } from '../shared/municipality-profile.ts';

export interface BrandAsset {
  contentType: string;
  body: Buffer;
  /** Hashed names are immutable; the stable alias is cached for an hour. */
  immutable: boolean;
}

export interface BrandAssets {
  /** `/brand/brand-<hash>.css`. */
  cssPath: string;
  /** `/brand/logo-<hash>.png`, or null without a logo. */
  logoPath: string | null;
  /** The logo's alternative text in `language` (German where the profile has none); '' without a logo. */
  logoAlt(language: string): string;
  logo: Brand['logo'];
  /** Every served path and its answer. */
  files: ReadonlyMap<string, BrandAsset>;
}

/** The custom properties of the brand, as the stylesheet holds them. */
export function brandCss(brand: Brand): string {
  return `:root { --va-brand: ${brand.primary}; --va-on-brand: ${brand.onPrimary}; --va-brand-accent: ${brand.accent}; }\n`;
}

const MADE = new WeakMap<Brand, BrandAssets>();

/** The assets of `brand`, made once per brand (the profile is read once at start). */
export function brandAssets(brand: Brand): BrandAssets {
  let assets = MADE.get(brand);
  if (!assets) MADE.set(brand, (assets = makeBrandAssets(brand)));
  return assets;
}

function makeBrandAssets(brand: Brand): BrandAssets {
  const css = Buffer.from(brandCss(brand));
  const cssPath = `/brand/brand-${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`;
  const files = new Map<string, BrandAsset>([
    [cssPath, { contentType: 'text/css; charset=utf-8', body: css, immutable: true }],
  ]);
  const logo = brand.logo;
  const logoPath = logo ? `/brand/logo-${logo.hash}.png` : null;
  if (logo && logoPath) {
    files.set(logoPath, { contentType: logo.contentType, body: logo.bytes, immutable: true });
    files.set('/brand/logo.png', { contentType: logo.contentType, body: logo.bytes, immutable: false });
  }
  return {
    cssPath,
    logoPath,
    logo,
    logoAlt: (language) => (logo ? (profileText(logo.alt, language) ?? '') : ''),
    files,
  };
}

/**
 * The office's bar above a page: its logo (when there is one) and its name, white on its colour; the classes
 * are styled by each service's page stylesheet (a `header` landmark, so it sits outside `main`).
 */
export function brandBarHtml(
  brand: Brand,
  officeName: string,
  language: string,
  escape: (text: string) => string,
): string {
  const assets = brandAssets(brand);
  const logo =
    assets.logo && assets.logoPath
      ? `<img class="va-brand-logo" src="${assets.logoPath}" alt="${escape(assets.logoAlt(language))}" width="${Math.round((48 * assets.logo.width) / assets.logo.height)}" height="48">`
      : '';
  return `<header class="va-brand-bar">${logo}<span class="va-brand-office">${escape(officeName)}</span></header>`;
}
