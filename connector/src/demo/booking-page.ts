/**
 * Pages of the demo booking tool (German/English): the booking form with an error summary, the
 * result with the connector's links, and an error page.
 */
import type { AppointmentLinks } from '../domain/appointment.ts';
import { page } from '../http/pages/layout.ts';
import type { ServiceDescription } from '../notify/catalogue.ts';
import { escapeHtml as esc } from '../notify/html.ts';

export type UiLanguage = 'de' | 'en';

export interface FormValues {
  name: string;
  email: string;
  services: string[];
  date: string;
  time: string;
  duration: string;
  locale: string;
}

const T = {
  de: {
    title: 'Video-Termin buchen (Demo)',
    intro:
      'Diese Seite steht für das Buchungssystem einer Stadt. Beim Absenden schickt sie – wie ein echtes Buchungssystem – einen signierten Webhook an den Connector.',
    other: ['English', 'en'],
    name: 'Name',
    email: 'E-Mail-Adresse',
    emailHint: 'Die Bestätigung landet im Dev-Postfach des Connectors.',
    services: 'Anliegen',
    servicesHint: 'Mehrere Anliegen sind möglich.',
    date: 'Datum',
    time: 'Uhrzeit',
    timeHint: (tz: string) => `Zeitzone ${tz}. Der Link funktioniert ab 15 Minuten vor Beginn.`,
    duration: 'Dauer',
    minutes: 'Minuten',
    locale: 'Sprache der E-Mail',
    submit: 'Termin buchen',
    errorsTitle: 'Bitte prüfen Sie Ihre Angaben',
    booked: 'Termin gebucht',
    bookedIntro: 'Der Connector hat den Termin angelegt und die Bestätigung verschickt.',
    links: {
      citizen: 'Link für die Bürgerin / den Bürger',
      clerk: 'Link für die Sachbearbeitung',
      cancel: 'Absage-Link',
      ics: 'Kalenderdatei (.ics)',
    },
    mailbox: 'Bestätigungs-Mail im Dev-Postfach ansehen',
    again: 'Noch einen Termin buchen',
    failed: 'Buchung fehlgeschlagen',
    failedIntro: 'Der Connector hat die Buchung nicht angenommen.',
  },
  en: {
    title: 'Book a video appointment (demo)',
    intro:
      "This page stands in for a city's booking system. On submit it sends a signed webhook to the connector, just like a real booking system.",
    other: ['Deutsch', 'de'],
    name: 'Name',
    email: 'E-mail address',
    emailHint: "The confirmation goes to the connector's dev mailbox.",
    services: 'Concerns',
    servicesHint: 'You may choose several.',
    date: 'Date',
    time: 'Time',
    timeHint: (tz: string) => `Time zone ${tz}. The link works from 15 minutes before the start.`,
    duration: 'Duration',
    minutes: 'minutes',
    locale: 'Language of the e-mail',
    submit: 'Book appointment',
    errorsTitle: 'Please check your entries',
    booked: 'Appointment booked',
    bookedIntro: 'The connector created the appointment and sent the confirmation.',
    links: { citizen: "Citizen's link", clerk: "Clerk's link", cancel: 'Cancel link', ics: 'Calendar file (.ics)' },
    mailbox: 'See the confirmation mail in the dev mailbox',
    again: 'Book another appointment',
    failed: 'Booking failed',
    failedIntro: 'The connector did not accept the booking.',
  },
} as const;

export const DURATIONS = ['15', '30', '45', '60'];

export function bookingFormPage(
  lang: UiLanguage,
  services: ServiceDescription[],
  values: FormValues,
  timezone: string,
  errors: Record<string, string> = {},
): string {
  const t = T[lang];
  const err = (field: string) =>
    errors[field] ? `<span class="va-field-error" id="${field}-error">${esc(errors[field])}</span>` : '';
  const attrs = (field: string, hint?: boolean) => {
    const ids = [hint ? `${field}-hint` : '', errors[field] ? `${field}-error` : ''].filter(Boolean).join(' ');
    return `${ids ? ` aria-describedby="${ids}"` : ''}${errors[field] ? ' aria-invalid="true"' : ''}`;
  };
  const summary = Object.keys(errors).length
    ? `<div class="va-status va-error" role="alert" tabindex="-1"><h2>${esc(t.errorsTitle)}</h2><ul>${Object.entries(
        errors,
      )
        .map(
          ([f, m]) =>
            `<li><a href="#${f === 'services' ? `service-${services[0]?.code ?? ''}` : f}">${esc(m)}</a></li>`,
        )
        .join('')}</ul></div>`
    : '';
  const serviceBoxes = services
    .map(
      (s) =>
        `<label class="va-check"><input type="checkbox" name="services" id="service-${esc(s.code)}" value="${esc(s.code)}"${
          values.services.includes(s.code) ? ' checked' : ''
        }> ${esc(s.name)}</label>`,
    )
    .join('\n');
  const option = (value: string, label: string, selected: string) =>
    `<option value="${esc(value)}"${value === selected ? ' selected' : ''}>${esc(label)}</option>`;
  return page({
    lang,
    title: t.title,
    body: `<main id="main" class="va-main">
<p><a href="/?lang=${t.other[1]}" lang="${t.other[1]}">${t.other[0]}</a></p>
<h1>${esc(t.title)}</h1>
<p>${esc(t.intro)}</p>
${summary}
<form class="va-form" method="post" action="/book" novalidate>
<input type="hidden" name="lang" value="${lang}">
<label for="name">${esc(t.name)}</label>${err('name')}
<input type="text" id="name" name="name" autocomplete="name" required value="${esc(values.name)}"${attrs('name')}>
<label for="email">${esc(t.email)} <span class="va-hint" id="email-hint">${esc(t.emailHint)}</span></label>${err('email')}
<input type="email" id="email" name="email" autocomplete="email" required value="${esc(values.email)}"${attrs('email', true)}>
<fieldset${attrs('services', true)}><legend>${esc(t.services)} <span class="va-hint" id="services-hint">${esc(t.servicesHint)}</span></legend>${err('services')}
${serviceBoxes}
</fieldset>
<label for="date">${esc(t.date)}</label>${err('date')}
<input type="date" id="date" name="date" required value="${esc(values.date)}"${attrs('date')}>
<label for="time">${esc(t.time)} <span class="va-hint" id="time-hint">${esc(t.timeHint(timezone))}</span></label>${err('time')}
<input type="time" id="time" name="time" required value="${esc(values.time)}"${attrs('time', true)}>
<label for="duration">${esc(t.duration)}</label>
<select id="duration" name="duration">${DURATIONS.map((d) => option(d, `${d} ${t.minutes}`, values.duration)).join('')}</select>
<label for="locale">${esc(t.locale)}</label>
<select id="locale" name="locale">${option('de', 'Deutsch', values.locale)}${option('en', 'English', values.locale)}</select>
<p><button type="submit" class="va-button">${esc(t.submit)}</button></p>
</form>
</main>`,
  });
}

export function bookedPage(
  lang: UiLanguage,
  links: Omit<AppointmentLinks, 'ics'> & { ics: string | null },
  mailboxUrl: string,
): string {
  const t = T[lang];
  const items = (Object.keys(t.links) as Array<keyof AppointmentLinks>)
    .flatMap((k) => (links[k] ? [`<li><a href="${esc(links[k])}" id="link-${k}">${esc(t.links[k])}</a></li>`] : []))
    .join('\n');
  return page({
    lang,
    title: t.booked,
    body: `<main id="main" class="va-main">
<h1>${esc(t.booked)}</h1>
<div class="va-status va-success" role="status"><p>${esc(t.bookedIntro)}</p></div>
<ul class="va-links">${items}</ul>
<p><a href="${esc(mailboxUrl)}" id="link-mailbox">${esc(t.mailbox)}</a></p>
<p><a href="/?lang=${lang}">${esc(t.again)}</a></p>
</main>`,
  });
}

export function failedPage(lang: UiLanguage, status: number, code: string, message: string): string {
  const t = T[lang];
  return page({
    lang,
    title: t.failed,
    body: `<main id="main" class="va-main">
<h1>${esc(t.failed)}</h1>
<div class="va-status va-error" role="alert"><p>${esc(t.failedIntro)}</p><p><code>${status} ${esc(code)}</code>: ${esc(message)}</p></div>
<p><a href="/?lang=${lang}">${esc(t.again)}</a></p>
</main>`,
  });
}
