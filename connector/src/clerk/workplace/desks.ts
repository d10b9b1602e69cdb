/**
 * Desks (teams) and the services each handles (docs/clerk-workplace.md "Desks"): read once at start-up
 * from CLERK_DESKS_FILE (default connector/catalogue/desks.json). An appointment belongs to every desk one of
 * its services belongs to; a clerk's desks come from the sign-in (ClerkPrincipal.desks).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export interface Desk {
  /** `[a-z0-9-]`, as the identity provider's group/claim names it. */
  id: string;
  name: { de: string; en: string };
  /** Service codes of connector/catalogue/services.json. */
  services: string[];
}

export const DEFAULT_DESKS_FILE = fileURLToPath(new URL('../../../catalogue/desks.json', import.meta.url));

const fileSchema = z.object({
  desks: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'desk ids are lowercase letters, digits, - and _'),
        name: z.object({ de: z.string().min(1), en: z.string().min(1) }),
        services: z.array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)).min(1),
      }),
    )
    .refine((list) => new Set(list.map((d) => d.id)).size === list.length, 'desk ids must be unique'),
});

/**
 * Reads and validates a desks file.
 * @returns the desks, or a problem text for the configuration error.
 */
export function readDesksFile(file: string): { desks: Desk[] } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { problem: `cannot read ${file} as JSON (${(err as Error).message})` };
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { problem: `${issue.path.join('.') || 'file'}: ${issue.message}` };
  }
  return { desks: parsed.data.desks };
}

/** The desks of an appointment's services. */
export function desksOfServices(desks: Desk[], services: string[]): string[] {
  return desks.filter((d) => d.services.some((s) => services.includes(s))).map((d) => d.id);
}
