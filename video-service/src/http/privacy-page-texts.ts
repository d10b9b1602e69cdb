/** Texts of the default privacy statement (privacy-page.ts) in the citizen pages' six languages. */
import type { PageLanguageCode } from './casework/page-languages.ts';

export interface PrivacyPageTexts {
  title: string;
  languages: string;
  paragraphs: string[];
}

export const PRIVACY_PAGE_TEXTS: Record<PageLanguageCode, PrivacyPageTexts> = {
  de: {
    title: 'Datenschutz im Video-Termin',
    languages: 'Sprache',
    paragraphs: [
      'Für Ihren Video-Termin verarbeiten wir nur, was das Gespräch braucht: Ihren Namen aus der Buchung, den Termin, Bild und Ton während des Gesprächs sowie die Unterlagen, die Sie im Termin hochladen oder unterschreiben.',
      'Das Gespräch wird weder aufgezeichnet noch gespeichert. Bild und Ton gehen verschlüsselt direkt zwischen Ihnen und der Sachbearbeitung oder über den Medienserver der Stadt.',
      'Unterlagen und Unterschriften gehören zu Ihrem Vorgang und werden nach den gesetzlichen Fristen gelöscht. Die vollständige Datenschutzerklärung und Ihre Rechte (Auskunft, Berichtigung, Löschung, Beschwerde) nennt Ihnen Ihre Stadtverwaltung.',
    ],
  },
  en: {
    title: 'Privacy in the video appointment',
    languages: 'Language',
    paragraphs: [
      'For your video appointment we process only what the conversation needs: your name from the booking, the appointment, picture and sound during the conversation, and the documents you upload or sign in it.',
      'The conversation is neither recorded nor stored. Picture and sound travel encrypted, directly between you and the clerk or through the city’s media server.',
      'Documents and signatures belong to your case and are deleted after the periods the law sets. Your city administration gives you the full privacy statement and your rights (access, correction, deletion, complaint).',
    ],
  },
  tr: {
    title: 'Görüntülü randevuda veri koruma',
    languages: 'Dil',
    paragraphs: [
      'Görüntülü randevunuz için yalnızca görüşmenin gerektirdiği verileri işleriz: rezervasyondaki adınız, randevu, görüşme sırasındaki görüntü ve ses ile görüşmede yüklediğiniz veya imzaladığınız belgeler.',
      'Görüşme kaydedilmez ve saklanmaz. Görüntü ve ses şifreli olarak doğrudan sizinle memur arasında ya da belediyenin medya sunucusu üzerinden iletilir.',
      'Belgeler ve imzalar dosyanıza aittir ve yasal süreler sonunda silinir. Tam veri koruma beyanını ve haklarınızı (bilgi alma, düzeltme, silme, şikâyet) belediyeniz size bildirir.',
    ],
  },
  ar: {
    title: 'حماية البيانات في الموعد المرئي',
    languages: 'اللغة',
    paragraphs: [
      'نعالج في موعدك المرئي ما تحتاجه المحادثة فقط: اسمك من الحجز، والموعد، والصورة والصوت أثناء المحادثة، والمستندات التي ترفعها أو توقّعها فيها.',
      'لا يتم تسجيل المحادثة ولا حفظها. تنتقل الصورة والصوت مشفّرين مباشرة بينك وبين الموظف أو عبر خادم الوسائط التابع للمدينة.',
      'تنتمي المستندات والتوقيعات إلى معاملتك وتُحذف بعد انقضاء المدد القانونية. تقدّم لك إدارة مدينتك بيان حماية البيانات الكامل وحقوقك (الاطلاع، التصحيح، الحذف، الشكوى).',
    ],
  },
  uk: {
    title: 'Захист даних під час відеозустрічі',
    languages: 'Мова',
    paragraphs: [
      'Для вашої відеозустрічі ми обробляємо лише те, що потрібно для розмови: ваше ім’я з бронювання, зустріч, зображення і звук під час розмови, а також документи, які ви завантажуєте або підписуєте.',
      'Розмова не записується і не зберігається. Зображення і звук передаються зашифрованими безпосередньо між вами та працівником або через медіасервер міста.',
      'Документи та підписи належать до вашої справи і видаляються після встановлених законом строків. Повну декларацію про захист даних і ваші права (доступ, виправлення, видалення, скарга) надає міська адміністрація.',
    ],
  },
  ru: {
    title: 'Защита данных при видеовстрече',
    languages: 'Язык',
    paragraphs: [
      'Для вашей видеовстречи мы обрабатываем только то, что нужно для разговора: ваше имя из бронирования, встречу, изображение и звук во время разговора, а также документы, которые вы загружаете или подписываете.',
      'Разговор не записывается и не сохраняется. Изображение и звук передаются в зашифрованном виде напрямую между вами и сотрудником или через медиасервер города.',
      'Документы и подписи относятся к вашему делу и удаляются по истечении установленных законом сроков. Полное заявление о защите данных и ваши права (доступ, исправление, удаление, жалоба) сообщит вам городская администрация.',
    ],
  },
};
