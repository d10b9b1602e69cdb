/**
 * The Join control (Preact): a link that opens the clerk's room in a new window without a Referer (the token is
 * in the link's fragment), or a disabled button saying from when, or a note when the appointment is gone.
 */
import type { VaRow } from '../client/types.ts';
import { joinState, servicesOf, timeOf } from '../client/present.ts';
import { labelsFor, localeFor } from '../labels.ts';

export function JoinButtonView({
  row,
  timezone,
  lang,
  now,
}: {
  row: VaRow | undefined;
  timezone: string;
  lang: string;
  now: Date;
}) {
  const locale = localeFor(lang);
  const t = labelsFor(locale);
  const state = joinState(row, now);
  if (!row || state === 'none') {
    return (
      <button type="button" class="va-join va-join-none" disabled>
        {row ? t.status[row.status] : t.notAvailable}
      </button>
    );
  }
  const what = `${servicesOf(row, locale)} ${t.at} ${timeOf(row.start, timezone, locale)}`;
  if (state === 'later') {
    return (
      <button type="button" class="va-join va-join-later" disabled>
        {t.joinFrom(timeOf(row.joinOpensAt, timezone, locale))}
        <span class="va-visually-hidden">: {what}</span>
      </button>
    );
  }
  return (
    <a class="va-join va-join-open" href={row.joinUrl!} target="_blank" rel="noopener noreferrer">
      {t.join}
      <span class="va-visually-hidden">
        : {what} {t.opensNewWindow}
      </span>
    </a>
  );
}
