/**
 * The two payment documents, sealed like every document of the case (seal/seal-pdf.ts) and stored with
 * the case's documents (blob area `documents`): the receipt (Zahlungsbestätigung) of a paid payment and the
 * fee notice (Gebührenbescheid / Rechnung) of an invoiced one, with Kassenzeichen, amount, due date and the
 * city's bank details from configuration. The payment row records the bytes' SHA-256.
 */
import { createHash } from 'node:crypto';
import type { PaymentRecord } from '../../store/payments.ts';
import { drawLetterhead } from '../../documents/letterhead.ts';
import { PdfWriter } from '../../documents/pdf-writer.ts';
import type { CaseworkDeps } from '../../deps.ts';
import { sealPdf } from '../../seal/seal-pdf.ts';
import { appendAudit, inAuditTransaction } from '../../audit/audit-log.ts';

/** The two documents' titles (the case's document list and `/verify` show them). */
export const PAYMENT_DOCUMENT_TITLES = {
  receipt: {
    de: 'Zahlungsbestätigung',
    en: 'Payment receipt',
    tr: 'Ödeme makbuzu',
    ar: 'إيصال الدفع',
    uk: 'Підтвердження оплати',
    ru: 'Подтверждение оплаты',
  },
  notice: {
    de: 'Gebührenbescheid / Rechnung',
    en: 'Fee notice / invoice',
    tr: 'Harç tebligatı / fatura',
    ar: 'إشعار الرسوم / فاتورة',
    uk: 'Повідомлення про збір / рахунок',
    ru: 'Уведомление о сборе / счёт',
  },
} as const;

const euro = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`;
const day = (d: Date) => d.toISOString().slice(0, 10);

export async function renderPaymentDocument(
  deps: CaseworkDeps,
  p: PaymentRecord,
  kind: 'receipt' | 'notice',
  at: Date,
): Promise<Buffer> {
  const authority = deps.config.authorityName;
  const title = kind === 'receipt' ? 'Zahlungsbestätigung' : 'Gebührenbescheid / Rechnung';
  const w = await PdfWriter.create({
    title,
    author: authority,
    subject: `${title} ${p.id}`,
    footer: `${authority} · ${title} · ${p.id}`,
    createdAt: at,
  });
  await drawLetterhead(w, { authority, address: deps.config.authorityAddress, logo: deps.config.brand.logo }, 11);
  w.heading(`${title} (${kind === 'receipt' ? 'Payment receipt' : 'Fee notice / invoice'})`, 16);
  w.row('Kassenzeichen / Reference', p.kassenzeichen ?? '—');
  w.row('Vorgang / Payment', p.id);
  w.row('Datum / Date', day(at));
  w.rule();
  for (const item of p.items) {
    const note = item.adjustment
      ? ` (${item.adjustment.kind === 'waived' ? 'erlassen' : 'ermäßigt'}: ${item.adjustment.reason}; Gebühr laut Verzeichnis ${euro(item.catalogueCents)})`
      : '';
    w.row(item.name.de, `${euro(item.amountCents)}${note}`);
  }
  w.rule();
  w.row('Summe / Total', euro(p.amountCents));
  if (kind === 'receipt') {
    w.row('Bezahlt am / Paid on', day(p.finalAt ?? at));
    w.row('Zahlungsdienst / Provider', p.method ?? '—');
    if (p.paidWith) w.row('Zahlart / Method', p.paidWith);
    w.space(8);
    w.text(
      'Der Betrag ist bei uns eingegangen. Diese Bestätigung ist elektronisch gesiegelt und ohne Unterschrift gültig.',
    );
  } else {
    const bank = deps.payments.config.invoice;
    const due = new Date(at.getTime() + bank.dueDays * 24 * 3600_000);
    w.row('Fällig bis / Due by', day(due));
    w.row('Empfänger / Account holder', bank.recipient ?? authority);
    w.row('IBAN', bank.iban ?? '—');
    if (bank.bic) w.row('BIC', bank.bic);
    if (bank.bank) w.row('Bank', bank.bank);
    w.row('Verwendungszweck / Purpose', p.kassenzeichen ?? p.id);
    w.space(8);
    w.text(
      'Bitte überweisen Sie den Betrag bis zum Fälligkeitstag und geben Sie das Kassenzeichen als Verwendungszweck an.',
    );
  }
  w.finish();
  return sealPdf(w.doc, deps.seal, { authority, reason: `${title} – ${p.id}`, location: authority, at });
}

/** The audit kind under which a payment document's SHA-256 is chained (what `/verify` looks it up by). */
export const PAYMENT_DOCUMENT_SEALED = 'payment.document.sealed';

class LostRace extends Error {}

/**
 * Renders, seals and stores the document and records it on the payment (once: a stored one is kept). The
 * record and the audit row (the SHA-256, so `/verify` recognises the PDF) are written in one transaction.
 */
export async function storePaymentDocument(
  deps: CaseworkDeps,
  p: PaymentRecord,
  kind: 'receipt' | 'notice',
): Promise<PaymentRecord> {
  if (p.documentStorage) return p;
  const at = deps.now();
  const pdf = await renderPaymentDocument(deps, p, kind, at);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const name = await deps.blobs.put('documents', pdf);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current = (await deps.store.payments.get(p.id))!;
    if (current.documentStorage) {
      await deps.blobs.remove('documents', name);
      return current;
    }
    try {
      await inAuditTransaction(deps.store, async (repos) => {
        if (
          !(await repos.payments.update(current.id, current.version, { documentStorage: name, documentSha256: sha256 }))
        )
          throw new LostRace();
        await appendAudit(
          repos.audit,
          {
            kind: PAYMENT_DOCUMENT_SEALED,
            subjectHash: sha256,
            public: { payment: p.id, kind, certificate: deps.seal.fingerprint, sealedAt: at.toISOString() },
            room: p.room,
            retentionKind: 'documents',
          },
          at,
        );
      });
      return (await deps.store.payments.get(p.id))!;
    } catch (error) {
      if (!(error instanceof LostRace)) {
        await deps.blobs.remove('documents', name);
        throw error;
      }
    }
  }
  await deps.blobs.remove('documents', name);
  throw new Error('payment document: the payment kept changing');
}
