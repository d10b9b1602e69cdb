/**
 * The SMS-TAN's text in the appointment's language (German when it has none of the six). Every text must fit
 * one SMS (ADR 0150): a message in parts can arrive in part, and a part costs like a message. The fuller text
 * names the document; when that makes it longer than one SMS (a long title, or a title with characters
 * outside the GSM alphabet in a GSM text) the short text without the title is sent. Arabic, Cyrillic and
 * Turkish (ş, ı, ğ) need UCS-2, so their texts stay within 70 characters.
 */
import type { Localized } from '../../contract/casework-forms.ts';
import { languageOf, type Language } from '../../shared/languages.ts';
import { encodeText } from '../sms/text-encoding.ts';

interface TanTexts {
  /** With the document's title. */
  titled: (tan: string, title: string) => string;
  /** Without it: always one SMS. */
  short: (tan: string) => string;
}

export const TAN_SMS_TEXTS: Readonly<Record<Language, TanTexts>> = {
  de: {
    titled: (tan, title) => `Ihre TAN für "${title}": ${tan}. Gültig 5 Minuten. Geben Sie sie niemandem weiter.`,
    short: (tan) => `Ihre TAN: ${tan}. Gültig 5 Minuten. Geben Sie sie niemandem weiter.`,
  },
  en: {
    titled: (tan, title) => `Your TAN for "${title}": ${tan}. Valid for 5 minutes. Do not share it with anyone.`,
    short: (tan) => `Your TAN: ${tan}. Valid for 5 minutes. Do not share it with anyone.`,
  },
  tr: {
    titled: (tan, title) => `"${title}" için TAN: ${tan}. 5 dakika geçerli. Kimseyle paylaşmayın.`,
    short: (tan) => `TAN kodunuz: ${tan}. 5 dakika geçerli. Kimseyle paylaşmayın.`,
  },
  ar: {
    titled: (tan, title) => `رمز TAN لـ "${title}": ${tan}. صالح 5 دقائق. لا تشاركه مع أحد.`,
    short: (tan) => `رمز TAN الخاص بك: ${tan}. صالح لمدة 5 دقائق. لا تشاركه مع أحد.`,
  },
  uk: {
    titled: (tan, title) => `TAN для "${title}": ${tan}. Дійсний 5 хв. Нікому не повідомляйте.`,
    short: (tan) => `Ваш TAN: ${tan}. Дійсний 5 хвилин. Нікому його не повідомляйте.`,
  },
  ru: {
    titled: (tan, title) => `TAN для "${title}": ${tan}. Действует 5 мин. Никому не сообщайте.`,
    short: (tan) => `Ваш TAN: ${tan}. Действителен 5 минут. Никому его не сообщайте.`,
  },
};

export function tanSmsText(tan: string, title: Localized, locale: string | undefined): string {
  const language = languageOf(locale);
  const texts = TAN_SMS_TEXTS[language];
  const name = (title as Partial<Record<Language, string>>)[language] ?? title.de;
  const titled = texts.titled(tan, name);
  return encodeText(titled).parts.length === 1 ? titled : texts.short(tan);
}
