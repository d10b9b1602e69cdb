/**
 * The sealed document's note for the citizen in the appointment's language (issue 11, item 17; ADR 0075,
 * amended by ADR 0155). The document itself stays German with English labels: it is an official record the
 * office files and other offices read. What the citizen must understand to use it — it is sealed, any change
 * breaks the seal, where to check it — is added in Turkish, Arabic, Ukrainian or Russian under the German and
 * English sentences. The Arabic note is laid out right to left (./rtl-text.ts): shaped, with the authority's
 * name and the URL left to right inside it.
 */
type NoteLanguage = 'tr' | 'ar' | 'uk' | 'ru';

const NOTES: Record<NoteLanguage, (authority: string, url: string) => string> = {
  tr: (authority, url) =>
    `Bu belge ${authority} kurumunun elektronik mührünü taşır. Her değişiklik mührü geçersiz kılar. Belgeyi şu adreste doğrulayabilirsiniz: ${url}.`,
  ar: (authority, url) =>
    `يحمل هذا المستند الختم الإلكتروني الصادر عن ${authority}. أي تغيير يبطل الختم. يمكنك التحقق من المستند على العنوان ${url}.`,
  uk: (authority, url) =>
    `Цей документ має електронну печатку: ${authority}. Будь-яка зміна робить печатку недійсною. Перевірити документ можна за адресою ${url}.`,
  ru: (authority, url) =>
    `Этот документ скреплён электронной печатью: ${authority}. Любое изменение делает печать недействительной. Проверить документ можно по адресу ${url}.`,
};

/** The languages written right to left; the note carries its language for the layout and the PDF's /Lang. */
const RTL: ReadonlySet<NoteLanguage> = new Set(['ar']);

export interface SealNote {
  text: string;
  /** BCP 47 primary language of the note. */
  language: NoteLanguage;
  rtl: boolean;
}

/** The note in `locale`'s language, or null for German, English and languages without one. */
export function sealNote(locale: string | undefined, authority: string, verifyUrl: string): SealNote | null {
  const language = locale?.toLowerCase().split(/[-_]/)[0];
  if (!language || !(language in NOTES)) return null;
  const lang = language as NoteLanguage;
  return { text: NOTES[lang](authority, verifyUrl), language: lang, rtl: RTL.has(lang) };
}
