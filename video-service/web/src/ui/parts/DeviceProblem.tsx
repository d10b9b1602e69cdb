/**
 * Explains why camera or microphone are missing and how to fix it, with a retry. `hint` says what happens
 * meanwhile (before joining: one may join anyway; in the call's device check: the call goes on).
 */
import type { JSX } from 'preact';
import type { MessageKey } from '../../i18n/index.ts';
import type { LocalMediaState } from '../../state.ts';
import { useUi } from '../context.ts';

export function DeviceProblem({
  local,
  hint = 'joinWithoutDevicesHint',
}: {
  local: LocalMediaState;
  hint?: MessageKey;
}): JSX.Element | null {
  const { client, t } = useUi();
  if (!local.problem || local.acquiring) return null;
  return (
    <div class="va-callout va-callout--warning" role="alert" data-testid="device-error">
      <h2 class="va-callout-title">{t('deviceProblemTitle')}</h2>
      <p>{t(`deviceProblem_${local.problem}`)}</p>
      <p>{t(hint)}</p>
      <button type="button" class="va-button" onClick={() => void client.media.preview()}>
        {t('retry')}
      </button>
    </div>
  );
}
