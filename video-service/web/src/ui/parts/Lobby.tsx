/**
 * The clerk's view of the waiting room: who waits and for how long (live), and per person "Admit",
 * "Write" (a short message they see while waiting), "Tell waiting time" (an estimate they see in their language)
 * and "Turn away" (with an optional message).
 * Each person's connectivity check (once their page reported it) is an icon and words, not colour alone.
 * Test hooks: `admit-button`, `message-button`, `reject-button` (each with `data-participant`),
 * `estimate-button`, `lobby-network` (`data-status`), `lobby-text` and `lobby-send` in the open form,
 * `estimate-minutes`, `estimate-send` and `estimate-sent` in the estimate form.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { WaitingEntry, WaitingEstimate } from '@virtuelles-amt/video-service/contract/signalling';
import { formatClock, formatMinutes, formatWaitingDuration } from '../../i18n/format.ts';
import { useNow, useUi } from '../context.ts';
import { StatusIcon } from './icons.tsx';

type FormKind = 'message' | 'reject' | 'estimate';
type Form = { id: string; kind: FormKind } | null;

/** The estimates a clerk can choose from, in minutes (0 = "any moment now"). */
export const ESTIMATE_CHOICES = [0, 5, 10, 15, 30] as const;

export function Lobby({ waiting, busy }: { waiting: WaitingEntry[]; busy: string[] }): JSX.Element {
  const { t } = useUi();
  const [form, setForm] = useState<Form>(null);
  const someone = waiting.length > 0;
  return (
    <aside class={`va-lobby ${someone ? 'va-lobby--active' : ''}`} aria-labelledby="va-lobby-title" data-testid="lobby">
      <h2 id="va-lobby-title" class="va-lobby-title">
        {someone ? t('lobbyWaitingTitle', { count: waiting.length }) : t('lobbyTitle')}
      </h2>
      {someone ? (
        <ul class="va-lobby-list">
          {waiting.map((entry) => (
            <LobbyEntry
              key={entry.id}
              entry={entry}
              busy={busy.includes(entry.id)}
              form={form?.id === entry.id ? form.kind : null}
              setForm={setForm}
            />
          ))}
        </ul>
      ) : (
        <p class="va-lobby-empty">{t('lobbyEmpty')}</p>
      )}
    </aside>
  );
}

interface EntryProps {
  entry: WaitingEntry;
  busy: boolean;
  form: FormKind | null;
  setForm: (form: Form) => void;
}

function LobbyEntry({ entry, busy, form, setForm }: EntryProps): JSX.Element {
  const { client, t, lang } = useUi();
  const now = useNow(5_000);
  const name = entry.name || t(`role_${entry.role}`);
  const waited = now - Date.parse(entry.since);
  const since = !entry.connected
    ? t('waitingDisconnected')
    : Number.isNaN(waited) || waited < 60_000
      ? t('waitingJustNow')
      : t('waitingSince', { duration: formatWaitingDuration(waited, lang) });
  const hooks = (testId: string) => ({ 'data-testid': testId, 'data-participant': entry.id });
  return (
    <li class="va-lobby-entry">
      <p class="va-lobby-who">
        <span class="va-lobby-name">{name}</span>
        <span class="va-lobby-since" data-testid="waiting-since">
          {since}
        </span>
        {entry.network ? (
          <span
            class={`va-check va-check--${entry.network} va-lobby-net`}
            data-testid="lobby-network"
            data-status={entry.network}
          >
            <StatusIcon status={entry.network} />
            {t(`lobbyNetwork_${entry.network}`)}
          </span>
        ) : null}
      </p>
      <div class="va-lobby-actions">
        <button
          type="button"
          class="va-button va-button--primary"
          aria-label={t('admitButtonLabel', { name })}
          disabled={busy}
          onClick={() => void client.clerk.admit(entry.id)}
          {...hooks('admit-button')}
        >
          {t('admitButton')}
        </button>
        <button
          type="button"
          class="va-button va-button--small"
          aria-expanded={form === 'message'}
          aria-label={t('messageButtonLabel', { name })}
          onClick={() => setForm(form === 'message' ? null : { id: entry.id, kind: 'message' })}
          {...hooks('message-button')}
        >
          {t('messageButton')}
        </button>
        <button
          type="button"
          class="va-button va-button--small"
          aria-expanded={form === 'estimate'}
          aria-label={t('estimateButtonLabel', { name })}
          onClick={() => setForm(form === 'estimate' ? null : { id: entry.id, kind: 'estimate' })}
          {...hooks('estimate-button')}
        >
          {t('estimateButton')}
        </button>
        <button
          type="button"
          class="va-button va-button--small va-button--danger"
          aria-expanded={form === 'reject'}
          aria-label={t('rejectButtonLabel', { name })}
          onClick={() => setForm(form === 'reject' ? null : { id: entry.id, kind: 'reject' })}
          {...hooks('reject-button')}
        >
          {t('rejectButton')}
        </button>
      </div>
      {form === 'estimate' ? (
        <EstimateForm entry={entry} name={name} busy={busy} close={() => setForm(null)} />
      ) : form ? (
        <LobbyForm entry={entry} name={name} kind={form} busy={busy} close={() => setForm(null)} />
      ) : null}
    </li>
  );
}

function LobbyForm({
  entry,
  name,
  kind,
  busy,
  close,
}: {
  entry: WaitingEntry;
  name: string;
  kind: 'message' | 'reject';
  busy: boolean;
  close: () => void;
}): JSX.Element {
  const { client, t } = useUi();
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), [kind]);
  const id = `va-lobby-${kind}-${entry.id}`;
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (kind === 'reject') {
      if (await client.clerk.reject(entry.id, text)) close();
    } else if (await client.clerk.message(entry.id, text)) {
      setText('');
      setSent(true);
    }
  };
  return (
    <form class="va-lobby-form" onSubmit={(event) => void submit(event)}>
      <label for={id}>{kind === 'reject' ? t('rejectMessageLabel', { name }) : t('messageLabel', { name })}</label>
      <textarea
        id={id}
        class="va-textarea"
        rows={2}
        maxLength={500}
        value={text}
        required={kind === 'message'}
        onInput={(event) => {
          setText(event.currentTarget.value);
          setSent(false);
        }}
        ref={field}
        data-testid="lobby-text"
      />
      <div class="va-form-actions">
        <button
          type="submit"
          class={`va-button va-button--small ${kind === 'reject' ? 'va-button--danger-solid' : 'va-button--primary'}`}
          disabled={busy}
          data-testid="lobby-send"
        >
          {kind === 'reject' ? t('rejectConfirm') : t('messageSend')}
        </button>
        <button type="button" class="va-button va-button--small va-button--quiet" onClick={close}>
          {t('cancel')}
        </button>
      </div>
      {sent ? (
        <p role="status" class="va-hint">
          {t('messageSent')}
        </p>
      ) : null}
    </form>
  );
}

/** "Tell waiting time": one choice (keyboard: a native select), sent as `lobby:estimate`; shows what was sent. */
function EstimateForm({
  entry,
  name,
  busy,
  close,
}: {
  entry: WaitingEntry;
  name: string;
  busy: boolean;
  close: () => void;
}): JSX.Element {
  const { client, t, lang } = useUi();
  const [minutes, setMinutes] = useState<number>(10);
  const [sent, setSent] = useState<WaitingEstimate | null>(null);
  const field = useRef<HTMLSelectElement>(null);
  useEffect(() => field.current?.focus(), []);
  const id = `va-lobby-estimate-${entry.id}`;
  const choice = (m: number) =>
    m === 0 ? t('estimateChoiceNow') : t('estimateChoice', { duration: formatMinutes(m, lang) });
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setSent(await client.clerk.estimate(entry.id, minutes));
  };
  return (
    <form class="va-lobby-form" onSubmit={(event) => void submit(event)}>
      <label for={id}>{t('estimateLabel', { name })}</label>
      <select
        id={id}
        class="va-select"
        value={String(minutes)}
        onChange={(event) => setMinutes(Number(event.currentTarget.value))}
        ref={field}
        data-testid="estimate-minutes"
      >
        {ESTIMATE_CHOICES.map((m) => (
          <option key={m} value={String(m)}>
            {choice(m)}
          </option>
        ))}
      </select>
      <div class="va-form-actions">
        <button
          type="submit"
          class="va-button va-button--small va-button--primary"
          disabled={busy}
          data-testid="estimate-send"
        >
          {t('estimateSend')}
        </button>
        <button type="button" class="va-button va-button--small va-button--quiet" onClick={close}>
          {t('cancel')}
        </button>
      </div>
      <p role="status" class="va-hint" data-testid="estimate-sent">
        {sent ? t('estimateSent', { estimate: choice(sent.minutes), time: formatClock(sent.sentAt, lang) }) : ''}
      </p>
    </form>
  );
}
