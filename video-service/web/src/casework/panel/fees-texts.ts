/** The fees panel's text keys (German is the reference; each language file has all of them). */
import type { feesDe } from './fees-texts-de.ts';

export type FeesTexts = typeof feesDe;
