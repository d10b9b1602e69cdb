/** @jsxImportSource react */
/** Join for one appointment (React): the same control as `<va-join-button>` (views/JoinButtonView.tsx). */
import { joinState, servicesOf, timeOf } from '../client/present.ts';
import { labelsFor, localeFor } from '../labels.ts';
import type { VirtuellesAmt } from './useVirtuellesAmt.ts';
import { useNow } from './use-now.ts';

export interface JoinButtonProps {
  /** The hook's result. */
  va: VirtuellesAmt;
  appointmentId: string;
}

export function JoinButton({ va, appointmentId }: JoinButtonProps) {
  const now = useNow();
  const row = va.rows.find((r) => r.id === appointmentId);
  const locale = localeFor(va.lang);
  const t = labelsFor(locale);
  const state = joinState(row, now);
  if (!row || state === 'none') {
    return (
      <button type="button" className="va-join va-join-none" disabled>
        {row ? t.status[row.status] : t.notAvailable}
      </button>
    );
  }
  const what = `${servicesOf(row, locale)} ${t.at} ${timeOf(row.start, va.timezone, locale)}`;
  if (state === 'later') {
    return (
      <button type="button" className="va-join va-join-later" disabled>
        {t.joinFrom(timeOf(row.joinOpensAt, va.timezone, locale))}
        <span className="va-visually-hidden">: {what}</span>
      </button>
    );
  }
  return (
    <a className="va-join va-join-open" href={row.joinUrl!} target="_blank" rel="noopener noreferrer">
      {t.join}
      <span className="va-visually-hidden">
        : {what} {t.opensNewWindow}
      </span>
    </a>
  );
}
