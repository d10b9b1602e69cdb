/**
 * Wording of the citizen's mail in German (default) and English here, Turkish, Arabic, Ukrainian and
 * Russian in mail-texts-<code>.ts. Add a language by adding it to LANGUAGES in catalogue.ts (the type
 * then asks for its entry here) and its service names/documents (service-translations.ts).
 */
import type { Language } from './catalogue.ts';
import type { MailTexts } from './mail-text-shape.ts';
import { MAIL_TEXTS_AR } from './mail-texts-ar.ts';
import { MAIL_TEXTS_RU } from './mail-texts-ru.ts';
import { MAIL_TEXTS_TR } from './mail-texts-tr.ts';
import { MAIL_TEXTS_UK } from './mail-texts-uk.ts';

export type { MailTexts } from './mail-text-shape.ts';

export const MAIL_TEXTS: Record<Language, MailTexts> = {
  de: {
    locale: 'de-DE',
    subject: {
      documents: (when) => `Ihre Dokumente aus dem Video-Termin am ${when}`,
      confirmation: (when) => `Ihr Video-Termin am ${when}`,
      rescheduled: (when) => `Ihr Video-Termin wurde verschoben: ${when}`,
      cancelled: (when) => `Ihr Video-Termin am ${when} wurde abgesagt`,
      links_reissued: (when) => `Neuer Link für Ihren Video-Termin am ${when}`,
    },
    greeting: (name) => `Guten Tag ${name},`,
    intro: {
      documents: (when) =>
        `Ihr Anliegen aus dem Video-Termin am ${when} ist abgeschlossen. Ihre Dokumente stehen zum Herunterladen bereit.`,
      confirmation: (when) => `Ihr Video-Termin ist gebucht: ${when}.`,
      rescheduled: (when) =>
        `Ihr Video-Termin wurde verschoben. Der neue Termin: ${when}. Bitte nutzen Sie nur noch den neuen Link unten – der bisherige Link gilt nicht mehr.`,
      cancelled: (when) => `Ihr Video-Termin am ${when} wurde abgesagt. Der Link zum Termin funktioniert nicht mehr.`,
      links_reissued: (when) =>
        `Ihr Video-Termin am ${when} bleibt bestehen, hat aber einen neuen Link bekommen. Bitte nutzen Sie nur noch den neuen Link unten – der bisherige Link gilt nicht mehr.`,
    },
    join: {
      heading: 'So nehmen Sie teil',
      button: 'Zum Video-Termin',
      plain: 'Falls die Schaltfläche nicht funktioniert, öffnen Sie diesen Link im Browser:',
      opens: (m) => `Der Link funktioniert ab ${m} Minuten vor Beginn.`,
    },
    documentsMail: {
      heading: 'Ihre Dokumente',
      button: 'Dokumente ansehen und herunterladen',
      validUntil: (date) =>
        `Der Link gilt bis ${date}. Bitte laden Sie die Dokumente vorher herunter und bewahren Sie sie auf.`,
    },
    servicesHeading: 'Ihre Anliegen und was Sie bereithalten sollten',
    documentsIntro: 'Bitte halten Sie bereit:',
    noDocuments: 'Keine besonderen Unterlagen nötig.',
    techHeading: 'Technische Hinweise',
    techHints: (m) => [
      'Sie brauchen nur einen aktuellen Browser auf Smartphone, Tablet oder PC – keine App und kein Konto.',
      'Erlauben Sie dem Browser den Zugriff auf Kamera und Mikrofon, wenn er danach fragt.',
      'Suchen Sie sich einen ruhigen Raum, in dem Sie ungestört sprechen können.',
      `Der Link öffnet den Termin ${m} Minuten vor Beginn; vorher können Sie Kamera und Mikrofon schon testen.`,
      'Bricht die Verbindung ab, klicken Sie einfach noch einmal auf denselben Link.',
    ],
    privacyHeading: 'Keine Aufzeichnung',
    noRecording:
      'Das Gespräch wird nicht aufgezeichnet. Bitte zeichnen auch Sie es nicht auf – heimliche Mitschnitte sind nach § 201 StGB strafbar.',
    cancel: {
      heading: 'Termin absagen',
      text: 'Sie können den Termin nicht wahrnehmen? Bitte sagen Sie ihn ab, damit wir ihn anderen Menschen anbieten können:',
      link: 'Termin absagen',
    },
    calendarHint: 'Im Anhang finden Sie den Termin für Ihren Kalender.',
    reminder: (m) => `Ihr Video-Termin beginnt in ${m} Minuten. Den Link finden Sie in diesem Kalendereintrag.`,
    calendarCancel: 'Termin absagen',
    rebook: 'Wenn Sie einen neuen Termin brauchen, buchen Sie ihn bitte wie gewohnt.',
    closing: 'Mit freundlichen Grüßen',
    fee: (amount) => `Gebühr: ${amount}`,
    contact: {
      heading: 'Kontakt',
      phone: 'Telefon',
      email: 'E-Mail',
      hours: 'Öffnungszeiten',
      imprint: 'Impressum',
      privacy: 'Datenschutzerklärung',
    },
  },
  en: {
    locale: 'en-GB',
    subject: {
      documents: (when) => `Your documents from the video appointment on ${when}`,
      confirmation: (when) => `Your video appointment on ${when}`,
      rescheduled: (when) => `Your video appointment has been moved: ${when}`,
      cancelled: (when) => `Your video appointment on ${when} has been cancelled`,
      links_reissued: (when) => `New link for your video appointment on ${when}`,
    },
    greeting: (name) => `Dear ${name},`,
    intro: {
      documents: (when) =>
        `Your matter from the video appointment on ${when} is complete. Your documents are ready to download.`,
      confirmation: (when) => `Your video appointment is booked: ${when}.`,
      rescheduled: (when) =>
        `Your video appointment has been moved. The new time: ${when}. Please use only the new link below – the previous link no longer works.`,
      cancelled: (when) =>
        `Your video appointment on ${when} has been cancelled. The appointment link no longer works.`,
      links_reissued: (when) =>
        `Your video appointment on ${when} stays as booked, but it has a new link. Please use only the new link below – the previous link no longer works.`,
    },
    join: {
      heading: 'How to join',
      button: 'Join the video appointment',
      plain: 'If the button does not work, open this link in your browser:',
      opens: (m) => `The link works from ${m} minutes before the start.`,
    },
    documentsMail: {
      heading: 'Your documents',
      button: 'View and download your documents',
      validUntil: (date) => `The link works until ${date}. Please download the documents before then and keep them.`,
    },
    servicesHeading: 'Your concerns and what to have ready',
    documentsIntro: 'Please have ready:',
    noDocuments: 'No special documents needed.',
    techHeading: 'Technical notes',
    techHints: (m) => [
      'All you need is an up-to-date browser on a phone, tablet or computer – no app and no account.',
      'Allow the browser to use your camera and microphone when it asks.',
      'Find a quiet room where you can talk undisturbed.',
      `The link opens the appointment ${m} minutes before the start; you can test your camera and microphone before that.`,
      'If the connection drops, simply click the same link again.',
    ],
    privacyHeading: 'No recording',
    noRecording:
      'The conversation is not recorded. Please do not record it either – secret recordings are a criminal offence in Germany (section 201 StGB).',
    cancel: {
      heading: 'Cancel the appointment',
      text: 'Cannot make it? Please cancel, so that we can offer the slot to someone else:',
      link: 'Cancel appointment',
    },
    calendarHint: 'The attached file adds the appointment to your calendar.',
    reminder: (m) => `Your video appointment starts in ${m} minutes. The link is in this calendar entry.`,
    calendarCancel: 'Cancel the appointment',
    rebook: 'If you need a new appointment, please book one as usual.',
    closing: 'Kind regards',
    fee: (amount) => `Fee: ${amount}`,
    contact: {
      heading: 'Contact',
      phone: 'Phone',
      email: 'E-mail',
      hours: 'Opening hours',
      imprint: 'Legal notice (Impressum)',
      privacy: 'Privacy statement',
    },
  },
  tr: MAIL_TEXTS_TR,
  ar: MAIL_TEXTS_AR,
  uk: MAIL_TEXTS_UK,
  ru: MAIL_TEXTS_RU,
};

/** E.g. "Montag, 2. Juni 2025, 10:00 MESZ" / "Monday, 2 June 2025, 10:00 BST", in the appointment's zone. */
export function formatWhen(date: Date, timeZone: string, texts: MailTexts): string {
  const key = `${texts.locale}|${timeZone}`;
  let format = WHEN_FORMATS.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(texts.locale, {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    WHEN_FORMATS.set(key, format);
  }
  return format.format(date);
}

/** Formatters per locale and zone (building one costs far more than formatting; a handful of zones exist). */
const WHEN_FORMATS = new Map<string, Intl.DateTimeFormat>();
