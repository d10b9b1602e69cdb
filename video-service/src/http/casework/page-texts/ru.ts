/** Russian wording of the documents page and the verify page (the keys: ../documents-page-texts.ts, ../verify-page-texts.ts). */

// Checked against the German keys where it is used (documents-page-texts.ts, verify-page-texts.ts): no import
// of those here, so the texts and their users form no loop.
export const PAGES_RU = {
  documents: {
    title: 'Ваши документы',
    intro: 'Здесь документы с вашего видеоприёма. Скачайте и сохраните их: ссылка действует лишь ограниченное время.',
    loading: 'Загрузка …',
    noScript: 'Этой странице нужен JavaScript.',
    languages: 'Язык',
    appointment: 'Приём от {date}',
    validUntil:
      'Эта ссылка действует до {date}. После этого документы удаляются или их можно получить только в ведомстве.',
    none: 'На этом приёме документы не выдавались.',
    documentsHeading: 'Документы',
    receiptsHeading: 'Квитанции и счета',
    sealedOn: 'Заверено печатью {date}',
    sealState: 'Электронная печать: {authority} – можно проверить, что документ не изменён',
    sealStateDevelopment: 'Имеет тестовую печать (система разработки, не для реального использования)',
    notSigned: 'Не подписано – этот документ не завершён, его нельзя скачать.',
    lockedUntilPaid:
      'Можно скачать после оплаты сбора. Документ готов и заверен печатью; как только сбор оплачен (в комнате разговора или по счёту), здесь появится скачивание. Иначе обратитесь, пожалуйста, в бюро граждан (Bürgeramt).',
    download: 'Скачать PDF',
    downloadLabel: 'Скачать {name} в формате PDF',
    downloading: 'Скачивание …',
    downloadFailed: 'Сейчас документ не удаётся загрузить. Попробуйте ещё раз.',
    verify: 'Проверить подлинность',
    verifyLabel: 'Проверить подлинность: {name}',
    fingerprint: 'Контрольная сумма (SHA-256)',
    expired:
      'Срок действия этой ссылки на ваши документы истёк, или она недействительна. Если документ вам ещё нужен, обратитесь в бюро обслуживания граждан (Bürgeramt).',
    gone: 'Документы этого приёма здесь больше не хранятся (срок хранения истёк).',
    incomplete: 'Эта ссылка неполная. Откройте ссылку из вашего электронного письма.',
    unreachable: 'Сейчас страница недоступна. Попробуйте позже.',
  },
  verify: {
    title: 'Проверить документ',
    intro:
      'Проверьте, что PDF не изменён – именно такой, каким его выдал и заверил печатью {authority}. Файл только проверяется и не сохраняется.',
    languages: 'Язык',
    fileLabel: 'PDF-файл',
    submit: 'Проверить',
    noScript: 'Для этой проверки нужен JavaScript.',
    checking: 'Проверка …',
    failed: 'Файл не удалось проверить.',
    unreachable: 'Сейчас проверка недоступна. Попробуйте позже.',
    document: 'Документ',
    sealed: 'Заверено',
    seal: 'Печать',
    fingerprint: 'Контрольная сумма (SHA-256)',
    officialLanguage: 'Сам документ – на немецком, официальном языке.',
  },
};
