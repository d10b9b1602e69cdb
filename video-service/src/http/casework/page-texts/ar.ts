/** Arabic wording of the documents page and the verify page (the keys: ../documents-page-texts.ts, ../verify-page-texts.ts). */

// Checked against the German keys where it is used (documents-page-texts.ts, verify-page-texts.ts): no import
// of those here, so the texts and their users form no loop.
export const PAGES_AR = {
  documents: {
    title: 'مستنداتك',
    intro: 'هنا تجد المستندات من موعدك عبر الفيديو. نزّلها واحتفظ بها: الرابط صالح لفترة محدودة فقط.',
    loading: 'جارٍ التحميل …',
    noScript: 'تحتاج هذه الصفحة إلى JavaScript.',
    languages: 'اللغة',
    appointment: 'موعد بتاريخ {date}',
    validUntil: 'هذا الرابط صالح حتى {date}. بعد ذلك تُحذف المستندات أو لا يمكن الحصول عليها إلا من الدائرة.',
    none: 'لم تصدر أي مستندات في هذا الموعد.',
    documentsHeading: 'المستندات',
    receiptsHeading: 'الإيصالات والفواتير',
    sealedOn: 'خُتم في {date}',
    sealState: 'مختوم إلكترونيًا من {authority} – يمكن التحقق من عدم تغييره',
    sealStateDevelopment: 'يحمل ختمًا تجريبيًا (نظام تطوير، ليس للاستخدام الفعلي)',
    notSigned: 'غير موقّع – لم يكتمل هذا المستند ولا يمكن تنزيله.',
    lockedUntilPaid:
      'يمكن تنزيله بعد دفع الرسوم. المستند مكتمل ومختوم؛ وبمجرد دفع الرسوم (في غرفة المحادثة أو بفاتورة) يظهر التنزيل هنا. وإلا فيُرجى الاستفسار لدى مكتب المواطنين (Bürgeramt).',
    download: 'تنزيل ملف PDF',
    downloadLabel: 'تنزيل {name} كملف PDF',
    downloading: 'جارٍ التنزيل …',
    downloadFailed: 'لا يمكن تحميل المستند الآن. يرجى المحاولة مرة أخرى.',
    verify: 'التحقق من الأصالة',
    verifyLabel: 'التحقق من أصالة {name}',
    fingerprint: 'المجموع الاختباري (SHA-256)',
    expired:
      'انتهت صلاحية هذا الرابط إلى مستنداتك أو أنه غير صالح. يرجى التواصل مع مكتب خدمة المواطنين (Bürgeramt) إذا كنت لا تزال تحتاج إلى مستند.',
    gone: 'لم تعد مستندات هذا الموعد محفوظة هنا (انتهت مدة الاحتفاظ بها).',
    incomplete: 'هذا الرابط غير مكتمل. يرجى فتح الرابط من بريدك الإلكتروني.',
    unreachable: 'لا يمكن الوصول إلى الصفحة الآن. يرجى المحاولة لاحقًا.',
  },
  verify: {
    title: 'التحقق من مستند',
    intro: 'تحقق مما إذا كان ملف PDF لم يتغير، تمامًا كما أصدرته {authority} وختمته. يُفحص الملف فقط ولا يُحفظ.',
    languages: 'اللغة',
    fileLabel: 'ملف PDF',
    submit: 'تحقق',
    noScript: 'يحتاج هذا التحقق إلى JavaScript.',
    checking: 'جارٍ التحقق …',
    failed: 'تعذر فحص الملف.',
    unreachable: 'لا يمكن الوصول إلى خدمة التحقق الآن. يرجى المحاولة لاحقًا.',
    document: 'المستند',
    sealed: 'تاريخ الختم',
    seal: 'الختم',
    fingerprint: 'المجموع الاختباري (SHA-256)',
    officialLanguage: 'المستند نفسه باللغة الألمانية، وهي اللغة الرسمية.',
  },
};
