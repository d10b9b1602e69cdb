/**
 * Framework-free presentation helpers shared by the Preact views (custom elements) and the React components,
 * so both show the same thing: times in the office's zone, a row's services, whether the room is open.
 */
import type { VaRow } from './types.ts';
import type { Locale } from '../labels.ts';

/** "10:30" in the office's zone (not the browser's). */
export function timeOf(iso: string, timezone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: timezone,
  }).format(new Date(iso));
}

/** The services' names in the language (the booking's title when it names none). */
export function servicesOf(row: VaRow, locale: Locale): string {
  return row.services.length ? row.services.map((s) => s.name[locale]).join(', ') : row.title;
}

/** The Join button's state: `open` (a link), `later` (not yet: from when), `none` (cancelled, finished). */
export function joinState(row: VaRow | undefined, now: Date = new Date()): 'open' | 'later' | 'none' {
  if (!row || !row.joinUrl || row.status === 'cancelled' || row.status === 'finished') return 'none';
  return Date.parse(row.joinOpensAt) <= now.getTime() ? 'open' : 'later';
}

/** The plug-ins' CSS: only `va-` classes, so it never touches the host page (custom elements: inside their shadow root). */
export const VA_CSS = `
.va-list{font:inherit;color:#1a1a1a;background:#fff;border:1px solid #c4c4c4;border-radius:6px;padding:.5rem .75rem;max-width:100%;box-sizing:border-box}
.va-list-title{font-size:1.05rem;margin:.25rem 0 .5rem}
.va-connection{font-size:.85rem;color:#4a4a4a;margin:0 0 .5rem}
.va-rows{list-style:none;margin:0;padding:0}
.va-row{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center;padding:.5rem 0;border-top:1px solid #e2e2e2}
.va-row:first-child{border-top:0}
.va-time{font-variant-numeric:tabular-nums;font-weight:600}
.va-services{flex:1 1 10rem;min-width:0;overflow-wrap:anywhere}
.va-citizen{flex:1 1 8rem;overflow-wrap:anywhere}
.va-status{font-size:.85rem;padding:.1rem .45rem;border-radius:999px;background:#ececec;color:#1a1a1a}
.va-status-waiting{background:#ffe08a;color:#3d2e00}
.va-status-in_call{background:#cfe8d6;color:#0f3d1c}
.va-badge{display:inline-flex;align-items:center;gap:.35rem;font:inherit;font-weight:600;padding:.2rem .6rem;border-radius:999px;background:#ececec;color:#1a1a1a}
.va-badge-active{background:#8a1c1c;color:#fff}
.va-join{display:inline-block;font:inherit;padding:.35rem .8rem;border-radius:4px;border:1px solid #0b4f8a;background:#0b4f8a;color:#fff;text-decoration:none;cursor:pointer}
.va-join:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
.va-join-later{background:#fff;color:#0b4f8a}
.va-join-none{background:#fff;color:#4a4a4a;border-color:#8a8a8a;cursor:default}
.va-visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
`;
