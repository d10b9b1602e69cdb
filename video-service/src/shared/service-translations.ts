/**
 * Service names and "documents to have ready" in Turkish, Arabic, Ukrainian and Russian, keyed by the
 * German text of the service catalogue (German and English stay in the catalogue itself). Keyed by the
 * German wording on purpose: a catalogue entry whose German text changes, or a new one, has no
 * translation here until someone writes it, and the completeness test names it (test/repo/i18n-*.test.ts).
 * The connector's mails use this same table (connector/src/notify/service-translations.ts re-exports it).
 * Official German terms stay in brackets, so the citizen recognises the document at the office.
 */
export type ExtraLanguage = 'tr' | 'ar' | 'uk' | 'ru';

export const SERVICE_TRANSLATIONS: Readonly<Record<string, Readonly<Record<ExtraLanguage, string>>>> = {
  'Anmeldung einer Wohnung': {
    tr: 'İkamet adresinin kaydı (Anmeldung)',
    ar: 'تسجيل السكن (Anmeldung)',
    uk: 'Реєстрація місця проживання (Anmeldung)',
    ru: 'Регистрация по месту жительства (Anmeldung)',
  },
  'Ummeldung innerhalb der Stadt': {
    tr: 'Şehir içinde adres değişikliği (Ummeldung)',
    ar: 'تغيير العنوان داخل المدينة (Ummeldung)',
    uk: 'Зміна адреси в межах міста (Ummeldung)',
    ru: 'Смена адреса в пределах города (Ummeldung)',
  },
  'Abmeldung ins Ausland': {
    tr: 'Yurt dışına taşınırken kaydın silinmesi (Abmeldung)',
    ar: 'إلغاء التسجيل عند الانتقال إلى الخارج (Abmeldung)',
    uk: 'Зняття з реєстрації у зв’язку з виїздом за кордон (Abmeldung)',
    ru: 'Снятие с регистрации в связи с выездом за границу (Abmeldung)',
  },
  'Abmeldung einer Nebenwohnung': {
    tr: 'İkinci konutun kaydının silinmesi',
    ar: 'إلغاء تسجيل سكن ثانوي',
    uk: 'Зняття з реєстрації додаткового житла',
    ru: 'Снятие с регистрации дополнительного жилья',
  },
  Meldebescheinigung: {
    tr: 'İkamet belgesi (Meldebescheinigung)',
    ar: 'شهادة التسجيل (Meldebescheinigung)',
    uk: 'Довідка про реєстрацію (Meldebescheinigung)',
    ru: 'Справка о регистрации (Meldebescheinigung)',
  },
  Führungszeugnis: {
    tr: 'Adli sicil kaydı belgesi (Führungszeugnis)',
    ar: 'شهادة حسن السيرة والسلوك (Führungszeugnis)',
    uk: 'Довідка про несудимість (Führungszeugnis)',
    ru: 'Справка о несудимости (Führungszeugnis)',
  },
  'Verlustanzeige Personalausweis oder Reisepass': {
    tr: 'Kimlik kartı veya pasaport kayıp bildirimi',
    ar: 'الإبلاغ عن فقدان بطاقة الهوية أو جواز السفر',
    uk: 'Заява про втрату посвідчення особи або паспорта',
    ru: 'Заявление об утере удостоверения личности или паспорта',
  },
  Übermittlungssperren: {
    tr: 'Kişisel verilerin iletilmesinin engellenmesi (Übermittlungssperre)',
    ar: 'حظر نقل بياناتكم الشخصية (Übermittlungssperre)',
    uk: 'Заборона передавання Ваших даних (Übermittlungssperre)',
    ru: 'Запрет на передачу Ваших данных (Übermittlungssperre)',
  },
  Lebensbescheinigung: {
    tr: 'Hayatta olduğuna dair belge (Lebensbescheinigung)',
    ar: 'شهادة إثبات الحياة (Lebensbescheinigung)',
    uk: 'Довідка про те, що особа жива (Lebensbescheinigung)',
    ru: 'Справка о том, что лицо живо (Lebensbescheinigung)',
  },
  'Auszug aus dem Gewerbezentralregister': {
    tr: 'Merkezi ticari sicilden döküm (Gewerbezentralregister)',
    ar: 'مستخرج من السجل المركزي للأنشطة التجارية (Gewerbezentralregister)',
    uk: 'Витяг із центрального реєстру підприємницької діяльності (Gewerbezentralregister)',
    ru: 'Выписка из центрального реестра предпринимательской деятельности (Gewerbezentralregister)',
  },
  'Untersuchungsberechtigungsschein (Jugendarbeitsschutz)': {
    tr: 'Sağlık muayenesi hak belgesi (genç çalışanların korunması)',
    ar: 'قسيمة الفحص الطبي (حماية العمال الأحداث)',
    uk: 'Направлення на медичний огляд (захист праці неповнолітніх)',
    ru: 'Направление на медицинский осмотр (охрана труда несовершеннолетних)',
  },
  'Personalausweis oder Reisepass': {
    tr: 'Kimlik kartı veya pasaport',
    ar: 'بطاقة الهوية أو جواز السفر',
    uk: 'Посвідчення особи або паспорт',
    ru: 'Удостоверение личности или паспорт',
  },
  'Wohnungsgeberbestätigung des Vermieters': {
    tr: 'Ev sahibinin konut verme onayı (Wohnungsgeberbestätigung)',
    ar: 'تأكيد المؤجِّر لمنح السكن (Wohnungsgeberbestätigung)',
    uk: 'Підтвердження від орендодавця (Wohnungsgeberbestätigung)',
    ru: 'Подтверждение от арендодателя (Wohnungsgeberbestätigung)',
  },
  'ausgefülltes Anmeldeformular (wird im Termin gemeinsam ausgefüllt)': {
    tr: 'Doldurulmuş kayıt formu (randevuda birlikte doldurulur)',
    ar: 'استمارة التسجيل معبّأة (تُعبّأ معًا أثناء الموعد)',
    uk: 'Заповнений реєстраційний формуляр (заповнюємо разом під час зустрічі)',
    ru: 'Заполненный регистрационный формуляр (заполняем вместе во время встречи)',
  },
  'neue Anschrift im Ausland': {
    tr: 'Yurt dışındaki yeni adresiniz',
    ar: 'عنوانكم الجديد في الخارج',
    uk: 'Ваша нова адреса за кордоном',
    ru: 'Ваш новый адрес за границей',
  },
  'bei einem erweiterten Führungszeugnis: die schriftliche Aufforderung der Stelle, die es verlangt': {
    tr: 'Genişletilmiş belge için: belgeyi talep eden kurumun yazılı talebi',
    ar: 'للشهادة الموسّعة: الطلب الكتابي من الجهة التي تطلبها',
    uk: 'Для розширеної довідки: письмовий запит установи, яка її вимагає',
    ru: 'Для расширенной справки: письменный запрос организации, которая её требует',
  },
  'Zahlungsmittel für die Gebühr (13 Euro)': {
    tr: 'Harç için ödeme aracı (13 euro)',
    ar: 'وسيلة دفع للرسم (13 يورو)',
    uk: 'Засіб оплати збору (13 євро)',
    ru: 'Средство оплаты сбора (13 евро)',
  },
  'ein anderes amtliches Dokument mit Lichtbild, falls vorhanden': {
    tr: 'Varsa fotoğraflı başka bir resmî belge',
    ar: 'وثيقة رسمية أخرى تحمل صورة شخصية، إن وُجدت',
    uk: 'Інший офіційний документ із фотографією, якщо є',
    ru: 'Другой официальный документ с фотографией, если есть',
  },
  'bei Diebstahl: die Anzeige der Polizei': {
    tr: 'Hırsızlık durumunda: polis tutanağı',
    ar: 'في حالة السرقة: محضر الشرطة',
    uk: 'У разі крадіжки: заява до поліції',
    ru: 'В случае кражи: заявление в полицию',
  },
  'das Formular der Rentenstelle, falls Sie eines erhalten haben': {
    tr: 'Size gönderildiyse emeklilik kurumunun formu',
    ar: 'استمارة جهة المعاش التقاعدي، إن كانت قد وصلتكم',
    uk: 'Формуляр пенсійної установи, якщо Ви його отримали',
    ru: 'Формуляр пенсионного учреждения, если Вы его получили',
  },
  'bei juristischen Personen: Handelsregisterauszug': {
    tr: 'Tüzel kişiler için: ticaret sicili dökümü',
    ar: 'للأشخاص الاعتباريين: مستخرج من السجل التجاري',
    uk: 'Для юридичних осіб: витяг із торговельного реєстру',
    ru: 'Для юридических лиц: выписка из торгового реестра',
  },
  'Angaben zum Arbeitgeber oder Ausbildungsbetrieb': {
    tr: 'İşveren veya meslek eğitimi veren işletmeyle ilgili bilgiler',
    ar: 'بيانات صاحب العمل أو منشأة التدريب المهني',
    uk: 'Відомості про роботодавця або підприємство, де Ви навчаєтеся',
    ru: 'Сведения о работодателе или предприятии, где Вы проходите обучение',
  },
};
