/**
 * Signing a frozen document (citizen): review the rendered draft, then sign by drawing (the pad is a lazy
 * chunk, loaded only now) or by Hidden-TAN (shown only on a deliberate click; 6 digits; wrong, expired
 * and locked TANs explained).
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DocumentInfo, SigningRefusalReason, TanChannel } from '@virtuelles-amt/video-service/contract/casework';
import { RequestError } from '../../signalling/room-socket.ts';
import { formatClock } from '../../i18n/format.ts';
import { useCase } from './case-context.ts';
import type { SignaturePad } from './signature-pad.ts';
import { localized, type CaseTextKey } from './texts.ts';

export function SigningBox({ document: doc }: { document: DocumentInfo }): JSX.Element {
  const { ct, lang } = useCase();
  const [method, setMethod] = useState<'draw' | 'tan' | null>(null);
  const [showDraft, setShowDraft] = useState(false);
  const { cases } = useCase();
  // The clerk reads "is signing" from the moment a way to sign is open here until it closes (issue 11, item 13).
  const opened = method !== null;
  useEffect(() => {
    if (!opened) return;
    cases.signingPresence(doc.id, true);
    return () => cases.signingPresence(doc.id, false);
  }, [opened, cases, doc.id]);
  return (
    <section class="va-sign" aria-labelledby={`va-sign-${doc.id}`} data-testid="signing" data-document={doc.id}>
      <h4 id={`va-sign-${doc.id}`} class="va-case-h4">
        {ct('signTitle', { title: localized(doc.title, lang) })}
      </h4>
      <p>{ct('signIntro')}</p>
      <p class="va-case-row">
        <a class="va-case-link" href={doc.reviewUrl} target="_blank" rel="noopener" data-testid="sign-review">
          {ct('docReview')}
        </a>
        <button type="button" class="va-case-link" aria-expanded={showDraft} onClick={() => setShowDraft(!showDraft)}>
          {ct('docReviewShow')}
        </button>
      </p>
      {showDraft ? <iframe class="va-sign-frame" src={doc.reviewUrl} title={ct('docReview')} /> : null}
      <div class="va-case-row" role="group" aria-label={ct('signTitle', { title: '' })}>
        <button
          type="button"
          class="va-case-button"
          aria-pressed={method === 'draw'}
          onClick={() => setMethod('draw')}
          data-testid="sign-method-draw"
        >
          {ct('signDraw')}
        </button>
        <button
          type="button"
          class="va-case-button"
          aria-pressed={method === 'tan'}
          onClick={() => setMethod('tan')}
          data-testid="sign-method-tan"
        >
          {ct('signTan')}
        </button>
      </div>
      {method === 'draw' ? <DrawSigning doc={doc} /> : method === 'tan' ? <TanSigning doc={doc} /> : null}
    </section>
  );
}

function DrawSigning({ doc }: { doc: DocumentInfo }): JSX.Element {
  const { ct, cases, fail } = useCase();
  const area = useRef<HTMLDivElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const [ready, setReady] = useState(false);
  const [empty, setEmpty] = useState(true);
  const [busy, setBusy] = useState(false);
  const [hint, setHint] = useState(false);
  useEffect(() => {
    let live = true;
    void import('./signature-pad.ts').then(({ createSignaturePad }) => {
      if (!live || !area.current) return;
      pad.current = createSignaturePad(area.current, setEmpty);
      setReady(true);
      // On a phone the pad opens below the fold of the sheet: bring it into view, or the tap seems to do nothing.
      area.current.scrollIntoView?.({ block: 'nearest' });
    });
    return () => {
      live = false;
      pad.current?.destroy();
    };
  }, []);
  const submit = async (): Promise<void> => {
    if (!pad.current || pad.current.empty) {
      setHint(true);
      return;
    }
    setBusy(true);
    try {
      await cases.signDrawn(doc.id, { format: 'png', data: pad.current.toPngBase64() });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="va-pad" role="group" aria-label={ct('signDraw')} aria-describedby={`va-pad-${doc.id}-help`}>
      <p id={`va-pad-${doc.id}-help`} class="va-field-help">
        {ct('padHelp')}
      </p>
      {!ready ? <p>{ct('padLoading')}</p> : null}
      <div
        ref={area}
        class="va-pad-area"
        role="img"
        aria-label={ct('padLabel')}
        data-testid="signature-pad"
        data-ready={ready ? 'true' : 'false'}
      />
      {hint && empty ? (
        <p class="va-field-issue" role="alert">
          {ct('padEmpty')}
        </p>
      ) : null}
      <div class="va-case-row">
        <button
          type="button"
          class="va-case-button va-case-button--secondary"
          onClick={() => pad.current?.clear()}
          data-testid="signature-clear"
        >
          {ct('padClear')}
        </button>
        <button
          type="button"
          class="va-case-button"
          disabled={busy || !ready}
          onClick={() => void submit()}
          data-testid="signature-submit"
        >
          {ct('padSubmit')}
        </button>
      </div>
    </div>
  );
}

/** The words for each machine-readable signing refusal of the service (`error.reason`). */
const TAN_REFUSALS: Record<SigningRefusalReason, CaseTextKey> = {
  tan_format: 'tanFormat',
  tan_wrong: 'tanWrong',
  tan_expired: 'tanExpired',
  tan_locked: 'tanLocked',
  tan_used: 'tanUsed',
  tan_other_document: 'tanOtherDocument',
  tan_missing: 'tanMissing',
  tan_limit: 'tanLimit',
  sms_unavailable: 'tanSmsUnavailable',
  sms_no_phone: 'tanSmsNoPhone',
  sms_failed: 'tanSmsFailed',
  already_signed: 'tanAlreadySigned',
};

interface TanProblem {
  /** The service's reason (or `tan_format` when the entry is not 6 digits). */
  code: SigningRefusalReason;
  key: CaseTextKey;
  left?: number;
}

/** The service's refusal of a TAN, by its reason code (never by the English message). */
function tanError(error: unknown): TanProblem | null {
  if (!(error instanceof RequestError) || !error.reason || !(error.reason in TAN_REFUSALS)) return null;
  const code = error.reason as SigningRefusalReason;
  if (code === 'tan_wrong')
    return error.attemptsLeft
      ? { code, key: 'tanWrong', left: error.attemptsLeft }
      : { code, key: 'tanWrongLast', left: 0 };
  return { code, key: TAN_REFUSALS[code] };
}

function TanSigning({ doc }: { doc: DocumentInfo }): JSX.Element {
  const { ct, cases, state, fail, lang } = useCase();
  const issued = state.tan?.documentId === doc.id ? state.tan : null;
  const [revealed, setRevealed] = useState(false);
  const [stage, setStage] = useState<'see' | 'type'>('see');
  const [entry, setEntry] = useState('');
  const [problem, setProblem] = useState<TanProblem | null>(null);
  const [busy, setBusy] = useState(false);
  // The SMS-TAN is offered where a gateway is configured and the form holds a phone number (issue 11, item 12).
  const smsTo = state.snapshot?.signing.tanChannels.includes('sms') ? doc.smsTanTo : undefined;
  const request = async (channel: TanChannel = 'hidden'): Promise<void> => {
    setBusy(true);
    setRevealed(false);
    setStage('see');
    setProblem(null);
    setEntry('');
    try {
      await cases.requestTan(doc.id, channel);
      if (channel === 'sms') setTimeout(() => document.getElementById(`va-tan-${doc.id}`)?.focus(), 50);
    } catch (error) {
      const known = tanError(error);
      if (known) setProblem(known);
      else fail(error);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (): Promise<void> => {
    if (!/^\d{6}$/.test(entry)) {
      setProblem({ code: 'tan_format', key: 'tanFormat' });
      return;
    }
    setBusy(true);
    try {
      await cases.confirmTan(doc.id, entry);
    } catch (error) {
      const known = tanError(error);
      if (known) setProblem(known);
      else fail(error);
    } finally {
      setBusy(false);
    }
  };
  const until = issued ? formatClock(issued.expiresAt, lang) : '';
  // Hidden-TAN in two steps (issue 11, item 12): see it (on a deliberate, reversible click), then type it —
  // the number is never on the screen where it is typed.
  const typing = stage === 'type' || (issued !== null && !issued.tan);
  const goTo = (next: 'see' | 'type'): void => {
    setRevealed(false);
    setStage(next);
    setTimeout(
      () => document.getElementById(next === 'type' ? `va-tan-${doc.id}` : `va-tan-${doc.id}-reveal`)?.focus(),
      50,
    );
  };
  return (
    <div class="va-tan">
      <p class="va-case-row">
        <button
          type="button"
          class="va-case-button va-case-button--secondary"
          disabled={busy}
          onClick={() => void request()}
          data-testid="tan-request"
        >
          {ct('tanRequest')}
        </button>
        {smsTo ? (
          <button
            type="button"
            class="va-case-button va-case-button--secondary"
            disabled={busy}
            onClick={() => void request('sms')}
            data-testid="tan-request-sms"
          >
            {ct('tanRequestSms', { to: smsTo })}
          </button>
        ) : null}
      </p>
      {issued ? (
        <>
          {issued.sentTo ? (
            <p class="va-case-note" role="status" data-testid="tan-sent">
              {ct('tanSmsSent', { to: issued.sentTo })}
            </p>
          ) : null}
          <p class="va-field-help">{ct('tanExpires', { until, left: issued.attemptsLeft })}</p>
          {issued.tan && !typing ? (
            <div class="va-tan-step" data-testid="tan-step-see">
              <details class="va-tan-explain" data-testid="tan-explain">
                <summary>{ct('tanWhatTitle')}</summary>
                <p>{ct('tanWhatText')}</p>
              </details>
              <p>{ct('tanHidden')}</p>
              <p class="va-case-row">
                <button
                  type="button"
                  id={`va-tan-${doc.id}-reveal`}
                  class="va-case-button va-case-button--secondary"
                  aria-pressed={revealed}
                  onClick={() => setRevealed(!revealed)}
                  data-testid="tan-reveal"
                >
                  {revealed ? ct('tanHide') : ct('tanReveal')}
                </button>
              </p>
              {revealed ? (
                <p class="va-tan-value" data-testid="tan-value">
                  {ct('tanShown', { tan: issued.tan })}
                </p>
              ) : null}
              <p class="va-case-row">
                <button type="button" class="va-case-button" onClick={() => goTo('type')} data-testid="tan-next">
                  {ct('tanNext')}
                </button>
              </p>
            </div>
          ) : (
            <div class="va-tan-step" data-testid="tan-step-type">
              <label for={`va-tan-${doc.id}`}>{ct('tanInput')}</label>
              <input
                id={`va-tan-${doc.id}`}
                class="va-tan-input"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                value={entry}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `va-tan-${doc.id}-error` : undefined}
                onInput={(e) => setEntry(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') void confirm();
                }}
                data-testid="tan-input"
              />
              <p class="va-case-row">
                <button
                  type="button"
                  class="va-case-button"
                  disabled={busy}
                  onClick={() => void confirm()}
                  data-testid="tan-confirm"
                >
                  {ct('tanConfirm')}
                </button>
                {issued.tan ? (
                  <button type="button" class="va-case-link" onClick={() => goTo('see')} data-testid="tan-back">
                    {ct('tanBack')}
                  </button>
                ) : null}
              </p>
            </div>
          )}
        </>
      ) : null}
      {problem ? (
        <p
          id={`va-tan-${doc.id}-error`}
          class="va-field-issue"
          role="alert"
          data-testid="tan-error"
          data-code={problem.code}
        >
          {ct(problem.key, { left: problem.left ?? 0 })}
        </p>
      ) : null}
    </div>
  );
}
