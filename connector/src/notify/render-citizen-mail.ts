/**
 * Renders the citizen's mail (text and HTML parts) for a confirmation, a reschedule or a
 * cancellation: greeting, date and time in the appointment's zone, the join link (button and plain),
 * the services with documents to have ready, technical hints, the no-recording notice, the cancel link.
 * After the case (`documents`): the link to the citizen's documents page and how long it works.
 * The HTML part opens with the office's header bar in its colour, with its logo as an inline image
 * (`cid:`, attached by citizen-mail-composer.ts); the text part has neither.
 */
import type { Appointment, AppointmentLinks } from '../domain/appointment.ts';
import type { CitizenMailKind, DocumentsPageLink } from '../domain/ports.ts';
import { languageOf, type Catalogue, type Language, type ServiceDescription } from './catalogue.ts';
import {
  postalAddress,
  profileText,
  type LogoImage,
  type MunicipalityProfile,
} from '@virtuelles-amt/video-service/shared/municipality-profile';
import { escapeHtml as esc } from './html.ts';
import { formatWhen, MAIL_TEXTS, type MailTexts } from './mail-texts.ts';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  language: Language;
}

export interface RenderOptions {
  catalogue: Catalogue;
  opensMinutesBefore: number;
  /** Who signs the mail and how to reach them (MUNICIPALITY_PROFILE). */
  municipality: MunicipalityProfile;
}

export function renderCitizenMail(
  kind: CitizenMailKind,
  appointment: Appointment,
  links: AppointmentLinks | null,
  options: RenderOptions,
  documents?: DocumentsPageLink,
): RenderedMail {
  const language = languageOf(appointment.citizen.locale);
  const t = MAIL_TEXTS[language];
  const when = formatWhen(appointment.start, appointment.timezone, t);
  const services = appointment.services.map((code) => options.catalogue.describe(code, language));
  const active = kind !== 'cancelled' && links !== null;
  const documentsPage =
    kind === 'documents' && documents
      ? { url: documents.url, until: formatWhen(new Date(documents.expiresAt), appointment.timezone, t) }
      : null;
  const view: View = {
    t,
    when,
    appointment,
    services,
    links: active && kind !== 'documents' ? links : null,
    opens: options.opensMinutesBefore,
    documentsPage,
    office: office(options.municipality, language, t),
    style: styles(options.municipality.brand.primary),
    euro: (cents) => new Intl.NumberFormat(t.locale, { style: 'currency', currency: 'EUR' }).format(cents / 100),
  };
  return {
    subject: t.subject[kind](when),
    text: renderText(kind, view),
    html: renderHtml(kind, view, language),
    language,
  };
}

interface View {
  t: MailTexts;
  when: string;
  appointment: Appointment;
  services: ServiceDescription[];
  links: AppointmentLinks | null;
  opens: number;
  /** Kind `documents`: the page link and its end, formatted. */
  documentsPage: { url: string; until: string } | null;
  office: Office;
  style: Style;
  euro: (cents: number) => string;
}

/** The signature and the contact block, in the mail's language; the header bar's colours and logo. */
interface Office {
  name: string;
  primary: string;
  accent: string;
  logo: { cid: string; alt: string; width: number; height: number } | null;
  /** [label, value, link?] lines under the contact heading. */
  lines: Array<{ label: string; value: string; href?: string }>;
}

function office(profile: MunicipalityProfile, language: Language, t: MailTexts): Office {
  const lines: Office['lines'] = [{ label: t.contact.heading, value: postalAddress(profile) }];
  if (profile.phone)
    lines.push({ label: t.contact.phone, value: profile.phone, href: `tel:${profile.phone.replace(/[^+0-9]/g, '')}` });
  if (profile.email) lines.push({ label: t.contact.email, value: profile.email, href: `mailto:${profile.email}` });
  const hours = profileText(profile.openingHours, language);
  if (hours) lines.push({ label: t.contact.hours, value: hours });
  if (profile.imprintUrl) lines.push({ label: t.contact.imprint, value: profile.imprintUrl, href: profile.imprintUrl });
  if (profile.privacyUrl) lines.push({ label: t.contact.privacy, value: profile.privacyUrl, href: profile.privacyUrl });
  const { primary, accent, logo } = profile.brand;
  return {
    name: profile.name,
    lines,
    primary,
    accent,
    logo: logo
      ? {
          cid: logoCid(logo),
          alt: profileText(logo.alt, language) ?? '',
          width: Math.round((LOGO_HEIGHT * logo.width) / logo.height),
          height: LOGO_HEIGHT,
        }
      : null,
  };
}

/** The logo's height in the mail's header bar, in CSS pixels. */
const LOGO_HEIGHT = 48;

/** The Content-ID of the office's logo in the mail (`src="cid:…"`); the hash keeps it unique per image. */
export function logoCid(logo: Pick<LogoImage, 'hash'>): string {
  return `logo-${logo.hash}@virtuelles-amt`;
}

function renderText(kind: CitizenMailKind, v: View): string {
  const { t } = v;
  const lines: string[] = [t.greeting(v.appointment.citizen.name), '', t.intro[kind](v.when), ''];
  if (v.documentsPage) {
    lines.push(
      `${t.documentsMail.heading}:`,
      v.documentsPage.url,
      t.documentsMail.validUntil(v.documentsPage.until),
      '',
    );
  } else if (v.links) {
    lines.push(`${t.join.heading}:`, v.links.citizen, t.join.opens(v.opens), '');
    if (v.services.length) {
      lines.push(`${t.servicesHeading}:`);
      for (const s of v.services) {
        lines.push(
          `- ${s.name}`,
          ...(s.documents.length ? s.documents.map((d) => `    * ${d}`) : [`    ${t.noDocuments}`]),
        );
        if (s.feeCents > 0) lines.push(`    ${t.fee(v.euro(s.feeCents))}`);
      }
      lines.push('');
    }
    lines.push(`${t.techHeading}:`, ...t.techHints(v.opens).map((h) => `- ${h}`), '');
    lines.push(`${t.privacyHeading}: ${t.noRecording}`, '');
    lines.push(`${t.cancel.heading}: ${t.cancel.text}`, v.links.cancel, '', t.calendarHint, '');
  } else {
    lines.push(t.rebook, '');
  }
  lines.push(t.closing, v.office.name, '', ...v.office.lines.map((l) => `${l.label}: ${l.value}`));
  return lines.join('\n');
}

type Style = ReturnType<typeof styles>;

/** Inline styles (mail clients drop style sheets); buttons and links in the office's colour. */
function styles(primary: string) {
  return {
    body: 'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:640px;margin:0 auto;padding:16px',
    h2: 'font-size:18px;margin:24px 0 8px',
    button: `display:inline-block;background:${primary};color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px;border-radius:4px`,
    small: 'font-size:14px;color:#4a4a4a',
    link: `color:${primary};word-break:break-all`,
  };
}

/** The office's bar at the top: its logo and name, white on its colour (checked for contrast at start). */
function headerBar(o: Office): string {
  const logo = o.logo
    ? `<td style="padding:0 12px 0 0;width:${o.logo.width}px"><img src="cid:${esc(o.logo.cid)}" alt="${esc(o.logo.alt)}" width="${o.logo.width}" height="${o.logo.height}" style="display:block;border:0"></td>`
    : '';
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:${o.primary};border-bottom:4px solid ${o.accent};margin:0 0 16px"><tr><td style="padding:12px 16px"><table role="presentation" cellpadding="0" cellspacing="0"><tr>${logo}<td style="color:#ffffff;font-size:18px;font-weight:bold">${esc(o.name)}</td></tr></table></td></tr></table>`;
}

/** Languages written right to left: the mail's HTML says so, so that mail clients mirror it. */
const RTL: ReadonlySet<Language> = new Set(['ar']);

function renderHtml(kind: CitizenMailKind, v: View, language: Language): string {
  const { t } = v;
  const STYLE = v.style;
  const parts: string[] = [
    headerBar(v.office),
    `<p>${esc(t.greeting(v.appointment.citizen.name))}</p>`,
    `<p><strong>${esc(t.intro[kind](v.when))}</strong></p>`,
  ];
  if (v.documentsPage) {
    const page = esc(v.documentsPage.url);
    parts.push(
      `<h2 style="${STYLE.h2}">${esc(t.documentsMail.heading)}</h2>`,
      `<p><a href="${page}" style="${STYLE.button}">${esc(t.documentsMail.button)}</a></p>`,
      `<p style="${STYLE.small}">${esc(t.join.plain)}<br><a href="${page}" dir="ltr" style="${STYLE.link}">${page}</a></p>`,
      `<p>${esc(t.documentsMail.validUntil(v.documentsPage.until))}</p>`,
    );
  } else if (v.links) {
    const join = esc(v.links.citizen);
    parts.push(
      `<h2 style="${STYLE.h2}">${esc(t.join.heading)}</h2>`,
      `<p><a href="${join}" style="${STYLE.button}">${esc(t.join.button)}</a></p>`,
      `<p style="${STYLE.small}">${esc(t.join.plain)}<br><a href="${join}" dir="ltr" style="${STYLE.link}">${join}</a></p>`,
      `<p>${esc(t.join.opens(v.opens))}</p>`,
    );
    if (v.services.length) {
      parts.push(`<h2 style="${STYLE.h2}">${esc(t.servicesHeading)}</h2>`, '<ul>');
      for (const s of v.services) {
        const docs = s.documents.length
          ? `${esc(t.documentsIntro)}<ul>${s.documents.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>`
          : esc(t.noDocuments);
        const fee = s.feeCents > 0 ? `<br>${esc(t.fee(v.euro(s.feeCents)))}` : '';
        parts.push(`<li><strong>${esc(s.name)}</strong><br>${docs}${fee}</li>`);
      }
      parts.push('</ul>');
    }
    parts.push(
      `<h2 style="${STYLE.h2}">${esc(t.techHeading)}</h2>`,
      `<ul>${t
        .techHints(v.opens)
        .map((h) => `<li>${esc(h)}</li>`)
        .join('')}</ul>`,
      `<h2 style="${STYLE.h2}">${esc(t.privacyHeading)}</h2>`,
      `<p>${esc(t.noRecording)}</p>`,
      `<h2 style="${STYLE.h2}">${esc(t.cancel.heading)}</h2>`,
      `<p>${esc(t.cancel.text)}<br><a href="${esc(v.links.cancel)}" style="${STYLE.link}">${esc(t.cancel.link)}</a></p>`,
      `<p style="${STYLE.small}">${esc(t.calendarHint)}</p>`,
    );
  } else {
    parts.push(`<p>${esc(t.rebook)}</p>`);
  }
  parts.push(
    `<p>${esc(t.closing)}<br>${esc(v.office.name)}</p>`,
    `<p style="${STYLE.small}">${v.office.lines
      .map(
        (l) =>
          `${esc(l.label)}: ${l.href ? `<a href="${esc(l.href)}" dir="ltr" style="${STYLE.link}">${esc(l.value)}</a>` : esc(l.value)}`,
      )
      .join('<br>')}</p>`,
  );
  return [
    '<!doctype html>',
    `<html lang="${language}" dir="${RTL.has(language) ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">`,
    `<title>${esc(t.subject[kind](v.when))}</title></head>`,
    `<body dir="${RTL.has(language) ? 'rtl' : 'ltr'}" style="${STYLE.body};text-align:${RTL.has(language) ? 'right' : 'left'}">`,
    ...parts,
    '</body></html>',
  ].join('\n');
}
