/**
 * The service catalogue (connector/catalogue/services.json): names and documents to have ready per
 * service code, in German and English. Unknown codes are shown as they are.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export type Language = 'de' | 'en';

const localized = z.object({ de: z.string(), en: z.string() });
const fileSchema = z.object({
  services: z.array(
    z.object({
      code: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/),
      name: localized,
      documents: z.object({ de: z.array(z.string()), en: z.array(z.string()) }),
    }),
  ),
});

export interface ServiceDescription {
  code: string;
  name: string;
  documents: string[];
}

export interface Catalogue {
  describe(code: string, language: Language): ServiceDescription;
  /** Every known service, in file order (for pickers such as the demo booking page). */
  list(language: Language): ServiceDescription[];
}

/** Default location: connector/catalogue/services.json. */
export const DEFAULT_CATALOGUE_FILE = fileURLToPath(new URL('../../catalogue/services.json', import.meta.url));

/** Reads and validates the catalogue file; throws on a malformed file (fail fast at start-up). */
export function loadCatalogue(file = DEFAULT_CATALOGUE_FILE): Catalogue {
  const { services } = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const byCode = new Map(services.map((s) => [s.code, s]));
  const describe = (code: string, language: Language): ServiceDescription => {
    const entry = byCode.get(code);
    return entry
      ? { code, name: entry.name[language], documents: entry.documents[language] }
      : { code, name: code, documents: [] };
  };
  return {
    describe,
    list: (language) => services.map((s) => describe(s.code, language)),
  };
}

/** German unless the locale starts with "en". */
export function languageOf(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'de';
}
