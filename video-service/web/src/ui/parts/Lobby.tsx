/**
 * The clerk's view of the waiting room: who waits, for how long, and an admit button per person
 * (test hook: `admit-button` with `data-participant`).
 */
import type { JSX } from 'preact';
import type { WaitingEntry } from '../../../../src/contract/signalling.ts';
import { formatWaitingDuration } from '../../i18n/format.ts';
import { useNow, useUi } from '../context.ts';

export function Lobby({ waiting, admitting }: { waiting: WaitingEntry[]; admitting: string[] }): JSX.Element {
  const { client, t, lang } = useUi();
  const now = useNow(15_000);
  const someone = waiting.length > 0;
  return (
    <aside class={`va-lobby ${someone ? 'va-lobby--active' : ''}`} aria-labelledby="va-lobby-title">
      <h2 id="va-lobby-title" class="va-lobby-title">
        {someone ? t('lobbyWaitingTitle') : t('lobbyTitle')}
      </h2>
      {someone ? (
        <ul class="va-lobby-list">
          {waiting.map((entry) => {
            const waited = now - Date.parse(entry.since);
            const since = entry.connected === false
              ? t('waitingDisconnected')
              : Number.isNaN(waited) || waited < 60_000
                ? t('waitingJustNow')
                : t('waitingSince', { duration: formatWaitingDuration(waited, lang) });
            return (
              <li class="va-lobby-entry" key={entry.id}>
                <span class="va-lobby-name">{entry.name || t(`role_${entry.role}`)}</span>
                <span class="va-lobby-since">{since}</span>
                <button
                  type="button"
                  class="va-button va-button--primary"
                  aria-label={t('admitButtonLabel', { name: entry.name || t(`role_${entry.role}`) })}
                  disabled={admitting.includes(entry.id)}
                  onClick={() => void client.admit(entry.id)}
                  data-testid="admit-button"
                  data-participant={entry.id}
                >
                  {t('admitButton')}
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="va-lobby-empty">{t('lobbyEmpty')}</p>
      )}
    </aside>
  );
}
