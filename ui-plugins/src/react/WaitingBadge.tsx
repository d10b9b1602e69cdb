/** @jsxImportSource react */
/** "2 Personen warten" (React): the same badge as `<va-waiting-badge>`, a polite live region. */
import { labelsFor, localeFor } from '../labels.ts';
import type { VirtuellesAmt } from './useVirtuellesAmt.ts';

export function WaitingBadge({ va }: { va: VirtuellesAmt }) {
  const locale = localeFor(va.lang);
  return (
    <span
      className={`va-badge${va.waiting > 0 ? ' va-badge-active' : ''}`}
      role="status"
      aria-live="polite"
      lang={locale}
      data-waiting={va.waiting}
    >
      {labelsFor(locale).waiting(va.waiting)}
    </span>
  );
}
