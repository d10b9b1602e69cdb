/**
 * Texts of the cancel page in every citizen language. The page shows German (the office's language)
 * and, beneath it, the citizen's language: the appointment's once /api/cancel/preview has answered,
 * the browser's before that (English when the browser asks for German or a language we lack).
 */
import type { Language } from '../../notify/catalogue.ts';

export interface CancelTexts {
  title: string;
  loading: string;
  detailsHeading: string;
  subject: string;
  when: string;
  question: string;
  button: string;
  noscript: string;
  invalid_link: string;
  link_expired: string;
  link_superseded: string;
  too_late: string;
  missing: string;
  network: string;
  cancelled: string;
  already: string;
  past: string;
}

export const CANCEL_TEXTS: Readonly<Record<Language, CancelTexts>> = {
  de: {
    title: 'Termin absagen',
    loading: 'Termin wird geladen …',
    detailsHeading: 'Ihr Termin',
    subject: 'Anliegen',
    when: 'Datum und Uhrzeit',
    question: 'Möchten Sie diesen Termin verbindlich absagen? Das lässt sich nicht rückgängig machen.',
    button: 'Termin absagen',
    noscript: 'Diese Seite braucht JavaScript.',
    invalid_link: 'Dieser Link ist ungültig.',
    link_expired: 'Dieser Link ist abgelaufen.',
    link_superseded:
      'Dieser Link gilt nicht mehr – der Termin wurde geändert. Bitte nutzen Sie den Link aus der neuesten Mail.',
    too_late: 'Der Termin hat bereits begonnen oder ist vorbei und kann nicht mehr abgesagt werden.',
    missing: 'Der Link ist unvollständig. Bitte öffnen Sie ihn direkt aus der Mail.',
    network: 'Der Server ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal.',
    cancelled: 'Der Termin ist abgesagt. Sie erhalten eine Bestätigung per Mail.',
    already: 'Dieser Termin ist bereits abgesagt.',
    past: 'Dieser Termin kann nicht mehr abgesagt werden.',
  },
  en: {
    title: 'Cancel appointment',
    loading: 'Loading your appointment …',
    detailsHeading: 'Your appointment',
    subject: 'Subject',
    when: 'Date and time',
    question: 'Do you want to cancel this appointment? This cannot be undone.',
    button: 'Cancel appointment',
    noscript: 'This page needs JavaScript.',
    invalid_link: 'This link is not valid.',
    link_expired: 'This link has expired.',
    link_superseded:
      'This link no longer works – the appointment was changed. Please use the link from the latest mail.',
    too_late: 'The appointment has started or is over and can no longer be cancelled.',
    missing: 'The link is incomplete. Please open it directly from the mail.',
    network: 'The server cannot be reached right now. Please try again later.',
    cancelled: 'The appointment is cancelled. You will receive a confirmation by mail.',
    already: 'This appointment has already been cancelled.',
    past: 'This appointment can no longer be cancelled.',
  },
  tr: {
    title: 'Randevuyu iptal edin',
    loading: 'Randevunuz yükleniyor …',
    detailsHeading: 'Randevunuz',
    subject: 'Konu',
    when: 'Tarih ve saat',
    question: 'Bu randevuyu kesin olarak iptal etmek istiyor musunuz? Bu işlem geri alınamaz.',
    button: 'Randevuyu iptal edin',
    noscript: 'Bu sayfa için JavaScript gereklidir.',
    invalid_link: 'Bu bağlantı geçersiz.',
    link_expired: 'Bu bağlantının süresi doldu.',
    link_superseded:
      'Bu bağlantı artık geçerli değil – randevu değiştirildi. Lütfen en son e-postadaki bağlantıyı kullanın.',
    too_late: 'Randevu başladı veya sona erdi ve artık iptal edilemez.',
    missing: 'Bağlantı eksik. Lütfen bağlantıyı doğrudan e-postadan açın.',
    network: 'Sunucuya şu anda ulaşılamıyor. Lütfen daha sonra tekrar deneyin.',
    cancelled: 'Randevu iptal edildi. E-posta ile bir onay alacaksınız.',
    already: 'Bu randevu zaten iptal edildi.',
    past: 'Bu randevu artık iptal edilemez.',
  },
  ar: {
    title: 'إلغاء الموعد',
    loading: 'جارٍ تحميل موعدكم …',
    detailsHeading: 'موعدكم',
    subject: 'الموضوع',
    when: 'التاريخ والوقت',
    question: 'هل تريدون إلغاء هذا الموعد نهائيًا؟ لا يمكن التراجع عن ذلك.',
    button: 'إلغاء الموعد',
    noscript: 'تحتاج هذه الصفحة إلى JavaScript.',
    invalid_link: 'هذا الرابط غير صالح.',
    link_expired: 'انتهت صلاحية هذا الرابط.',
    link_superseded: 'هذا الرابط لم يعد صالحًا – تغيّر الموعد. يُرجى استخدام الرابط الموجود في أحدث رسالة.',
    too_late: 'بدأ الموعد أو انتهى، ولم يعد من الممكن إلغاؤه.',
    missing: 'الرابط غير مكتمل. يُرجى فتحه مباشرةً من الرسالة.',
    network: 'لا يمكن الوصول إلى الخادم حاليًا. يُرجى المحاولة لاحقًا.',
    cancelled: 'أُلغي الموعد. ستصلكم رسالة تأكيد بالبريد الإلكتروني.',
    already: 'هذا الموعد ملغى بالفعل.',
    past: 'لم يعد من الممكن إلغاء هذا الموعد.',
  },
  uk: {
    title: 'Скасувати зустріч',
    loading: 'Зустріч завантажується …',
    detailsHeading: 'Ваша зустріч',
    subject: 'Справа',
    when: 'Дата й час',
    question: 'Ви дійсно хочете скасувати цю зустріч? Цю дію не можна буде скасувати.',
    button: 'Скасувати зустріч',
    noscript: 'Для цієї сторінки потрібен JavaScript.',
    invalid_link: 'Це посилання недійсне.',
    link_expired: 'Термін дії цього посилання минув.',
    link_superseded:
      'Це посилання більше не дійсне – зустріч змінено. Будь ласка, скористайтеся посиланням з останнього листа.',
    too_late: 'Зустріч уже почалася або минула, і її більше не можна скасувати.',
    missing: 'Посилання неповне. Будь ласка, відкрийте його безпосередньо з листа.',
    network: 'Сервер зараз недоступний. Будь ласка, спробуйте пізніше.',
    cancelled: 'Зустріч скасовано. Ви отримаєте підтвердження електронною поштою.',
    already: 'Цю зустріч уже скасовано.',
    past: 'Цю зустріч більше не можна скасувати.',
  },
  ru: {
    title: 'Отменить встречу',
    loading: 'Встреча загружается …',
    detailsHeading: 'Ваша встреча',
    subject: 'Дело',
    when: 'Дата и время',
    question: 'Вы действительно хотите отменить эту встречу? Это действие нельзя будет отменить.',
    button: 'Отменить встречу',
    noscript: 'Для этой страницы нужен JavaScript.',
    invalid_link: 'Эта ссылка недействительна.',
    link_expired: 'Срок действия этой ссылки истёк.',
    link_superseded:
      'Эта ссылка больше не действительна – встреча изменена. Пожалуйста, воспользуйтесь ссылкой из последнего письма.',
    too_late: 'Встреча уже началась или прошла, и её больше нельзя отменить.',
    missing: 'Ссылка неполная. Пожалуйста, откройте её прямо из письма.',
    network: 'Сервер сейчас недоступен. Пожалуйста, повторите попытку позже.',
    cancelled: 'Встреча отменена. Вы получите подтверждение по электронной почте.',
    already: 'Эта встреча уже отменена.',
    past: 'Эту встречу больше нельзя отменить.',
  },
};
