/**
 * The service catalogue (connector/catalogue/services.json): names and documents to have ready per
 * service code, in German and English from the file; Turkish, Arabic, Ukrainian and Russian from the
 * file when it has them, else from SERVICE_TRANSLATIONS (keyed by the German wording), else German.
 * Unknown codes are shown as they are.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { languageOf, LANGUAGES, type Language } from '@virtuelles-amt/video-service/shared/languages';
import { SERVICE_TRANSLATIONS } from './service-translations.ts';

export { languageOf, LANGUAGES, type Language };

const optional = {
  tr: z.string().optional(),
  ar: z.string().optional(),
  uk: z.string().optional(),
  ru: z.string().optional(),
};
const localized = z.object({ de: z.string(), en: z.string(), ...optional });
const optionalLists = {
  tr: z.array(z.string()).optional(),
  ar: z.array(z.string()).optional(),
  uk: z.array(z.string()).optional(),
  ru: z.array(z.string()).optional(),
};
const fileSchema = z.object({
  services: z.array(
    z.object({
      code: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/),
      name: localized,
      /** The fee in euro cents (the video service's catalogue charges the same; test/repo/service-names.test.ts). */
      feeCents: z.number().int().min(0).optional(),
      documents: z.object({ de: z.array(z.string()), en: z.array(z.string()), ...optionalLists }),
    }),
  ),
});

export interface ServiceDescription {
  code: string;
  name: string;
  documents: string[];
  /** Euro cents; 0 when the service is free. */
  feeCents: number;
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
    if (!entry) return { code, name: code, documents: [], feeCents: 0 };
    const feeCents = entry.feeCents ?? 0;
    if (language === 'de' || language === 'en')
      return { code, name: entry.name[language], documents: entry.documents[language], feeCents };
    const translate = (german: string) => SERVICE_TRANSLATIONS[german]?.[language] ?? german;
    return {
      code,
      name: entry.name[language] ?? translate(entry.name.de),
      documents: entry.documents[language] ?? entry.documents.de.map(translate),
      feeCents,
    };
  };
  return {
    describe,
    list: (language) => services.map((s) => describe(s.code, language)),
  };
}
