/** @jsxImportSource react */
/** The clerk's day (React): the same list as `<va-appointment-list>`. Style it with `va-plugins.css` (only `va-` classes). */
import { servicesOf, timeOf } from '../client/present.ts';
import { labelsFor, localeFor } from '../labels.ts';
import { JoinButton } from './JoinButton.tsx';
import type { VirtuellesAmt } from './useVirtuellesAmt.ts';

export function AppointmentList({ va }: { va: VirtuellesAmt }) {
  const locale = localeFor(va.lang);
  const t = labelsFor(locale);
  return (
    <section className="va-list" aria-label={t.listTitle} lang={locale}>
      <h2 className="va-list-title">{t.listTitle}</h2>
      <p className="va-connection" role="status">
        {t.connection[va.connection]}
      </p>
      {va.connection === 'live' && va.rows.length === 0 ? <p className="va-empty">{t.empty}</p> : null}
      <ul className="va-rows">
        {va.rows.map((row) => (
          <li className={`va-row va-row-${row.status}`} key={row.id} data-appointment={row.id} data-status={row.status}>
            <span className="va-time">{timeOf(row.start, va.timezone, locale)}</span>
            <span className="va-services">{servicesOf(row, locale)}</span>
            <span className="va-citizen">{row.citizen.name}</span>
            <span className={`va-status va-status-${row.status}`}>{t.status[row.status]}</span>
            <JoinButton va={va} appointmentId={row.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}
