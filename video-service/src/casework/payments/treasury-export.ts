/**
 * The export for the city treasury (admin API, docs/payments.md "Export"): every payment that ended in a
 * period, as JSON records or CSV (semicolon-separated, as German spreadsheet software expects, UTF-8 with
 * BOM). Date, Kassenzeichen, provider reference, method, service codes, amounts, status — no citizen name,
 * no room link.
 */
import type { PaymentRecord } from '../store/payments.ts';
import type { CaseworkDeps } from '../deps.ts';

export interface TreasuryRecord {
  date: string;
  paymentId: string;
  kassenzeichen: string | null;
  providerReference: string | null;
  method: string | null;
  paidWith: string | null;
  services: string[];
  amountCents: number;
  catalogueCents: number;
  currency: 'EUR';
  status: string;
}

export const TREASURY_COLUMNS: Array<keyof TreasuryRecord> = [
  'date',
  'paymentId',
  'kassenzeichen',
  'providerReference',
  'method',
  'paidWith',
  'services',
  'amountCents',
  'catalogueCents',
  'currency',
  'status',
];

export function treasuryRecord(p: PaymentRecord): TreasuryRecord {
  return {
    date: (p.finalAt ?? p.updatedAt).toISOString(),
    paymentId: p.id,
    kassenzeichen: p.kassenzeichen,
    providerReference: p.method === 'invoice' ? null : p.providerRef,
    method: p.method,
    paidWith: p.paidWith,
    services: p.items.map((i) => i.service),
    amountCents: p.amountCents,
    catalogueCents: p.items.reduce((s, i) => s + i.catalogueCents, 0),
    currency: p.currency,
    status: p.state,
  };
}

/** Payments that ended in [from, to). */
export async function treasuryExport(deps: CaseworkDeps, from: Date, to: Date): Promise<TreasuryRecord[]> {
  const out: TreasuryRecord[] = [];
  let cursor = from;
  for (;;) {
    const batch = await deps.store.payments.endedBetween(cursor, to, 500);
    for (const p of batch) if (!out.some((r) => r.paymentId === p.id)) out.push(treasuryRecord(p));
    if (batch.length < 500) return out;
    cursor = batch.at(-1)!.finalAt!;
  }
}

const cell = (v: unknown): string => {
  const s = Array.isArray(v) ? v.join(',') : v === null || v === undefined ? '' : String(v);
  // Quote always; neutralise spreadsheet formulas (a leading = + - @).
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

export function treasuryCsv(records: TreasuryRecord[]): string {
  const lines = [TREASURY_COLUMNS.join(';'), ...records.map((r) => TREASURY_COLUMNS.map((c) => cell(r[c])).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
