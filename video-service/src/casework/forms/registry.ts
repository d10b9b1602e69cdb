/** Looking up form definitions. */
import type { FormDefinition } from '../../contract/casework.ts';
import { FORM_DEFINITIONS } from './definitions/index.ts';

export function definitionOf(id: string): FormDefinition {
  const definition = FORM_DEFINITIONS.get(id);
  if (!definition) throw new Error(`unknown form definition ${id}`);
  return definition;
}
