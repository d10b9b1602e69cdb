/** Turkish wording of the citizen's mail and calendar entry (formal "Siz"). */
import type { MailTexts } from './mail-text-shape.ts';
import { plural } from './plural.ts';

const minutes = (m: number) => plural('tr', m, { other: '# dakika' });

export const MAIL_TEXTS_TR: MailTexts = {
  locale: 'tr-TR',
  subject: {
    documents: (when) => `${when} tarihli görüntülü randevunuzdan belgeleriniz`,
    confirmation: (when) => `${when} tarihli görüntülü randevunuz`,
    rescheduled: (when) => `Görüntülü randevunuzun zamanı değişti: ${when}`,
    cancelled: (when) => `${when} tarihli görüntülü randevunuz iptal edildi`,
    links_reissued: (when) => `${when} tarihli görüntülü randevunuz için yeni bağlantı`,
  },
  greeting: (name) => `Sayın ${name},`,
  intro: {
    documents: (when) =>
      `${when} tarihli görüntülü randevunuzdaki işleminiz tamamlandı. Belgeleriniz indirilmeye hazır.`,
    confirmation: (when) => `Görüntülü randevunuz alındı: ${when}.`,
    rescheduled: (when) =>
      `Görüntülü randevunuzun zamanı değişti. Yeni randevu: ${when}. Lütfen yalnızca aşağıdaki yeni bağlantıyı kullanın – önceki bağlantı artık geçerli değil.`,
    cancelled: (when) => `${when} tarihli görüntülü randevunuz iptal edildi. Randevu bağlantısı artık çalışmıyor.`,
    links_reissued: (when) =>
      `${when} tarihli görüntülü randevunuz geçerliliğini koruyor, ancak yeni bir bağlantısı var. Lütfen yalnızca aşağıdaki yeni bağlantıyı kullanın – önceki bağlantı artık geçerli değil.`,
  },
  join: {
    heading: 'Nasıl katılırsınız',
    button: 'Görüntülü randevuya katılın',
    plain: 'Düğme çalışmazsa bu bağlantıyı tarayıcınızda açın:',
    opens: (m) => `Bağlantı, randevu başlamadan ${minutes(m)} önce çalışmaya başlar.`,
  },
  documentsMail: {
    heading: 'Belgeleriniz',
    button: 'Belgeleri görüntüleyin ve indirin',
    validUntil: (date) =>
      `Bağlantı ${date} tarihine kadar geçerlidir. Lütfen belgeleri bu tarihten önce indirip saklayın.`,
  },
  servicesHeading: 'İşlemleriniz ve hazır bulundurmanız gerekenler',
  documentsIntro: 'Lütfen hazır bulundurun:',
  noDocuments: 'Özel bir belge gerekmiyor.',
  techHeading: 'Teknik bilgiler',
  techHints: (m) => [
    'Akıllı telefon, tablet veya bilgisayarda yalnızca güncel bir tarayıcıya ihtiyacınız var – uygulama ve hesap gerekmez.',
    'Tarayıcı sorduğunda kamera ve mikrofona erişim izni verin.',
    'Rahatça konuşabileceğiniz sessiz bir oda bulun.',
    `Bağlantı, randevuyu başlamadan ${minutes(m)} önce açar; kamera ve mikrofonunuzu bundan önce de test edebilirsiniz.`,
    'Bağlantı koparsa aynı bağlantıya yeniden tıklamanız yeterlidir.',
  ],
  privacyHeading: 'Kayıt yapılmaz',
  noRecording:
    'Görüşme kaydedilmez. Lütfen siz de kaydetmeyin – gizli kayıtlar Alman Ceza Kanunu’nun (StGB) 201. maddesine göre suçtur.',
  cancel: {
    heading: 'Randevuyu iptal edin',
    text: 'Randevuya gelemeyecek misiniz? Lütfen iptal edin, böylece randevuyu başka birine verebiliriz:',
    link: 'Randevuyu iptal edin',
  },
  calendarHint: 'Ekteki dosya randevuyu takviminize ekler.',
  reminder: (m) => `Görüntülü randevunuz ${minutes(m)} sonra başlıyor. Bağlantıyı bu takvim kaydında bulabilirsiniz.`,
  calendarCancel: 'Randevuyu iptal edin',
  rebook: 'Yeni bir randevuya ihtiyacınız varsa lütfen her zamanki gibi randevu alın.',
  closing: 'Saygılarımızla',
  fee: (amount) => `Ücret: ${amount}`,
  contact: {
    heading: 'İletişim',
    phone: 'Telefon',
    email: 'E-posta',
    hours: 'Çalışma saatleri',
    imprint: 'Künye (Impressum)',
    privacy: 'Gizlilik bildirimi',
  },
};
