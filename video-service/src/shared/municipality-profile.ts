/**
 * The municipality profile (issue 11, item 18): who the office is, configured once in one JSON file
 * (`MUNICIPALITY_PROFILE`) and read by both services at start — the mail's sender, signature and contact
 * block, the fee per service in the mail, the documents' letterhead and the pages' links to imprint and
 * privacy statement, and the city's face: its logo (coat of arms) and colours. Without a file the development
 * profile of "Stadt Musterstadt" applies, so a newcomer sees what a city's looks like and where each value
 * shows. This module is the schema only; ./load-municipality-profile.ts reads the file and the logo and checks
 * the colours' contrast.
 */
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const colour = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour as #rrggbb')
  .transform((c) => c.toLowerCase());

/** A text in German and, optionally, the other room languages (German stands in for a missing one). */
export const localizedText = z.object({
  de: text(300),
  en: text(300).optional(),
  tr: text(300).optional(),
  ar: text(300).optional(),
  uk: text(300).optional(),
  ru: text(300).optional(),
});

export const municipalityProfileSchema = z
  .object({
    /** The office as it signs: "Stadt Musterstadt – Bürgeramt". Also the documents' authority and seal name. */
    name: text(120),
    address: z.object({
      street: text(120),
      postcode: z
        .string()
        .trim()
        .regex(/^[0-9A-Za-z -]{3,10}$/, 'is not a postcode'),
      city: text(80),
    }),
    phone: text(40).optional(),
    email: z.email().optional(),
    /** "Mo–Fr 8–12 Uhr, Do 14–18 Uhr", per language. */
    openingHours: localizedText.optional(),
    imprintUrl: url.optional(),
    privacyUrl: url.optional(),
    /** The citizen mail's sender, e.g. `"Bürgeramt Musterstadt" <buergeramt@musterstadt.example>`; MAIL_FROM wins. */
    mailFrom: text(200).optional(),
    /**
     * The coat of arms or logo: a PNG file (the only format pdf-lib embeds that keeps transparency), relative to
     * the profile file, at most LOGO_MAX_BYTES and LOGO_MAX_PIXELS per side. Read and checked once at start.
     */
    logo: text(300).optional(),
    /** What the logo shows, per language: its alternative text in mails, pages and the room. Required with `logo`. */
    logoAlt: localizedText.optional(),
    /**
     * `primary` colours the header bar (white text on it), buttons and links on white, so it must reach WCAG 2.1
     * AA against white (4.5:1) or the start is refused; `accent` is the thin stripe under the header bar
     * (decorative, no contrast asked). Default: #004b87, accent = primary.
     */
    colours: z.object({ primary: colour, accent: colour.optional() }).optional(),
  })
  .refine((p) => !p.logo || p.logoAlt, { path: ['logoAlt'], message: 'is required with logo (what the logo shows)' });

/** What the profile file holds. */
export type MunicipalityProfileFile = z.infer<typeof municipalityProfileSchema>;
export type LocalizedText = z.infer<typeof localizedText>;
export type ProfileLanguage = keyof LocalizedText;

/** The logo as read and checked at start (./load-municipality-profile.ts). */
export interface LogoImage {
  bytes: Buffer;
  contentType: 'image/png';
  width: number;
  height: number;
  /** The first 16 hex digits of the bytes' SHA-256: names the file (`/brand/logo-<hash>.png`), cached for good. */
  hash: string;
  alt: LocalizedText;
}

/** The city's face as the services use it: the colours (checked) and the logo (read), if any. */
export interface Brand {
  /** Header bars, buttons, links; at least 4.5:1 against white. */
  primary: string;
  /** Text on `primary`: always white (the contrast check makes sure it reads). */
  onPrimary: '#ffffff';
  /** The stripe under the header bar (decorative). */
  accent: string;
  logo: LogoImage | null;
}

/** The profile as the services use it: the file's fields and the resolved brand. */
export type MunicipalityProfile = Omit<MunicipalityProfileFile, 'logo' | 'logoAlt' | 'colours'> & { brand: Brand };

/** The colour without `colours`: the blue the mail and the pages always had. */
export const DEFAULT_PRIMARY = '#004b87';

/** The largest logo accepted: it travels inline with every citizen mail. */
export const LOGO_MAX_BYTES = 200 * 1024;
/** The largest logo edge in pixels: pdf-lib decodes the whole image into memory for every document. */
export const LOGO_MAX_PIXELS = 1024;
/** The smallest logo edge in pixels: smaller is unreadable in a 48 px header. */
export const LOGO_MIN_PIXELS = 16;

/**
 * The development profile (`npm start`, the tests): clearly a made-up city. Its coat of arms lies next to
 * this file (development-logo.png, drawn by video-service/scripts/draw-development-logo.ts).
 */
export const DEVELOPMENT_PROFILE: MunicipalityProfileFile = {
  name: 'Stadt Musterstadt – Bürgeramt',
  address: { street: 'Rathausplatz 1', postcode: '12345', city: 'Musterstadt' },
  phone: '+49 1234 567-0',
  email: 'buergeramt@musterstadt.example',
  openingHours: { de: 'Mo–Fr 8–12 Uhr, Do 14–18 Uhr', en: 'Mon–Fri 8 am–12 noon, Thu 2–6 pm' },
  logo: 'development-logo.png',
  logoAlt: {
    de: 'Wappen der Stadt Musterstadt',
    en: 'Coat of arms of the town of Musterstadt',
    tr: 'Musterstadt şehrinin arması',
    ar: 'شعار مدينة موسترشتات',
    uk: 'Герб міста Мустерштадт',
    ru: 'Герб города Мустерштадт',
  },
  colours: { primary: DEFAULT_PRIMARY },
};

/** A profile text in `language`, German where it has none. */
export function profileText(value: LocalizedText | undefined, language: string): string | undefined {
  return value?.[language as ProfileLanguage] ?? value?.de;
}

/** "Rathausplatz 1, 12345 Musterstadt". */
export function postalAddress(profile: Pick<MunicipalityProfileFile, 'address'>): string {
  return `${profile.address.street}, ${profile.address.postcode} ${profile.address.city}`;
}
