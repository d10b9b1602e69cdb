/** Turkish wording of the documents page and the verify page (the keys: ../documents-page-texts.ts, ../verify-page-texts.ts). */

// Checked against the German keys where it is used (documents-page-texts.ts, verify-page-texts.ts): no import
// of those here, so the texts and their users form no loop.
export const PAGES_TR = {
  documents: {
    title: 'Belgeleriniz',
    intro:
      'Görüntülü randevunuzdaki belgeler burada. Onları indirip saklayın: bağlantı yalnızca sınırlı bir süre geçerlidir.',
    loading: 'Yükleniyor …',
    noScript: 'Bu sayfa JavaScript gerektirir.',
    languages: 'Dil',
    appointment: '{date} tarihli randevu',
    validUntil:
      'Bu bağlantı {date} tarihine kadar geçerlidir. Sonrasında belgeler silinir ya da yalnızca daireden alınabilir.',
    none: 'Bu randevuda belge düzenlenmedi.',
    documentsHeading: 'Belgeler',
    receiptsHeading: 'Makbuzlar ve faturalar',
    sealedOn: '{date} tarihinde mühürlendi',
    sealState: '{authority} tarafından elektronik olarak mühürlendi – değiştirilmediği doğrulanabilir',
    sealStateDevelopment: 'Test mührü taşıyor (geliştirme sistemi, gerçek kullanım için değil)',
    notSigned: 'İmzalanmadı – bu belge tamamlanmadı ve indirilemez.',
    lockedUntilPaid:
      'Ücret ödendikten sonra indirilebilir. Belge hazır ve mühürlü; ücret ödenir ödenmez (görüşme odasında ya da faturayla) indirme burada görünür. Aksi hâlde lütfen vatandaşlık dairesine (Bürgeramt) sorun.',
    download: 'PDF’yi indir',
    downloadLabel: '{name} belgesini PDF olarak indir',
    downloading: 'İndiriliyor …',
    downloadFailed: 'Belge şu anda yüklenemiyor. Lütfen yeniden deneyin.',
    verify: 'Gerçekliğini doğrula',
    verifyLabel: '{name} belgesinin gerçekliğini doğrula',
    fingerprint: 'Sağlama toplamı (SHA-256)',
    expired:
      'Belgelerinize giden bu bağlantının süresi doldu ya da bağlantı geçersiz. Bir belgeye hâlâ ihtiyacınız varsa lütfen vatandaşlık dairesine (Bürgeramt) başvurun.',
    gone: 'Bu randevunun belgeleri artık burada saklanmıyor (saklama süresi doldu).',
    incomplete: 'Bu bağlantı eksik. Lütfen e-postanızdaki bağlantıyı açın.',
    unreachable: 'Sayfaya şu anda ulaşılamıyor. Lütfen daha sonra yeniden deneyin.',
  },
  verify: {
    title: 'Belgeyi doğrula',
    intro:
      'Bir PDF’nin {authority} tarafından düzenlenip mühürlendiği hâliyle değişmeden durup durmadığını kontrol edin. Dosya yalnızca kontrol edilir, saklanmaz.',
    languages: 'Dil',
    fileLabel: 'PDF dosyası',
    submit: 'Doğrula',
    noScript: 'Bu kontrol JavaScript gerektirir.',
    checking: 'Kontrol ediliyor …',
    failed: 'Dosya kontrol edilemedi.',
    unreachable: 'Kontrole şu anda ulaşılamıyor. Lütfen daha sonra yeniden deneyin.',
    document: 'Belge',
    sealed: 'Mühürlenme',
    seal: 'Mühür',
    fingerprint: 'Sağlama toplamı (SHA-256)',
    officialLanguage: 'Belgenin kendisi resmî dil olan Almancadır.',
  },
};
