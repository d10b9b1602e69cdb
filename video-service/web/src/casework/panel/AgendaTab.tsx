/** The agenda: per booked service its form, the documents to have ready and the fee; the clerk ticks them. */
import type { JSX } from 'preact';
import type { AgendaItem, AgendaItemState } from '../../../../src/contract/casework.ts';
import { useCase } from './case-context.ts';
import { localized } from './texts.ts';

export function euro(cents: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'de-DE', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

export function AgendaTab(): JSX.Element {
  const { state, ct, lang, role, cases, fail } = useCase();
  const agenda = state.snapshot!.agenda;
  const isClerk = role === 'clerk';
  const mark = (item: AgendaItem, next: AgendaItemState): void => void cases.setAgendaItem(item.id, next).catch(fail);
  return (
    <section aria-labelledby="va-agenda-title" data-testid="agenda">
      <h3 id="va-agenda-title" class="va-case-h">{ct('agendaTitle')}</h3>
      {agenda.services.map((service) => (
        <section key={service.code} class="va-agenda-service" data-testid="agenda-service" data-service={service.code}>
          <h4 class="va-case-h4">{localized(service.name, lang)}</h4>
          <ul class="va-agenda-list">
            {service.items.map((item) => (
              <li key={item.id} class={`va-agenda-item va-agenda-item--${item.state}`} data-testid="agenda-item" data-item={item.id} data-state={item.state}>
                <span class="va-agenda-mark" aria-hidden="true">{item.state === 'done' ? '✓' : item.state === 'skipped' ? '–' : '○'}</span>
                <span class="va-agenda-text">
                  <span class="va-agenda-kind">{ct(`agendaKind_${item.kind}`)}: </span>
                  {localized(item.label, lang)}
                  {item.kind === 'fee' && item.feeCents !== undefined ? ` (${euro(item.feeCents, lang)})` : ''}
                  <span class="va-visually-hidden"> – {ct(`agendaState_${item.state}`)}</span>
                </span>
                {isClerk ? (
                  <span class="va-agenda-actions">
                    {item.state === 'open' ? (
                      <>
                        <button type="button" class="va-case-small" onClick={() => mark(item, 'done')} data-testid="agenda-done">{ct('agendaMarkDone')}</button>
                        <button type="button" class="va-case-small" onClick={() => mark(item, 'skipped')}>{ct('agendaMarkSkipped')}</button>
                      </>
                    ) : (
                      <button type="button" class="va-case-small" onClick={() => mark(item, 'open')}>{ct('agendaMarkOpen')}</button>
                    )}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {agenda.unknownServices.length > 0 && isClerk ? <p class="va-case-note">{ct('agendaUnknown', { codes: agenda.unknownServices.join(', ') })}</p> : null}
      <p class="va-agenda-total">{ct('agendaTotal', { amount: euro(agenda.totalFeeCents, lang) })}</p>
      {isClerk && !state.snapshot!.finishedAt ? (
        <button type="button" class="va-case-button" onClick={() => void cases.finishCase().catch(fail)} data-testid="case-finish">
          {ct('finishCase')}
        </button>
      ) : null}
    </section>
  );
}
