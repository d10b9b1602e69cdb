/** The service catalogue in use: the built-in one, or CASEWORK_CATALOGUE_FILE (validated at start-up). */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FORM_DEFINITIONS } from '../forms/definitions/index.ts';
import type { Localized } from '../../contract/casework.ts';
import { SERVICE_TRANSLATIONS } from '../../shared/service-translations.ts';
import { BUILT_IN_CATALOGUE, type CatalogueService } from './services.ts';

const text = z.string().min(1);
/** German and English required; the other languages optional (else from SERVICE_TRANSLATIONS, else German). */
const localizedFields = {
  de: text,
  en: text,
  tr: text.optional(),
  ar: text.optional(),
  uk: text.optional(),
  ru: text.optional(),
};
const localized = z
  .object(localizedFields)
  .transform((value): Localized => ({ ...SERVICE_TRANSLATIONS[value.de], ...value }));
/** A document to have ready; `idDocument` marks the proof of identity the ID check looks at. */
const catalogueDocument = z
  .object({ ...localizedFields, idDocument: z.boolean().optional() })
  .transform(({ idDocument, ...value }) => ({
    ...SERVICE_TRANSLATIONS[value.de],
    ...value,
    ...(idDocument ? { idDocument } : {}),
  }));
const fileSchema = z.object({
  services: z.array(
    z.object({
      code: z.string().regex(/^[a-z0-9-]{1,64}$/),
      name: localized,
      form: z.string().nullable(),
      documents: z.array(catalogueDocument),
      feeCents: z.number().int().min(0).max(10_000_000),
      paymentBeforeDownload: z.boolean().optional(),
    }),
  ),
});

export interface Catalogue {
  get(code: string): CatalogueService | undefined;
  all(): CatalogueService[];
}

function build(services: CatalogueService[]): Catalogue {
  for (const s of services) {
    if (s.form !== null && !FORM_DEFINITIONS.has(s.form))
      throw new Error(`catalogue: service ${s.code} names unknown form ${s.form}`);
  }
  const byCode = new Map(services.map((s) => [s.code, s]));
  return { get: (code) => byCode.get(code), all: () => [...byCode.values()] };
}

/** Loads the catalogue (throws naming the problem when the file is unreadable or invalid). */
export function loadCatalogue(file?: string): Catalogue {
  if (!file) return build(BUILT_IN_CATALOGUE);
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `catalogue ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return build(parsed.data.services);
}
