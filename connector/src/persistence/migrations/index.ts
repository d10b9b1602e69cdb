/**
 * The ordered list of migrations. Add a new file `NNNN-what.ts` exporting `up`/`down` and list it
 * here; names are stored in the `connector_migrations` table, never rename an applied one.
 */
import type { QueryInterface } from 'sequelize';
import * as initialSchema from './0001-initial-schema.ts';

export interface Migration {
  name: string;
  up(params: { context: QueryInterface }): Promise<void>;
  down(params: { context: QueryInterface }): Promise<void>;
}

export const MIGRATIONS: Migration[] = [{ name: '0001-initial-schema', ...initialSchema }];
