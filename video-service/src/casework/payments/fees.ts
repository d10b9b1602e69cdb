/**
 * The fees of a case, computed on the server only: each booked service's catalogue fee whose agenda fee
 * item is still open, less what the clerk waived or reduced. A browser never sends an amount.
 */
import type { FeeLine } from '../../contract/payments.ts';
import type { AgendaStateRecord } from '../store/cases.ts';
import type { AdjustmentRecord } from '../store/payments.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';

export const feeItemOf = (service: string) => `${service}:fee`;

export function openFees(
  catalogue: Catalogue,
  services: string[],
  states: AgendaStateRecord[],
  adjustments: AdjustmentRecord[],
): FeeLine[] {
  const stateOf = new Map(states.map((s) => [s.itemId, s.state]));
  const adjusted = new Map(adjustments.map((a) => [a.service, a]));
  const lines: FeeLine[] = [];
  for (const code of [...new Set(services)]) {
    const service = catalogue.get(code);
    if (!service || service.feeCents <= 0) continue;
    if ((stateOf.get(feeItemOf(code)) ?? 'open') !== 'open') continue;
    const a = adjusted.get(code);
    const amountCents = a ? (a.kind === 'waived' ? 0 : Math.min(a.amountCents, service.feeCents)) : service.feeCents;
    lines.push({
      itemId: feeItemOf(code),
      service: code,
      name: service.name,
      catalogueCents: service.feeCents,
      amountCents,
      adjustment: a ? { kind: a.kind, reason: a.reason, by: a.by, at: a.at.toISOString() } : null,
    });
  }
  return lines;
}

export const totalOf = (lines: FeeLine[]) => lines.reduce((sum, l) => sum + l.amountCents, 0);
