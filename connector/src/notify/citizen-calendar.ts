/**
 * The citizen's calendar files, in the citizen's language: the invitation attached to the mail
 * (METHOD:REQUEST, or METHOD:CANCEL for a cancellation) and the download behind the .ics link
 * (METHOD:PUBLISH). DESCRIPTION carries the join link, the documents to have ready per service, the
 * technical hints and (in the invitation) the cancel link; a VALARM reminds before the start.
 */
import type { Appointment, AppointmentLinks } from '../domain/appointment.ts';
import { languageOf, type Catalogue, type Language } from './catalogue.ts';
import { buildIcs, REMINDER_MINUTES_BEFORE } from './ics.ts';
import { MAIL_TEXTS, type MailTexts } from './mail-texts.ts';

/** The calendar file's name per language (ASCII: a Content-Disposition filename without RFC 5987 encoding). */
export const ICS_FILE_NAME: Readonly<Record<Language, string>> = {
  de: 'termin.ics',
  en: 'appointment.ics',
  tr: 'randevu.ics',
  ar: 'appointment.ics',
  uk: 'zustrich.ics',
  ru: 'vstrecha.ics',
};

export interface CitizenCalendarOptions {
  catalogue: Catalogue;
  opensMinutesBefore: number;
  /** The connector's public URL (UID host); a function because it is known only after listen(). */
  publicUrl: () => string;
  /** The invitation's ORGANIZER (MAIL_FROM). */
  organizer: { name: string; email: string };
}

export interface CitizenCalendar {
  /** The file attached to the citizen's mail; `links` null for a cancellation (METHOD:CANCEL). */
  invitation(
    appointment: Appointment,
    links: AppointmentLinks | null,
  ): { method: 'REQUEST' | 'CANCEL'; content: string };
  /** The file behind the .ics link (METHOD:PUBLISH); `joinLink` null once cancelled. */
  download(appointment: Appointment, joinLink: string | null): string;
}

export function citizenCalendar(options: CitizenCalendarOptions): CitizenCalendar {
  const uidDomain = () => new URL(options.publicUrl()).hostname;
  const details = (a: Appointment, cancelLink: string | null) => {
    const t = MAIL_TEXTS[languageOf(a.citizen.locale)];
    return { description: describe(a, t, options, cancelLink), reminder: t.reminder(REMINDER_MINUTES_BEFORE) };
  };
  return {
    invitation(appointment, links) {
      const method = links ? 'REQUEST' : 'CANCEL';
      const content = buildIcs({
        appointment,
        method,
        joinLink: links?.citizen ?? null,
        uidDomain: uidDomain(),
        organizer: options.organizer,
        ...(links ? details(appointment, links.cancel) : {}),
      });
      return { method, content };
    },
    download(appointment, joinLink) {
      return buildIcs({
        appointment,
        method: 'PUBLISH',
        joinLink,
        uidDomain: uidDomain(),
        ...(joinLink ? details(appointment, null) : {}),
      });
    },
  };
}

function describe(a: Appointment, t: MailTexts, options: CitizenCalendarOptions, cancelLink: string | null): string {
  const language = languageOf(a.citizen.locale);
  const blocks: string[] = [];
  const services = a.services.map((code) => options.catalogue.describe(code, language));
  if (services.length) {
    const lines = [`${t.servicesHeading}:`];
    for (const s of services) {
      lines.push(`- ${s.name}${s.documents.length ? `: ${s.documents.join(', ')}` : ''}`);
    }
    blocks.push(lines.join('\n'));
  }
  blocks.push([`${t.techHeading}:`, ...t.techHints(options.opensMinutesBefore).map((h) => `- ${h}`)].join('\n'));
  blocks.push(t.noRecording);
  if (cancelLink) blocks.push(`${t.calendarCancel}: ${cancelLink}`);
  return blocks.join('\n\n');
}
