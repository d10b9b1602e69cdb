/**
 * The agenda: per booked service its form, the documents to have ready and the fee; the clerk ticks them.
 * "Finish the case" with items still open lists them and asks again; a finished case shows no buttons.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgendaItem, AgendaItemState, OpenAgendaItem } from '@virtuelles-amt/video-service/contract/casework';
import { useCase } from './case-context.ts';
import { formatEuro } from '../../i18n/format.ts';
import { localized } from './texts.ts';

export const euro = formatEuro;

export function AgendaTab(): JSX.Element {
  const { state, ct, lang, role, cases, fail } = useCase();
  const agenda = state.snapshot!.agenda;
  const finished = Boolean(state.snapshot!.finishedAt);
  const isClerk = role === 'clerk';
  const canTick = isClerk && !finished;
  const [stillOpen, setStillOpen] = useState<OpenAgendaItem[] | null>(null);
  const warning = useRef<HTMLDivElement>(null);
  useEffect(() => warning.current?.focus(), [stillOpen]);
  const mark = (item: AgendaItem, next: AgendaItemState): void => void cases.setAgendaItem(item.id, next).catch(fail);
  const finish = (force: boolean): void =>
    void cases
      .finishCase(force)
      .then((answer) => setStillOpen(answer.finishedAt ? null : answer.open))
      .catch(fail);
  return (
    <section aria-labelledby="va-agenda-title" data-testid="agenda">
      <h3 id="va-agenda-title" class="va-case-h">
        {ct('agendaTitle')}
      </h3>
      {agenda.services.map((service) => (
        <section key={service.code} class="va-agenda-service" data-testid="agenda-service" data-service={service.code}>
          <h4 class="va-case-h4">{localized(service.name, lang)}</h4>
          <ul class="va-agenda-list">
            {service.items.map((item) => (
              <li
                key={item.id}
                class={`va-agenda-item va-agenda-item--${item.state}`}
                data-testid="agenda-item"
                data-item={item.id}
                data-state={item.state}
              >
                <span class="va-agenda-mark" aria-hidden="true">
                  {item.state === 'done' ? '✓' : item.state === 'skipped' ? '–' : '○'}
                </span>
                <span class="va-agenda-text">
                  <span class="va-agenda-kind">{ct(`agendaKind_${item.kind}`)}: </span>
                  {localized(item.label, lang)}
                  {item.kind === 'fee' && item.feeCents !== undefined ? ` (${euro(item.feeCents, lang)})` : ''}
                  <span class="va-visually-hidden"> – {ct(`agendaState_${item.state}`)}</span>
                </span>
                {canTick ? (
                  <span class="va-agenda-actions">
                    {item.state === 'open' ? (
                      <>
                        <button
                          type="button"
                          class="va-case-small"
                          onClick={() => mark(item, 'done')}
                          data-testid="agenda-done"
                        >
                          {ct('agendaMarkDone')}
                        </button>
                        <button type="button" class="va-case-small" onClick={() => mark(item, 'skipped')}>
                          {ct('agendaMarkSkipped')}
                        </button>
                      </>
                    ) : (
                      <button type="button" class="va-case-small" onClick={() => mark(item, 'open')}>
                        {ct('agendaMarkOpen')}
                      </button>
                    )}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {agenda.unknownServices.length > 0 && isClerk ? (
        <p class="va-case-note">{ct('agendaUnknown', { codes: agenda.unknownServices.join(', ') })}</p>
      ) : null}
      <p class="va-agenda-total">{ct('agendaTotal', { amount: euro(agenda.totalFeeCents, lang) })}</p>
      {canTick && stillOpen ? (
        <div class="va-case-warning" role="alert" tabIndex={-1} ref={warning} data-testid="case-finish-open">
          <p>{ct('finishOpenIntro')}</p>
          <ul>
            {stillOpen.map((item) => (
              <li key={item.id} data-item={item.id}>
                {ct(`agendaKind_${item.kind}`)}: {localized(item.label, lang)}
              </li>
            ))}
          </ul>
          <p>{ct('finishOpenHint')}</p>
          <span class="va-case-row">
            <button type="button" class="va-case-button" onClick={() => finish(true)} data-testid="case-finish-anyway">
              {ct('finishAnyway')}
            </button>
            <button type="button" class="va-case-button va-case-button--secondary" onClick={() => setStillOpen(null)}>
              {ct('finishBack')}
            </button>
          </span>
        </div>
      ) : null}
      {canTick && !stillOpen ? (
        <button type="button" class="va-case-button" onClick={() => finish(false)} data-testid="case-finish">
          {ct('finishCase')}
        </button>
      ) : null}
    </section>
  );
}
