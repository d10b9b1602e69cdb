/**
 * Reads the municipality profile at start (server side only: each service's config.ts calls this once): the
 * JSON file, then the logo it names (relative to the file) and the colours. Every check that would otherwise
 * show only in a citizen's mail, page or PDF runs here, so a wrong profile stops the start with the field that
 * is wrong: the logo must be a whole PNG (its bytes, not its name) of bounded size, and the primary colour must
 * meet WCAG 2.1 AA against white (docs/adr/0180-brand-read-once-png-contrast-at-start.md).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contrastProblem } from '../shared/brand-colours.ts';
import { inspectPng } from './logo-image.ts';
import {
  DEFAULT_PRIMARY,
  DEVELOPMENT_PROFILE,
  LOGO_MAX_BYTES,
  LOGO_MAX_PIXELS,
  LOGO_MIN_PIXELS,
  municipalityProfileSchema,
  type LocalizedText,
  type LogoImage,
  type MunicipalityProfile,
  type MunicipalityProfileFile,
} from '../shared/municipality-profile.ts';

/** Where the development profile's logo lies (next to municipality-profile.ts). */
const DEVELOPMENT_DIR = fileURLToPath(new URL('../shared/', import.meta.url));

/**
 * The profile from `file`, or the development profile without one. Throws `MUNICIPALITY_PROFILE: <field>
 * <problem>`.
 */
export function loadMunicipalityProfile(file: string | undefined): MunicipalityProfile {
  if (!file) return resolveProfile(DEVELOPMENT_PROFILE, DEVELOPMENT_DIR);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`MUNICIPALITY_PROFILE: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  const parsed = municipalityProfileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`MUNICIPALITY_PROFILE: ${issue.path.join('.') || '(file)'} ${issue.message}`);
  }
  return resolveProfile(parsed.data, path.dirname(path.resolve(file)));
}

function resolveProfile(profile: MunicipalityProfileFile, dir: string): MunicipalityProfile {
  const { logo, logoAlt, colours, ...rest } = profile;
  const primary = colours?.primary ?? DEFAULT_PRIMARY;
  const problem = contrastProblem(primary);
  if (problem) throw new Error(`MUNICIPALITY_PROFILE: ${problem}`);
  return {
    ...rest,
    brand: {
      primary,
      onPrimary: '#ffffff',
      accent: colours?.accent ?? primary,
      logo: logo && logoAlt ? readLogo(path.resolve(dir, logo), logoAlt) : null,
    },
  };
}

function readLogo(file: string, alt: LocalizedText): LogoImage {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new Error(`MUNICIPALITY_PROFILE: logo cannot be read: ${file} (${(error as NodeJS.ErrnoException).code})`);
  }
  if (bytes.length > LOGO_MAX_BYTES)
    throw new Error(
      `MUNICIPALITY_PROFILE: logo ${file} has ${bytes.length} bytes, at most ${LOGO_MAX_BYTES} (200 KB) are allowed`,
    );
  const png = inspectPng(bytes);
  if ('problem' in png) throw new Error(`MUNICIPALITY_PROFILE: logo ${file} ${png.problem}`);
  const { width, height } = png;
  if (Math.max(width, height) > LOGO_MAX_PIXELS || Math.min(width, height) < LOGO_MIN_PIXELS)
    throw new Error(
      `MUNICIPALITY_PROFILE: logo ${file} is ${width}×${height} pixels; each side must be ${LOGO_MIN_PIXELS} to ${LOGO_MAX_PIXELS}`,
    );
  return {
    bytes,
    contentType: 'image/png',
    width,
    height,
    hash: createHash('sha256').update(bytes).digest('hex').slice(0, 16),
    alt,
  };
}
