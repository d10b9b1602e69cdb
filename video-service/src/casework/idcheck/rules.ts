/**
 * The ID check as a small state machine (a visual check by the clerk, not legal "video identification"):
 * in_progress → verified | not_verified | cancelled. While in progress the clerk moves between the steps
 * of the document type (a passport has no back) and guides the citizen; only "review" allows completing,
 * and "verified" needs every checklist item ticked.
 */
import {
  ID_CHECKLIST_ITEMS,
  type IdCheckStatus,
  type IdCheckStep,
  type IdChecklistItem,
  type IdDocumentType,
  type Localized,
} from '../../contract/casework.ts';
import { InvalidInput, InvalidState } from '../../errors.ts';

export const STEPS: Record<IdDocumentType, IdCheckStep[]> = {
  personalausweis: ['front', 'back', 'tilt', 'review'],
  aufenthaltstitel: ['front', 'back', 'tilt', 'review'],
  ausweisersatz: ['front', 'back', 'review'],
  reisepass: ['front', 'tilt', 'review'],
};

export const GUIDANCE: Record<IdCheckStep, Localized> = {
  front: {
    de: 'Bitte halten Sie die Vorderseite Ihres Ausweisdokuments ruhig und formatfüllend in die Kamera. Am Smartphone zeigt die Rückkamera das Dokument schärfer.',
    en: 'Please hold the front of your ID document steadily and close to the camera. On a phone, the back camera shows it more sharply.',
    tr: 'Lütfen kimlik belgenizin ön yüzünü sabit tutarak ve görüntüyü dolduracak şekilde kameraya gösterin. Akıllı telefonda arka kamera belgeyi daha net gösterir.',
    ar: 'يُرجى إمساك الوجه الأمامي لوثيقة هويتكم بثبات أمام الكاميرا بحيث تملأ الصورة. في الهاتف الذكي تُظهر الكاميرا الخلفية الوثيقة بوضوح أكبر.',
    uk: 'Будь ласка, тримайте лицьовий бік документа нерухомо перед камерою так, щоб він заповнював кадр. На смартфоні задня камера показує документ чіткіше.',
    ru: 'Пожалуйста, держите лицевую сторону документа неподвижно перед камерой так, чтобы она заполняла кадр. На смартфоне задняя камера показывает документ чётче.',
  },
  back: {
    de: 'Bitte drehen Sie das Dokument um und halten Sie die Rückseite in die Kamera.',
    en: 'Please turn the document over and hold the back up to the camera.',
    tr: 'Lütfen belgeyi çevirin ve arka yüzünü kameraya gösterin.',
    ar: 'يُرجى قلب الوثيقة وإظهار وجهها الخلفي أمام الكاميرا.',
    uk: 'Будь ласка, переверніть документ і покажіть камері зворотний бік.',
    ru: 'Пожалуйста, переверните документ и покажите камере оборотную сторону.',
  },
  tilt: {
    de: 'Bitte kippen Sie das Dokument langsam hin und her, damit das Hologramm sichtbar wird.',
    en: 'Please tilt the document slowly back and forth so that the hologram becomes visible.',
    tr: 'Lütfen hologramın görünmesi için belgeyi yavaşça ileri geri eğin.',
    ar: 'يُرجى إمالة الوثيقة ببطء ذهابًا وإيابًا حتى يظهر الهولوغرام.',
    uk: 'Будь ласка, повільно нахиляйте документ туди й назад, щоб стало видно голограму.',
    ru: 'Пожалуйста, медленно наклоняйте документ туда и обратно, чтобы стала видна голограмма.',
  },
  review: {
    de: 'Vielen Dank. Die Sachbearbeitung prüft jetzt die Angaben.',
    en: 'Thank you. The clerk is now checking the details.',
    tr: 'Teşekkür ederiz. Yetkili memur şimdi bilgileri kontrol ediyor.',
    ar: 'شكرًا لكم. يتحقق الموظف المختص الآن من البيانات.',
    uk: 'Дякуємо. Працівник відомства зараз перевіряє дані.',
    ru: 'Спасибо. Сотрудник ведомства сейчас проверяет данные.',
  },
};

export const EMPTY_CHECKLIST = (): Record<IdChecklistItem, boolean | null> =>
  Object.fromEntries(ID_CHECKLIST_ITEMS.map((i) => [i, null])) as Record<IdChecklistItem, boolean | null>;

export function assertInProgress(status: IdCheckStatus): void {
  if (status !== 'in_progress') throw new InvalidState('The ID check is not in progress; start a new one.');
}

export function assertStep(steps: IdCheckStep[], step: IdCheckStep): void {
  if (!steps.includes(step)) throw new InvalidInput(`This document type has no step "${step}".`);
}

/** Completing is allowed on the review step; "verified" needs the whole checklist ticked. */
export function assertCanComplete(
  step: IdCheckStep,
  checklist: Record<IdChecklistItem, boolean | null>,
  verified: boolean,
): void {
  if (step !== 'review') throw new InvalidState('Go to the review step before completing the check.');
  if (verified && !ID_CHECKLIST_ITEMS.every((i) => checklist[i] === true)) {
    throw new InvalidState('"Verified" needs every checklist item confirmed.');
  }
}

/** The last four characters of a document number, upper-case; refuses anything longer (the full number is never stored). */
export function lastFour(value: string | null): string | null {
  if (value === null || value === '') return null;
  const v = value.trim().toUpperCase();
  if (!/^[A-Z0-9]{4}$/.test(v))
    throw new InvalidInput('Give only the last four characters (letters and digits) of the document number.');
  return v;
}
