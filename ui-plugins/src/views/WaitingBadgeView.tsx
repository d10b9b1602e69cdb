/** "2 Personen warten" (Preact, inside `<va-waiting-badge>`): a polite live region, so screen readers hear it change. */
import type { VaState } from '../client/types.ts';
import { labelsFor, localeFor } from '../labels.ts';

export function WaitingBadgeView({ state, lang }: { state: VaState; lang: string }) {
  const locale = localeFor(lang);
  return (
    <span
      class={`va-badge${state.waiting > 0 ? ' va-badge-active' : ''}`}
      role="status"
      aria-live="polite"
      lang={locale}
      data-waiting={state.waiting}
    >
      {labelsFor(locale).waiting(state.waiting)}
    </span>
  );
}
