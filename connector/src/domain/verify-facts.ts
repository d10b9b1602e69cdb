/**
 * Booking facts for the ID check's security questions (issue 11, item 11; docs/adr/0015): what the booking
 * system knows of the citizen and the room never shows them — date of birth, street, postcode. They go
 * only into the clerk's join token (`appt.verify`, with the booking's e-mail and phone), never into a
 * citizen's token, a mail or a log line. Each adapter finds them in its own payload; the field names
 * booking forms use differ, so they are matched by name and label here, in one place.
 */
import type { Citizen, CitizenFacts } from './appointment.ts';

export type { CitizenFacts } from './appointment.ts';

const BIRTH_DATE = /^(birth_?date|date_?of_?birth|dob|birthday|geburtsdatum|geburtstag|geboren_?am)$/;
const STREET = /^(street|street_?address|address_?line_?1|address|strasse|straße|anschrift|adresse)$/;
const POSTCODE = /^(post_?code|postal_?code|zip|zip_?code|plz|postleitzahl)$/;
const BIRTH_LABEL = /geburtsdatum|geburtstag|date of birth|birth ?date|birthday/i;
// Not just "address": Cal.com labels the e-mail field `email_address`.
const STREET_LABEL = /straße|strasse|street|anschrift|wohnadresse|^(home |postal )?address$/i;
const POSTCODE_LABEL = /postleitzahl|\bplz\b|postcode|postal code|zip/i;

const key = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

function isCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `1990-04-27`, `27.04.1990` or `27/04/1990` → `1990-04-27`; anything else (or a future date) → undefined. */
export function birthDateOf(value: unknown, now: Date = new Date()): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(text);
  const german = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : german
      ? [Number(german[3]), Number(german[2]), Number(german[1])]
      : [0, 0, 0];
  if (!y || !isCalendarDate(y, m, d) || y < 1900 || Date.UTC(y, m - 1, d) > now.getTime()) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function text(value: unknown, max: number): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
  if (typeof value !== 'string') return undefined;
  const clean = value.replace(/\s+/g, ' ').trim();
  return clean && clean.length <= max ? clean : undefined;
}

/** A postcode is 3–10 letters, digits, spaces or dashes with at least one digit (DE 69117, NL 1012 AB, UK SW1A 1AA). */
function postcodeOf(value: unknown): string | undefined {
  const code = text(value, 20);
  return code && /^[A-Za-z0-9 -]{3,10}$/.test(code) && /\d/.test(code) ? code.toUpperCase() : undefined;
}

/**
 * One line of address (`Hauptstraße 5, 69117 Heidelberg`) → street and (a German five-digit) postcode;
 * the street alone when no postcode follows it.
 */
function splitAddress(value: unknown): CitizenFacts {
  const line = text(value, 300);
  if (!line || line.includes('@')) return {};
  const match = /^(.*?)[,\n]\s*(\d{5})\s+\S.*$/.exec(line);
  if (match) return { ...(match[1]!.trim() ? { street: match[1]!.trim().slice(0, 200) } : {}), postcode: match[2]! };
  return line.length <= 200 ? { street: line } : {};
}

/**
 * Facts from named fields (`{ birthDate: "…", plz: "…" }`) or form answers with labels
 * (`{ q3: { label: "Geburtsdatum", value: "…" } }`, Cal.com `responses`). The first usable value wins.
 */
export function factsFromFields(
  fields: Record<string, unknown> | null | undefined,
  now: Date = new Date(),
): CitizenFacts {
  const facts: CitizenFacts = {};
  if (!fields) return facts;
  for (const [name, raw] of Object.entries(fields)) {
    const labelled =
      typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
    const value = labelled ? labelled.value : raw;
    const label = typeof labelled?.label === 'string' ? labelled.label : '';
    const field = key(name);
    if (!facts.birthDate && (BIRTH_DATE.test(field) || BIRTH_LABEL.test(label))) {
      const date = birthDateOf(value, now);
      if (date) facts.birthDate = date;
    } else if (!facts.postcode && (POSTCODE.test(field) || POSTCODE_LABEL.test(label))) {
      const code = postcodeOf(value);
      if (code) facts.postcode = code;
    } else if (!facts.street && (STREET.test(field) || STREET_LABEL.test(label))) {
      const parts = splitAddress(value);
      if (parts.street) facts.street = parts.street;
      if (parts.postcode && !facts.postcode) facts.postcode = parts.postcode;
    }
  }
  return facts;
}

/** The citizen with their facts attached (`verify`), or unchanged when there are none. */
export function withFacts(citizen: Citizen, facts: CitizenFacts): Citizen {
  const clean: CitizenFacts = {
    ...(facts.birthDate ? { birthDate: facts.birthDate } : {}),
    ...(facts.street ? { street: facts.street } : {}),
    ...(facts.postcode ? { postcode: facts.postcode } : {}),
  };
  return Object.keys(clean).length > 0 ? { ...citizen, verify: clean } : citizen;
}

/** `appt.verify` of the clerk's join token: the stored facts plus the booking's e-mail and phone. */
export function clerkVerifyClaim(
  citizen: Citizen,
): { birthDate?: string; postcode?: string; street?: string; email?: string; phone?: string } | undefined {
  const claim = {
    ...(citizen.verify?.birthDate ? { birthDate: citizen.verify.birthDate } : {}),
    ...(citizen.verify?.postcode ? { postcode: citizen.verify.postcode.slice(0, 20) } : {}),
    ...(citizen.verify?.street ? { street: citizen.verify.street.slice(0, 200) } : {}),
    ...(citizen.email ? { email: citizen.email.slice(0, 254) } : {}),
    ...(citizen.phone ? { phone: citizen.phone.slice(0, 40) } : {}),
  };
  return Object.keys(claim).length > 0 ? claim : undefined;
}
