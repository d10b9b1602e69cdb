/**
 * The verification answers (verify-document.ts, German and English there) in Turkish, Arabic, Ukrainian and
 * Russian: the verify page shows the answer in its language. test/repo/i18n-completeness.test.ts checks them.
 */
import type { VerifyReason } from '../../contract/casework.ts';

type Further = { tr: string; ar: string; uk: string; ru: string };

export const VERIFY_TRANSLATIONS: Readonly<Record<VerifyReason, Further>> = {
  untouched: {
    tr: 'Gerçek ve değiştirilmemiş: Bu belge burada düzenlendi ve o zamandan beri değiştirilmedi.',
    ar: 'أصلي ولم يتغير: صدر هذا المستند هنا ولم يُغيَّر منذ ذلك الحين.',
    uk: 'Справжній і незмінений: цей документ видано тут, і відтоді його не змінювали.',
    ru: 'Подлинный и неизменённый: этот документ выдан здесь и с тех пор не изменялся.',
  },
  not_a_pdf: {
    tr: 'Dosya bir PDF belgesi değil.',
    ar: 'الملف ليس مستند PDF.',
    uk: 'Файл не є PDF-документом.',
    ru: 'Файл не является PDF-документом.',
  },
  no_seal: {
    tr: 'Belgede elektronik mühür yok.',
    ar: 'لا يحمل المستند ختمًا إلكترونيًا.',
    uk: 'Документ не має електронної печатки.',
    ru: 'Документ не имеет электронной печати.',
  },
  appended_after_sealing: {
    tr: 'Mühürlendikten sonra belgeye bir şey eklendi. Bu artık düzenlenen belge değil.',
    ar: 'أُضيف شيء إلى المستند بعد ختمه. لم يعد هو المستند الذي صدر.',
    uk: 'Після запечатування до документа щось додали. Це вже не той документ, який було видано.',
    ru: 'После заверения печатью к документу что-то добавили. Это уже не тот документ, который был выдан.',
  },
  content_modified: {
    tr: 'İçerik mühürlendikten sonra değiştirildi.',
    ar: 'تم تغيير المحتوى بعد الختم.',
    uk: 'Вміст змінено після запечатування.',
    ru: 'Содержимое изменено после заверения печатью.',
  },
  seal_invalid: {
    tr: 'Mühür geçersiz ya da bu makama ait değil.',
    ar: 'الختم غير صالح أو لم يصدر عن هذه الجهة.',
    uk: 'Печатка недійсна або не належить цій установі.',
    ru: 'Печать недействительна или не принадлежит этому ведомству.',
  },
  unknown_document: {
    tr: 'Bu parmak izine sahip bir belge burada düzenlenmedi.',
    ar: 'لم يصدر هنا أي مستند بهذه البصمة.',
    uk: 'Документ із таким цифровим відбитком тут не видавався.',
    ru: 'Документ с таким цифровым отпечатком здесь не выдавался.',
  },
  record_mismatch: {
    tr: 'Makamın bu belgeye ilişkin kayıtları tutarlı değil. Lütfen makama başvurun.',
    ar: 'سجلات الجهة الخاصة بهذا المستند غير متطابقة. يرجى التواصل مع الجهة.',
    uk: 'Записи установи щодо цього документа не узгоджуються. Зверніться, будь ласка, до установи.',
    ru: 'Записи ведомства об этом документе не сходятся. Пожалуйста, обратитесь в ведомство.',
  },
};
