/**
 * Dates, durations, amounts and sizes for people, with Intl, in the UI language — the room and the casework
 * panel format alike (issue 11, item 17). The appointment is shown in its own zone (a citizen abroad still
 * sees the office's time, with the zone named).
 */
import type { AppointmentInfo } from '@virtuelles-amt/video-service/contract/join-token';

/**
 * The Intl locale of a UI language. Arabic keeps Latin digits: amounts, dates and the Kassenzeichen then read
 * the same as on the German documents and forms the citizen gets (engines differ in their default for `ar`).
 */
export function intlLocale(lang: string): string {
  return lang === 'ar' ? 'ar-u-nu-latn' : lang;
}

/** "5,00 €" / "€5.00". */
export function formatEuro(cents: number, lang: string): string {
  return new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** "1,5" / "1.5": a number with at most `fractionDigits` decimals. */
export function formatDecimal(value: number, lang: string, fractionDigits = 1): string {
  return new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: fractionDigits }).format(value);
}

/** "07.12.26, 11:05": a moment such as a document's sealing, short, on this device's clock. */
export function formatShortMoment(iso: string, lang: string): string {
  return safeFormat(iso, lang, { dateStyle: 'short', timeStyle: 'short' });
}

/** "Montag, 24. November 2025" (empty when the date is unreadable). */
export function formatAppointmentDate(appointment: Pick<AppointmentInfo, 'start' | 'tz'>, lang: string): string {
  return safeFormat(appointment.start, lang, { dateStyle: 'full' }, appointment.tz);
}

/** "10:00–10:30 MEZ" in the appointment's zone. */
export function formatAppointmentTime(
  appointment: Pick<AppointmentInfo, 'start' | 'tz'> & { end?: string },
  lang: string,
): string {
  const start = new Date(appointment.start);
  const end = new Date(appointment.end ?? '');
  if (Number.isNaN(start.getTime())) return '';
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };
  try {
    const format = new Intl.DateTimeFormat(intlLocale(lang), { ...options, timeZone: appointment.tz });
    return Number.isNaN(end.getTime()) ? format.format(start) : format.formatRange(start, end);
  } catch {
    return new Intl.DateTimeFormat(intlLocale(lang), options).format(start);
  }
}

/** "10:00 MEZ": the start time in the appointment's zone. */
export function formatAppointmentStart(appointment: Pick<AppointmentInfo, 'start' | 'tz'>, lang: string): string {
  return safeFormat(
    appointment.start,
    lang,
    { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
    appointment.tz,
  );
}

/** "10:42" in the appointment's zone (the clock the waiting room shows the appointment in); device zone without one. */
export function formatClockIn(iso: string, lang: string, timeZone: string | undefined): string {
  return safeFormat(iso, lang, { hour: '2-digit', minute: '2-digit' }, timeZone);
}

/** "14:05": a chat message's time on this device. */
export function formatClock(iso: string, lang: string): string {
  return safeFormat(iso, lang, { hour: '2-digit', minute: '2-digit' });
}

/** A moment such as the room's opening time, in this device's zone: "24.11.2025, 09:45". */
export function formatMoment(iso: string, lang: string): string {
  return safeFormat(iso, lang, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The early page's countdown parts: how long until `iso` ("12 Minuten", "45 Sekunden", "3 Stunden"), the
 * clock time there ("10:20") and the zone's short name ("MEZ", "CET"), both in the appointment's zone.
 */
export function formatOpening(
  iso: string,
  tz: string,
  lang: string,
  now = Date.now(),
): { duration: string; time: string; zone: string } {
  const at = new Date(iso);
  const left = Math.max(0, at.getTime() - now);
  const seconds = Math.ceil(left / 1000);
  const minutes = Math.ceil(left / 60_000);
  const [value, unit] =
    seconds < 60 ? [seconds, 'second'] : minutes < 120 ? [minutes, 'minute'] : [Math.floor(minutes / 60), 'hour'];
  const duration = new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat(lang, {
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
      timeZone: tz,
    }).formatToParts(at);
  } catch {
    parts = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).formatToParts(
      at,
    );
  }
  const zone = parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
  const time = parts
    .filter((part) => part.type !== 'timeZoneName')
    .map((part) => part.value)
    .join('')
    .trim();
  return { duration, time, zone };
}

/** "3 Minuten" / "1 hour", rounded down to whole minutes or hours. */
export function formatWaitingDuration(milliseconds: number, lang: string): string {
  const minutes = Math.max(0, Math.floor(milliseconds / 60_000));
  const [value, unit] = minutes < 60 ? [minutes, 'minute'] : [Math.floor(minutes / 60), 'hour'];
  return new Intl.NumberFormat(intlLocale(lang), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** "10 Minuten" / "10 dakika": a clerk's estimated waiting time, exact minutes (a choice, never rounded). */
export function formatMinutes(minutes: number, lang: string): string {
  return new Intl.NumberFormat(intlLocale(lang), { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(
    minutes,
  );
}

function safeFormat(iso: string, lang: string, options: Intl.DateTimeFormatOptions, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(intlLocale(lang), { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(intlLocale(lang), options).format(date);
  }
}
