/** Advice for browsers that cannot (or may not) hold the call: no WebRTC, no HTTPS, inside a frame, an app's browser. */
import type { JSX } from 'preact';
import { callImpossible, type BrowserAdvice as Advice } from '../../checks/connectivity.ts';
import { useUi } from '../context.ts';

export function BrowserAdvice({ advice }: { advice: Advice[] }): JSX.Element | null {
  const { t } = useUi();
  if (advice.length === 0) return null;
  const blocking = callImpossible(advice);
  return (
    <div
      class={`va-callout ${blocking ? 'va-callout--problem' : 'va-callout--warning'}`}
      role={blocking ? 'alert' : undefined}
      data-testid="browser-advice"
      data-advice={advice.join(' ')}
    >
      <h2 class="va-callout-title">{blocking ? t('browserUnsupportedTitle') : t('browserAdviceTitle')}</h2>
      {advice.map((item) => (
        <p key={item}>{t(`browserAdvice_${item}`)}</p>
      ))}
    </div>
  );
}
