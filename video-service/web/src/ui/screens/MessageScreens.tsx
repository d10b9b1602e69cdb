/** The plain one-message screens: loading, connecting, left, replaced, closed. */
import type { JSX } from 'preact';
import type { RoomState } from '../../state.ts';
import { useUi } from '../context.ts';
import { Heading } from '../parts/Heading.tsx';

export function LoadingScreen(): JSX.Element {
  const { t } = useUi();
  return (
    <div class="va-message">
      <span class="va-spinner" aria-hidden="true" />
      <Heading>{t('loading')}</Heading>
    </div>
  );
}

export function ConnectingScreen(): JSX.Element {
  const { t } = useUi();
  return (
    <div class="va-message">
      <span class="va-spinner" aria-hidden="true" />
      <Heading>{t('connecting')}</Heading>
    </div>
  );
}

export function LeftScreen({ state }: { state: RoomState }): JSX.Element {
  const { client, t } = useUi();
  return (
    <div class="va-message" data-testid="left-screen">
      <Heading>{t('leftTitle')}</Heading>
      {state.notice ? <p>{t(state.notice)}</p> : null}
      <p>{t('leftText')}</p>
      <button
        type="button"
        class="va-button va-button--primary va-button--large"
        onClick={() => void client.join()}
        data-testid="rejoin-button"
      >
        {t('rejoinButton')}
      </button>
    </div>
  );
}

export function ReplacedScreen(): JSX.Element {
  const { client, t } = useUi();
  return (
    <div class="va-message" data-testid="replaced-screen">
      <Heading>{t('replacedTitle')}</Heading>
      <p>{t('replacedText')}</p>
      <button type="button" class="va-button" onClick={() => void client.join()}>
        {t('replacedTakeBack')}
      </button>
    </div>
  );
}

export function ClosedScreen({ state }: { state: RoomState }): JSX.Element {
  const { t, lang } = useUi();
  // The citizen's way back to the documents: /documents/mine turns this tab's session cookie into a fresh
  // documents-page link (the mail after the case carries one too). Not after a cancellation or revocation.
  const documents = state.self?.role === 'citizen' && state.closedReason === 'ended';
  return (
    <div class="va-message" data-testid="closed-screen" data-reason={state.closedReason ?? 'closed'}>
      <Heading>{t('closedTitle')}</Heading>
      <p>{t(`closedText_${state.closedReason ?? 'closed'}`)}</p>
      {documents ? (
        <>
          <p>{t('closedDocuments')}</p>
          <p>
            <a
              class="va-button va-button--primary"
              href={`/documents/mine?lang=${lang}`}
              data-testid="closed-documents-link"
            >
              {t('closedDocumentsLink')}
            </a>
          </p>
        </>
      ) : null}
      {state.self?.role === 'clerk' && state.workplaceUrl ? (
        <p>
          <a class="va-button va-button--primary" href={state.workplaceUrl} data-testid="closed-workplace-link">
            {t('closedWorkplaceLink')}
          </a>
        </p>
      ) : (
        <p>{t('closedHint')}</p>
      )}
    </div>
  );
}

export function RejectedScreen({ state }: { state: RoomState }): JSX.Element {
  const { t } = useUi();
  return (
    <div class="va-message" data-testid="rejected-screen">
      <Heading>{t('rejectedTitle')}</Heading>
      {state.rejectedMessage ? (
        <blockquote class="va-quote">
          <p class="va-quote-label">{t('lobbyMessagesTitle')}</p>
          <p>{state.rejectedMessage}</p>
        </blockquote>
      ) : null}
      <p>{t('rejectedText')}</p>
    </div>
  );
}
