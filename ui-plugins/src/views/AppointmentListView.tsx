/** The clerk's day as a list (Preact, inside `<va-appointment-list>`): time, services, citizen, status, Join. */
import type { VaState } from '../client/types.ts';
import { servicesOf, timeOf } from '../client/present.ts';
import { labelsFor, localeFor } from '../labels.ts';
import { JoinButtonView } from './JoinButtonView.tsx';

export function AppointmentListView({ state, lang, now }: { state: VaState; lang: string; now: Date }) {
  const locale = localeFor(lang);
  const t = labelsFor(locale);
  return (
    <section class="va-list" aria-label={t.listTitle} lang={locale}>
      <h2 class="va-list-title">{t.listTitle}</h2>
      <p class="va-connection" role="status">
        {t.connection[state.connection]}
      </p>
      {state.connection === 'live' && state.rows.length === 0 ? <p class="va-empty">{t.empty}</p> : null}
      <ul class="va-rows">
        {state.rows.map((row) => (
          <li class={`va-row va-row-${row.status}`} key={row.id} data-appointment={row.id} data-status={row.status}>
            <span class="va-time">{timeOf(row.start, state.timezone, locale)}</span>
            <span class="va-services">{servicesOf(row, locale)}</span>
            <span class="va-citizen">{row.citizen.name}</span>
            <span class={`va-status va-status-${row.status}`}>{t.status[row.status]}</span>
            <JoinButtonView row={row} timezone={state.timezone} lang={locale} now={now} />
          </li>
        ))}
      </ul>
    </section>
  );
}
