/**
 * The sealed document's note for the citizen in the appointment's language (issue 11, item 17; ADR 0075).
 * The document itself stays German with English labels: it is an official record the office files and other
 * offices read. What the citizen must understand to use it — it is sealed, any change breaks the seal, where
 * to check it — is added in Turkish, Ukrainian or Russian under the German and English sentences. Arabic is
 * not written into the PDF: pdf-lib lays text out left to right without bidirectional reordering, so an
 * Arabic sentence with a URL in it would come out scrambled; Arabic readers get the same note on the
 * documents and verify pages, which are in Arabic and right to left.
 */
type NoteLanguage = 'tr' | 'uk' | 'ru';

const NOTES: Record<NoteLanguage, (authority: string, url: string) => string> = {
  tr: (authority, url) =>
    `Bu belge ${authority} kurumunun elektronik mührünü taşır. Her değişiklik mührü geçersiz kılar. Belgeyi şu adreste doğrulayabilirsiniz: ${url}.`,
  uk: (authority, url) =>
    `Цей документ має електронну печатку: ${authority}. Будь-яка зміна робить печатку недійсною. Перевірити документ можна за адресою ${url}.`,
  ru: (authority, url) =>
    `Этот документ скреплён электронной печатью: ${authority}. Любое изменение делает печать недействительной. Проверить документ можно по адресу ${url}.`,
};

/** The note in `locale`'s language, or null for German, English, Arabic and languages without one. */
export function sealNote(locale: string | undefined, authority: string, verifyUrl: string): string | null {
  const language = locale?.toLowerCase().split(/[-_]/)[0];
  const note = language && language in NOTES ? NOTES[language as NoteLanguage] : undefined;
  return note ? note(authority, verifyUrl) : null;
}
