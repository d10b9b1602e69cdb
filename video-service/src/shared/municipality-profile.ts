/**
 * The municipality profile (issue 11, item 18): who the office is, configured once in one JSON file
 * (`MUNICIPALITY_PROFILE`) and read by both services at start — the mail's sender, signature and contact
 * block, the fee per service in the mail, the documents' letterhead and the pages' links to imprint and
 * privacy statement. Without a file the development profile of "Stadt Musterstadt" applies, so a newcomer
 * sees what a city's looks like and where each value shows.
 */
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** A text in German and, optionally, the other room languages (German stands in for a missing one). */
const localizedText = z.object({
  de: text(300),
  en: text(300).optional(),
  tr: text(300).optional(),
  ar: text(300).optional(),
  uk: text(300).optional(),
  ru: text(300).optional(),
});

export const municipalityProfileSchema = z.object({
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
});

export type MunicipalityProfile = z.infer<typeof municipalityProfileSchema>;
export type ProfileLanguage = keyof z.infer<typeof localizedText>;

/** The development profile (`npm start`, the tests): clearly a made-up city. */
export const DEVELOPMENT_PROFILE: MunicipalityProfile = {
  name: 'Stadt Musterstadt – Bürgeramt',
  address: { street: 'Rathausplatz 1', postcode: '12345', city: 'Musterstadt' },
  phone: '+49 1234 567-0',
  email: 'buergeramt@musterstadt.example',
  openingHours: { de: 'Mo–Fr 8–12 Uhr, Do 14–18 Uhr', en: 'Mon–Fri 8 am–12 noon, Thu 2–6 pm' },
};

/**
 * The profile from the file `file` as read by `read` (each service's config reads it: this module is shared
 * with the browser side and touches no file system), or the development profile without a file. Throws with
 * the field that is wrong.
 */
export function loadMunicipalityProfile(file: string | undefined, read: (file: string) => string): MunicipalityProfile {
  if (!file) return DEVELOPMENT_PROFILE;
  let raw: unknown;
  try {
    raw = JSON.parse(read(file));
  } catch (error) {
    throw new Error(`MUNICIPALITY_PROFILE: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  const parsed = municipalityProfileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`MUNICIPALITY_PROFILE: ${issue.path.join('.') || '(file)'} ${issue.message}`);
  }
  return parsed.data;
}

/** A profile text in `language`, German where it has none. */
export function profileText(value: z.infer<typeof localizedText> | undefined, language: string): string | undefined {
  return value?.[language as ProfileLanguage] ?? value?.de;
}

/** "Rathausplatz 1, 12345 Musterstadt". */
export function postalAddress(profile: MunicipalityProfile): string {
  return `${profile.address.street}, ${profile.address.postcode} ${profile.address.city}`;
}
