/** Ukrainian wording of the documents page and the verify page (the keys: ../documents-page-texts.ts, ../verify-page-texts.ts). */

// Checked against the German keys where it is used (documents-page-texts.ts, verify-page-texts.ts): no import
// of those here, so the texts and their users form no loop.
export const PAGES_UK = {
  documents: {
    title: 'Ваші документи',
    intro: 'Тут документи з вашого відеоприйому. Завантажте та збережіть їх: посилання діє лише обмежений час.',
    loading: 'Завантаження …',
    noScript: 'Ця сторінка потребує JavaScript.',
    languages: 'Мова',
    appointment: 'Прийом від {date}',
    validUntil: 'Це посилання діє до {date}. Після цього документи видаляються або їх можна отримати лише в установі.',
    none: 'На цьому прийомі документи не видавалися.',
    documentsHeading: 'Документи',
    receiptsHeading: 'Квитанції та рахунки',
    sealedOn: 'Запечатано {date}',
    sealState: 'Електронна печатка: {authority} – можна перевірити, що документ не змінено',
    sealStateDevelopment: 'Має тестову печатку (система розробки, не для реального використання)',
    notSigned: 'Не підписано – цей документ не завершено, його не можна завантажити.',
    lockedUntilPaid:
      'Можна завантажити після сплати збору. Документ готовий і скріплений печаткою; щойно збір сплачено (у кімнаті розмови або за рахунком), тут з’явиться завантаження. Інакше зверніться, будь ласка, до бюро громадян (Bürgeramt).',
    download: 'Завантажити PDF',
    downloadLabel: 'Завантажити {name} як PDF',
    downloading: 'Завантаження …',
    downloadFailed: 'Зараз документ не вдається завантажити. Спробуйте ще раз.',
    verify: 'Перевірити справжність',
    verifyLabel: 'Перевірити справжність: {name}',
    fingerprint: 'Контрольна сума (SHA-256)',
    expired:
      'Термін дії цього посилання на ваші документи минув або воно недійсне. Якщо документ вам ще потрібен, зверніться до бюро обслуговування громадян (Bürgeramt).',
    gone: 'Документи цього прийому тут більше не зберігаються (строк зберігання минув).',
    incomplete: 'Це посилання неповне. Відкрийте посилання з вашого електронного листа.',
    unreachable: 'Зараз сторінка недоступна. Спробуйте пізніше.',
  },
  verify: {
    title: 'Перевірити документ',
    intro:
      'Перевірте, чи PDF не змінено – саме такий, яким його видав і запечатав {authority}. Файл лише перевіряється, але не зберігається.',
    languages: 'Мова',
    fileLabel: 'PDF-файл',
    submit: 'Перевірити',
    noScript: 'Ця перевірка потребує JavaScript.',
    checking: 'Перевірка …',
    failed: 'Файл не вдалося перевірити.',
    unreachable: 'Зараз перевірка недоступна. Спробуйте пізніше.',
    document: 'Документ',
    sealed: 'Запечатано',
    seal: 'Печатка',
    fingerprint: 'Контрольна сума (SHA-256)',
    officialLanguage: 'Сам документ – німецькою, офіційною мовою.',
  },
};
