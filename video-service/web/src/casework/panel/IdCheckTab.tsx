/**
 * The ID check (a visual check by the clerk, never "video identification"). The clerk starts it, guides
 * the citizen step by step, grabs full-resolution stills of the citizen's video (kept in this browser
 * only, never uploaded), ticks the checklist, asks the security questions and records the result. The
 * citizen sees the guidance of the current step and can switch to the back camera.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import {
  ID_CHECKLIST_ITEMS,
  ID_DOCUMENT_TYPES,
  type IdChecklistItem,
  type IdCheckView,
  type IdDocumentType,
} from '@virtuelles-amt/video-service/contract/casework';
import { useUi } from '../../ui/context.ts';
import { useCase } from './case-context.ts';
import { StillCapture } from './StillCapture.tsx';
import { localized } from './texts.ts';

export function IdCheckTab(): JSX.Element {
  const { state, ct, role } = useCase();
  const view = state.snapshot!.idCheck;
  return (
    <section
      aria-labelledby="va-id-title"
      data-testid="idcheck"
      data-status={view?.status ?? 'none'}
      data-step={view?.step ?? ''}
    >
      <h3 id="va-id-title" class="va-case-h">
        {ct('idTitle')}
      </h3>
      {role === 'clerk' ? <ClerkIdCheck view={view} /> : <CitizenIdCheck view={view} />}
    </section>
  );
}

function CitizenIdCheck({ view }: { view: IdCheckView | null }): JSX.Element {
  const { ct, lang } = useCase();
  const { client } = useUi();
  if (!view || view.status !== 'in_progress') {
    return (
      <p>
        {view
          ? ct('idResult', {
              status: ct(`idStatus_${view.status}`),
              type: ct(`idType_${view.documentType}`),
              last4: '',
            }).replace(/ · …$/, '')
          : ct('idNone')}
      </p>
    );
  }
  const index = view.steps.indexOf(view.step);
  const touch = (globalThis.navigator?.maxTouchPoints ?? 0) > 0;
  return (
    <div class="va-id-citizen">
      <p class="va-case-note">{ct('idCitizenIntro')}</p>
      <p class="va-id-stepof">
        {ct('idStepOf', { n: index + 1, total: view.steps.length })}: {ct(`idStep_${view.step}`)}
      </p>
      <p class="va-id-guidance" role="status" aria-live="polite" data-testid="idcheck-guidance">
        {localized(view.guidance, lang)}
      </p>
      {view.suggestBackCamera && touch ? (
        <button
          type="button"
          class="va-case-button"
          onClick={() => void client.media.switchCamera()}
          data-testid="idcheck-back-camera"
        >
          {ct('idBackCamera')}
        </button>
      ) : null}
    </div>
  );
}

function ClerkIdCheck({ view }: { view: IdCheckView | null }): JSX.Element {
  const { ct, cases, fail, lang, state } = useCase();
  const finished = Boolean(state.snapshot?.finishedAt);
  const [type, setType] = useState<IdDocumentType>(view?.documentType ?? 'personalausweis');
  const [last4, setLast4] = useState('');
  // A tick shows at once; the service's view takes over when it answers.
  const [ticking, setTicking] = useState<Partial<Record<IdChecklistItem, boolean>>>({});
  const tick = (item: IdChecklistItem, value: boolean): void => {
    setTicking((current) => ({ ...current, [item]: value }));
    void cases
      .idChecklist(item, value)
      .catch(fail)
      .finally(() =>
        setTicking((current) => {
          const next = { ...current };
          delete next[item];
          return next;
        }),
      );
  };
  const act = (promise: Promise<unknown>): void => void promise.catch(fail);
  const running = view?.status === 'in_progress';
  // Questions the clerk may add (from what the document shows, never from the citizen's screen), not yet asked.
  const asked = new Set((view?.questions ?? []).map((q) => q.id));
  const pickable = (view?.pickableQuestions ?? []).filter((q) => !asked.has(q.id));
  const [chosen, setPicked] = useState('');
  const picked = pickable.some((q) => q.id === chosen) ? chosen : (pickable[0]?.id ?? '');
  return (
    <div class="va-id-clerk">
      {!running ? (
        <div class="va-id-start">
          {view ? (
            <p data-testid="idcheck-result">
              {ct('idResult', {
                status: ct(`idStatus_${view.status}`),
                type: ct(`idType_${view.result?.documentType ?? view.documentType}`),
                last4: view.result?.numberLast4 ?? '',
              })}
            </p>
          ) : (
            <p>{ct('idNone')}</p>
          )}
          {finished ? null : (
            <>
              <label for="va-id-type">{ct('idDocType')}</label>
              <select
                id="va-id-type"
                value={type}
                onChange={(e) => setType(e.currentTarget.value as IdDocumentType)}
                data-testid="idcheck-type"
              >
                {ID_DOCUMENT_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {ct(`idType_${t}`)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                class="va-case-button"
                onClick={() => act(cases.idStart(type))}
                data-testid="idcheck-start"
              >
                {view ? ct('idRestart') : ct('idStart')}
              </button>
            </>
          )}
        </div>
      ) : (
        <>
          <ol class="va-id-steps" aria-label={ct('idStepsLabel')}>
            {view.steps.map((step) => (
              <li key={step}>
                <button
                  type="button"
                  class="va-case-small"
                  aria-current={step === view.step ? 'step' : undefined}
                  onClick={() => act(cases.idStep(step))}
                  data-testid="idcheck-step"
                  data-step={step}
                >
                  {ct(`idStep_${step}`)}
                </button>
              </li>
            ))}
          </ol>
          <StillCapture />
          <fieldset class="va-id-list">
            <legend>{ct('idChecklist')}</legend>
            {ID_CHECKLIST_ITEMS.map((item) => (
              <label key={item} class="va-id-check">
                <input
                  type="checkbox"
                  checked={ticking[item] ?? view.checklist?.[item] === true}
                  onChange={(e) => tick(item, e.currentTarget.checked)}
                  data-stored={String(view.checklist?.[item] === true)}
                  data-testid="idcheck-item"
                  data-item={item}
                />
                {ct(`idCheck_${item}`)}
              </label>
            ))}
          </fieldset>
          {(view.questions && view.questions.length > 0) || pickable.length > 0 ? (
            <fieldset class="va-id-list">
              <legend>{ct('idQuestions')}</legend>
              {(view.questions ?? []).length === 0 ? <p class="va-field-help">{ct('idNoQuestions')}</p> : null}
              {(view.questions ?? []).map((q) => (
                <div key={q.id} class="va-id-question" data-testid="idcheck-question">
                  <p>
                    {localized(q.question, lang)}
                    <span class="va-field-meta">
                      {' '}
                      – {q.expected ? ct('idExpected', { value: q.expected }) : ct('idCompareDocument')}
                    </span>
                  </p>
                  <button
                    type="button"
                    class="va-case-small"
                    aria-pressed={q.answer === 'correct'}
                    onClick={() => act(cases.idAnswer(q.id, 'correct'))}
                    data-testid="idcheck-correct"
                  >
                    {ct('idCorrect')}
                  </button>
                  <button
                    type="button"
                    class="va-case-small"
                    aria-pressed={q.answer === 'incorrect'}
                    onClick={() => act(cases.idAnswer(q.id, 'incorrect'))}
                  >
                    {ct('idIncorrect')}
                  </button>
                </div>
              ))}
              {pickable.length > 0 ? (
                <div class="va-id-ask">
                  <label for="va-id-ask">{ct('idAskLabel')}</label>
                  <select
                    id="va-id-ask"
                    value={picked}
                    onChange={(e) => setPicked(e.currentTarget.value)}
                    data-testid="idcheck-ask-select"
                  >
                    {pickable.map((q) => (
                      <option key={q.id} value={q.id}>
                        {localized(q.question, lang)}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    class="va-case-small"
                    onClick={() => act(cases.idAsk(picked || pickable[0]!.id))}
                    data-testid="idcheck-ask"
                  >
                    {ct('idAskButton')}
                  </button>
                  <p class="va-field-help">{ct('idAskHint')}</p>
                </div>
              ) : null}
            </fieldset>
          ) : null}
          <div class="va-id-result">
            <label for="va-id-last4">{ct('idLast4')}</label>
            <input
              id="va-id-last4"
              type="text"
              maxLength={4}
              autoComplete="off"
              value={last4}
              onInput={(e) => setLast4(e.currentTarget.value.toUpperCase())}
              data-testid="idcheck-last4"
            />
            <div class="va-case-row">
              <button
                type="button"
                class="va-case-button"
                onClick={() => act(cases.idComplete(true, last4 || null))}
                data-testid="idcheck-verified"
              >
                {ct('idVerified')}
              </button>
              <button
                type="button"
                class="va-case-button va-case-button--secondary"
                onClick={() => act(cases.idComplete(false, last4 || null))}
                data-testid="idcheck-not-verified"
              >
                {ct('idNotVerified')}
              </button>
              <button type="button" class="va-case-link" onClick={() => act(cases.idCancel())}>
                {ct('idCancel')}
              </button>
            </div>
          </div>
        </>
      )}
    </div>
  );
}
