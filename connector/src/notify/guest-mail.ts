/**
 * The guest's mails (issue 15, docs/adr/0190): the invitation with its join link, the new link after the
 * appointment moved, and the notice that it was cancelled. German: a guest has no appointment language of
 * their own (the citizen's language is the citizen's), and an interpreter invited by the office reads the
 * office's language. Rendered when queued (the outbox row holds the finished mail); no calendar file, as the
 * guest may not need the citizen's title in their calendar.
 */
import type { MunicipalityProfile } from '@virtuelles-amt/video-service/shared/municipality-profile';
import type { Appointment } from '../domain/appointment.ts';
import type { GuestMailKind, OutgoingMail } from '../domain/ports.ts';
import { escapeHtml } from './html.ts';

export interface GuestMailInput {
  kind: GuestMailKind;
  appointment: Pick<Appointment, 'title' | 'start' | 'end' | 'timezone'>;
  guest: { name: string; email: string; expiresAt: Date };
  /** The join link; none for a cancellation. */
  joinUrl: string | null;
  /** Who signs (MUNICIPALITY_PROFILE), as in the citizen's mails. */
  municipality: Pick<MunicipalityProfile, 'name' | 'phone' | 'email'>;
}

const when = (a: GuestMailInput['appointment']) => {
  const day = a.start.toLocaleDateString('de-DE', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: a.timezone,
  });
  const time = (d: Date) => d.toLocaleTimeString('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: a.timezone });
  const short = (d: Date) =>
    `${d.toLocaleDateString('de-DE', { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: a.timezone })}, ${time(d)}`;
  return { day, from: time(a.start), to: time(a.end), short };
};

const SUBJECTS: Record<GuestMailKind, (day: string, from: string) => string> = {
  invited: (day, from) => `Einladung zu einem Videotermin am ${day} um ${from} Uhr`,
  rescheduled: (day, from) => `Videotermin verschoben: jetzt am ${day} um ${from} Uhr`,
  cancelled: (day, from) => `Videotermin am ${day} um ${from} Uhr abgesagt`,
};

const LEADS: Record<GuestMailKind, string> = {
  invited: 'Sie sind zu einem Videotermin eingeladen.',
  rescheduled: 'Der Videotermin, zu dem Sie eingeladen sind, wurde verschoben. Der bisherige Link gilt nicht mehr.',
  cancelled: 'Der Videotermin, zu dem Sie eingeladen waren, wurde abgesagt. Der Link gilt nicht mehr.',
};

export function renderGuestMail(input: GuestMailInput): OutgoingMail {
  const { day, from, to, short } = when(input.appointment);
  const lines = [
    `Guten Tag,`,
    '',
    LEADS[input.kind],
    '',
    `Termin: ${input.appointment.title}`,
    `Datum: ${day}, ${from}–${to} Uhr`,
    `Sie nehmen teil als: ${input.guest.name}`,
  ];
  if (input.joinUrl) {
    lines.push(
      '',
      'Zum Videoraum:',
      input.joinUrl,
      '',
      'Nach dem Öffnen warten Sie kurz im Warteraum, bis die Sachbearbeitung Sie hereinlässt.',
      `Der Link gilt bis ${short(input.guest.expiresAt)} Uhr. Bitte geben Sie ihn nicht weiter.`,
    );
  }
  const { name, phone, email } = input.municipality;
  lines.push('', 'Mit freundlichen Grüßen', name);
  if (phone) lines.push(`Telefon: ${phone}`);
  if (email) lines.push(`E-Mail: ${email}`);
  const text = lines.join('\n');
  const html = `<!doctype html><html lang="de"><body><p>${lines
    .map((l) =>
      l === input.joinUrl ? `<a href="${escapeHtml(l)}">${escapeHtml(l)}</a>` : l === '' ? '</p><p>' : escapeHtml(l),
    )
    .join('<br>\n')
    .replaceAll('<br>\n</p><p><br>\n', '</p>\n<p>')}</p></body></html>`;
  return {
    to: [input.guest.email],
    subject: SUBJECTS[input.kind](day, from),
    text,
    html,
    attachments: [],
  };
}
