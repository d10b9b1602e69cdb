/**
 * Wording of the citizen's documents page (`/documents`), German first, then English; Turkish, Arabic,
 * Ukrainian and Russian in page-texts/<language>.ts (test/repo/i18n-completeness.test.ts checks every key).
 * The server renders the static parts in the page's language; the page script gets the whole catalogue
 * (documents-page.ts).
 */
import { PAGES_AR } from './page-texts/ar.ts';
import { PAGES_RU } from './page-texts/ru.ts';
import { PAGES_TR } from './page-texts/tr.ts';
import { PAGES_UK } from './page-texts/uk.ts';
import { pickPageLanguage, type PageLanguageCode } from './page-languages.ts';

const GERMAN_ENGLISH = {
  de: {
    title: 'Ihre Dokumente',
    intro:
      'Hier finden Sie die Dokumente aus Ihrem Video-Termin. Laden Sie sie herunter und bewahren Sie sie auf: Der Link gilt nur für begrenzte Zeit.',
    loading: 'Wird geladen …',
    noScript: 'Diese Seite braucht JavaScript.',
    languages: 'Sprache',
    appointment: 'Termin vom {date}',
    validUntil:
      'Dieser Link gilt bis {date}. Danach werden die Dokumente gelöscht oder sind nur noch beim Amt erhältlich.',
    none: 'In diesem Termin wurden keine Dokumente ausgestellt.',
    documentsHeading: 'Dokumente',
    receiptsHeading: 'Quittungen und Rechnungen',
    sealedOn: 'Gesiegelt am {date}',
    sealState: 'Elektronisch gesiegelt von {authority} – unverändert prüfbar',
    sealStateDevelopment: 'Mit einem Test-Siegel versehen (Entwicklungsumgebung, nicht für den Echtbetrieb)',
    notSigned:
      'Nicht unterschrieben – dieses Dokument wurde nicht fertiggestellt und kann nicht heruntergeladen werden.',
    lockedUntilPaid:
      'Erst nach Zahlung der Gebühr herunterladbar. Das Dokument ist fertig und gesiegelt; sobald die Gebühr bezahlt ist (im Gesprächsraum oder per Rechnung), erscheint hier der Download. Fragen Sie sonst bitte beim Bürgeramt nach.',
    download: 'PDF herunterladen',
    downloadLabel: '{name} als PDF herunterladen',
    downloading: 'Wird heruntergeladen …',
    downloadFailed: 'Das Dokument kann gerade nicht geladen werden. Bitte versuchen Sie es noch einmal.',
    verify: 'Echtheit prüfen',
    verifyLabel: 'Echtheit von {name} prüfen',
    fingerprint: 'Prüfsumme (SHA-256)',
    expired:
      'Dieser Link zu Ihren Dokumenten ist abgelaufen oder ungültig. Wenden Sie sich bitte an das Bürgeramt, wenn Sie ein Dokument noch brauchen.',
    gone: 'Die Dokumente dieses Termins werden hier nicht mehr aufbewahrt (die Aufbewahrungsfrist ist abgelaufen).',
    incomplete: 'Dieser Link ist unvollständig. Öffnen Sie bitte den Link aus Ihrer E-Mail.',
    unreachable: 'Die Seite ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal.',
  },
  en: {
    title: 'Your documents',
    intro:
      'These are the documents from your video appointment. Download and keep them: the link works for a limited time only.',
    loading: 'Loading …',
    noScript: 'This page needs JavaScript.',
    languages: 'Language',
    appointment: 'Appointment of {date}',
    validUntil: 'This link works until {date}. After that the documents are deleted or only available from the office.',
    none: 'No documents were issued in this appointment.',
    documentsHeading: 'Documents',
    receiptsHeading: 'Receipts and invoices',
    sealedOn: 'Sealed on {date}',
    sealState: 'Electronically sealed by {authority} – can be checked for changes',
    sealStateDevelopment: 'Carries a test seal (development system, not for real use)',
    notSigned: 'Not signed – this document was not completed and cannot be downloaded.',
    lockedUntilPaid:
      'Can be downloaded once the fee is paid. The document is complete and sealed; as soon as the fee has been paid (in the meeting room or by invoice) the download appears here. Otherwise please ask the citizens’ office.',
    download: 'Download the PDF',
    downloadLabel: 'Download {name} as a PDF',
    downloading: 'Downloading …',
    downloadFailed: 'The document cannot be loaded right now. Please try again.',
    verify: 'Check authenticity',
    verifyLabel: 'Check the authenticity of {name}',
    fingerprint: 'Checksum (SHA-256)',
    expired:
      'This link to your documents has expired or is not valid. Please contact the citizens’ office if you still need a document.',
    gone: 'The documents of this appointment are no longer kept here (their retention period has ended).',
    incomplete: 'This link is incomplete. Please open the link from your e-mail.',
    unreachable: 'The page cannot be reached right now. Please try again later.',
  },
} as const;

export type DocumentsPageTexts = { readonly [K in keyof (typeof GERMAN_ENGLISH)['de']]: string };

export const DOCUMENTS_PAGE_TEXTS: Readonly<Record<PageLanguageCode, DocumentsPageTexts>> = {
  ...GERMAN_ENGLISH,
  tr: PAGES_TR.documents,
  ar: PAGES_AR.documents,
  uk: PAGES_UK.documents,
  ru: PAGES_RU.documents,
};

export type DocumentsPageLanguage = PageLanguageCode;

/** `?lang=` if it names a language of the page, else the first fitting one of Accept-Language, else German. */
export function documentsPageLanguage(query: unknown, acceptLanguage: string | undefined): DocumentsPageLanguage {
  return pickPageLanguage(query, acceptLanguage);
}
