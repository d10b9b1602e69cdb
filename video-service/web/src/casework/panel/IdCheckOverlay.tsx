/**
 * The ID check's current step over the citizen's call (issue 11, item 9): when the clerk starts the check,
 * the citizen sees "Schritt 1 von 4: Vorderseite" and what to do at once, whether the casework panel is
 * open, closed or on another tab — with the back-camera switch at hand on phones. It sits at the top of
 * the call and never over the citizen's own picture, which they need to hold the document right.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { RoomClient } from '../../room-client.ts';
import { useUi } from '../../ui/context.ts';
import { caseClientOf } from './case-clients.ts';
import type { CaseState } from './case-client.ts';
import { CitizenStillStatus } from './CitizenStillStatus.tsx';
import { caseTranslator, loadCaseTexts, localized } from './texts.ts';

export type IdCheckOverlayView = (props: { client: RoomClient; panelOpen: boolean }) => JSX.Element | null;

export function IdCheckOverlay({ client, panelOpen }: { client: RoomClient; panelOpen: boolean }): JSX.Element | null {
  const { lang } = useUi();
  const cases = caseClientOf(client);
  const [state, setState] = useState<CaseState>(cases.store.getState());
  const [textsLoaded, setTextsLoaded] = useState(0);
  useEffect(() => cases.store.subscribe(setState), [cases]);
  useEffect(() => {
    let current = true;
    loadCaseTexts(lang).then(
      () => current && setTextsLoaded((n) => n + 1),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [lang]);
  const ct = useMemo(() => caseTranslator(lang), [lang, textsLoaded]);
  const view = state.snapshot?.idCheck;
  if (!view || view.status !== 'in_progress' || state.snapshot?.finishedAt) return null;
  const index = view.steps.indexOf(view.step);
  const touch = (globalThis.navigator?.maxTouchPoints ?? 0) > 0;
  // With the panel open its ID tab announces the guidance; announcing it here too would say it twice.
  const live = panelOpen ? {} : { role: 'status' as const, 'aria-live': 'polite' as const };
  return (
    <section class="va-id-overlay" aria-label={ct('idTitle')} data-testid="idcheck-overlay" data-step={view.step}>
      <p class="va-id-overlay-step">
        {ct('idStepOf', { n: index + 1, total: view.steps.length })}: {ct(`idStep_${view.step}`)}
      </p>
      <p class="va-id-overlay-guidance" {...live} data-testid="idcheck-overlay-guidance">
        {localized(view.guidance, lang)}
      </p>
      {view.suggestBackCamera && touch ? (
        <button
          type="button"
          class="va-chip"
          onClick={() => void client.media.switchCamera()}
          data-testid="idcheck-overlay-back-camera"
        >
          {ct('idBackCamera')}
        </button>
      ) : null}
      {panelOpen ? null : <CitizenStillStatus still={state.still} ct={ct} />}
    </section>
  );
}
